// saveModel: a model (and its metadata, and optional extra weight groups) written in the
// TensorFlow.js layers format to a directory (Node, atomically), a URL or any tfjs IO route
// (`indexeddb://name`, `localstorage://name`, `downloads://name`, `http(s)://…` POST), or an IOHandler.

import { io } from '@tensorflow/tfjs-core';
import { RnnkitError, isRnnkitError } from '../errors.js';
import { ioError, unsupported } from './io-errors.js';
import type { SavableModel } from './model-adapter.js';
import { modelDirectory } from './model-directory.js';
import { modelLocation } from './model-location.js';
import { modelToArtifacts } from './model-to-artifacts.js';
import type { ModelToArtifactsOptions } from './model-to-artifacts.js';

/** Where to save: a directory path (Node), a tfjs IO URL (`indexeddb://name`…), or an IOHandler. */
export type ModelTarget = string | io.IOHandler;

/** Options of {@link saveModel}. */
export interface SaveModelOptions extends ModelToArtifactsOptions {
  /**
   * Replace an existing model directory (directories only; it must hold a model.json).
   * @default false
   */
  overwrite?: boolean;
  /**
   * Largest weight shard file in a directory, in bytes.
   * @default 4 MiB
   */
  shardSizeBytes?: number;
}

/**
 * Saves a built model in the TensorFlow.js layers format (model.json + weight shards), which
 * `tf.loadLayersModel`, `loadModel` and `tensorflowjs_converter` read.
 *
 * @example
 * ```ts
 * await saveModel(model, './models/temperature', {
 *   metadata: { scaler, window: { window: 24, horizon: 1 }, history },
 *   overwrite: true,
 * });
 * ```
 */
export async function saveModel(model: SavableModel, target: ModelTarget, options: SaveModelOptions = {}): Promise<io.SaveResult> {
  const handler = saveHandler(target, options);
  const artifacts = await modelToArtifacts(model, options);
  try {
    return await (handler.save as (a: io.ModelArtifacts) => Promise<io.SaveResult>)(artifacts);
  } catch (error) {
    if (isRnnkitError(error)) throw error;
    throw ioError(`saveModel: ${typeof target === 'string' ? `'${target}'` : 'IOHandler'}`, 'saving failed', error);
  }
}

function saveHandler(target: ModelTarget, options: SaveModelOptions): io.IOHandler {
  if (typeof target !== 'string') {
    if (target === null || typeof target !== 'object' || typeof target.save !== 'function') {
      throw new RnnkitError('INVALID_ARGUMENT', 'saveModel: target must be a directory path, a URL or an IOHandler with save()');
    }
    return target;
  }
  const location = modelLocation(target);
  if (location.kind === 'directory') {
    const directory: { overwrite: boolean; shardSizeBytes?: number } = { overwrite: options.overwrite ?? false };
    if (options.shardSizeBytes !== undefined) directory.shardSizeBytes = options.shardSizeBytes;
    return modelDirectory(location.path, directory);
  }
  const handler = io.getSaveHandlers(location.url)[0];
  if (!handler) throw unsupported(`saveModel: '${target}'`, `no tfjs IO route handles '${location.scheme}://' here (IndexedDB and localStorage exist in browsers)`);
  return handler;
}
