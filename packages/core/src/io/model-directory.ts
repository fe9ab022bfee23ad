// A tfjs IOHandler for a model directory in Node: `save` writes model.json plus
// `group1-shard{i}of{n}.bin` shards of at most 4 MiB (tensorflowjs_converter's layout) atomically;
// `load` reads it back with every check of read-model-directory.ts. tf.layers models can use it
// too: `tfModel.save(modelDirectory('./m'))`, `tf.loadLayersModel(modelDirectory('./m'))`.

import { io } from '@tensorflow/tfjs-core';
import { RnnkitError } from '../errors.js';
import type { LoadLimits } from './load-limits.js';
import { resolveLoadLimits } from './load-limits.js';
import { toModelJson } from './model-json.js';
import type { FileSystem } from './node-modules.js';
import { readModelDirectory } from './read-model-directory.js';
import { writeModelDirectory } from './write-model-directory.js';
import type { ModelFile } from './write-model-directory.js';

/** Options of {@link modelDirectory}. */
export interface ModelDirectoryOptions extends LoadLimits {
  /**
   * Replace an existing model directory when saving.
   * @default false
   */
  overwrite?: boolean;
  /**
   * Largest weight shard file, in bytes.
   * @default 4 MiB (4194304, as tensorflowjs_converter)
   */
  shardSizeBytes?: number;
  /**
   * The file system to use (anything with these `node:fs/promises` calls, e.g. to inject failures in tests).
   * @default `node:fs/promises`, imported on first use
   */
  fs?: FileSystem;
}

/** Default largest shard (tensorflowjs_converter's `--weight_shard_size_bytes`). */
export const defaultShardSizeBytes = 4 * 1024 * 1024;

/**
 * An IOHandler reading and writing a model directory (Node only).
 *
 * @example
 * ```ts
 * import * as tfl from '@tensorflow/tfjs-layers';
 * await tfModel.save(modelDirectory('./models/from-tfjs'));
 * const { model } = await loadModel('./models/from-tfjs');
 * ```
 */
export function modelDirectory(path: string, options: ModelDirectoryOptions = {}): io.IOHandler {
  const shardSize = options.shardSizeBytes ?? defaultShardSizeBytes;
  if (!Number.isSafeInteger(shardSize) || shardSize < 4) {
    throw new RnnkitError('INVALID_ARGUMENT', `modelDirectory: shardSizeBytes must be an integer ≥ 4, got ${String(shardSize)}`);
  }
  const limits = resolveLoadLimits('modelDirectory', options);
  return {
    async save(artifacts: io.ModelArtifacts): Promise<io.SaveResult> {
      const files = modelFiles(artifacts, shardSize);
      const write: { overwrite: boolean; fs?: FileSystem } = { overwrite: options.overwrite ?? false };
      if (options.fs) write.fs = options.fs;
      await writeModelDirectory(path, files, write);
      return { modelArtifactsInfo: io.getModelArtifactsInfoForJSON(artifacts) };
    },
    async load(): Promise<io.ModelArtifacts> {
      const { json, weightData } = await readModelDirectory(path, limits, options.fs);
      const artifacts: io.ModelArtifacts = {
        modelTopology: json.modelTopology,
        format: json.format,
        weightSpecs: json.specs,
        weightData,
        userDefinedMetadata: json.userDefinedMetadata as io.ModelArtifacts['userDefinedMetadata'],
      };
      if (json.generatedBy !== null) artifacts.generatedBy = json.generatedBy;
      if (json.convertedBy !== null) artifacts.convertedBy = json.convertedBy;
      return artifacts;
    },
  };
}

/** model.json and the shard files for `artifacts`. */
export function modelFiles(artifacts: io.ModelArtifacts, shardSize: number): ModelFile[] {
  if (artifacts.modelTopology instanceof ArrayBuffer) throw new RnnkitError('UNSUPPORTED', 'modelDirectory: binary topologies (graph models) are not supported');
  const data = new Uint8Array(io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0)));
  const count = Math.max(1, Math.ceil(data.byteLength / shardSize));
  const shards: ModelFile[] = [];
  for (let i = 0; i < count; i++) shards.push({ name: `group1-shard${i + 1}of${count}.bin`, data: data.subarray(i * shardSize, (i + 1) * shardSize) });
  const json = toModelJson(artifacts, [{ paths: shards.map((s) => s.name), weights: artifacts.weightSpecs ?? [] }]);
  return [...shards, { name: 'model.json', data: JSON.stringify(json) }];
}
