// loadModel: a layers-model from a directory (Node), a URL (through tfjs's io.http), any tfjs IO
// route (`indexeddb://…`) or an IOHandler — checked as untrusted input before anything is
// allocated (see model-json.ts, read-model-directory.ts, guarded-http.ts, build-model.ts).

import { io } from '@tensorflow/tfjs-core';
import type { NamedTensorMap } from '@tensorflow/tfjs-core';
import { RnnkitError, isRnnkitError } from '../errors.js';
import { buildModel, planModel } from './build-model.js';
import { checkArtifacts } from './check-artifacts.js';
import { guardedHttpHandler } from './guarded-http.js';
import type { HttpOptions } from './guarded-http.js';
import { ioError, unsupported } from './io-errors.js';
import type { LoadLimits } from './load-limits.js';
import { resolveLoadLimits } from './load-limits.js';
import type { SequentialModel } from '../model/sequential.js';
import type { CheckedModelJson } from './model-json.js';
import { modelLocation } from './model-location.js';
import { isNodeRuntime } from './node-modules.js';
import { readMetadata } from './model-metadata.js';
import type { LoadedMetadata } from './model-metadata.js';
import { readModelDirectory } from './read-model-directory.js';
import { decodeWeightGroups } from './weight-groups.js';

/** Where to load from: a directory or model.json path (Node; a relative URL in a browser), a URL, `indexeddb://name`, or an IOHandler. */
export type ModelSource = string | io.IOHandler;

/** Options of {@link loadModel}. */
export interface LoadModelOptions extends LoadLimits, HttpOptions {
  /**
   * Scan every float weight and refuse the file (`NON_FINITE`) if one is NaN or ±Infinity.
   * @default false
   */
  checkFinite?: boolean;
  /**
   * Extra weight groups to decode (see `saveModel`'s `weightGroups`): `true` for all, or a list of names.
   * @default false (none are decoded, so none need disposing)
   */
  weightGroups?: boolean | readonly string[];
}

/** What {@link loadModel} returns. */
export interface LoadedModel {
  /** The model, weights in place. */
  model: SequentialModel;
  /** The file's `userDefinedMetadata`, known fields checked. */
  metadata: LoadedMetadata;
  /** Decoded extra weight groups (owned by the caller: dispose them); `{}` unless asked for. */
  weightGroups: Record<string, NamedTensorMap>;
  /** Who wrote the file (`'rnnkit v0.1.0'`, `'keras v2.15.0'`, `'TensorFlow.js tfjs-layers v4.22.0'`). */
  generatedBy: string | null;
  /** The converter, for files made by tensorflowjs_converter. */
  convertedBy: string | null;
}

/**
 * Loads a model saved by rnnkit, by tf.layers (`model.save`) or converted from Keras by
 * `tensorflowjs_converter` (layers format). A forged or damaged file is refused with a typed
 * error (`CORRUPT_FILE`, `UNSUPPORTED`, `NON_FINITE`) before anything is allocated.
 *
 * @example
 * ```ts
 * const { model, metadata } = await loadModel('./models/temperature');
 * const y = model.predict(x);
 * ```
 */
export async function loadModel(source: ModelSource, options: LoadModelOptions = {}): Promise<LoadedModel> {
  const limits = resolveLoadLimits('loadModel', options);
  const { json, weightData, where } = await readSource(source, limits, options);
  const plan = planModel(json, where);
  const model = buildModel(json, weightData, plan, where, options.checkFinite ?? false);
  try {
    const metadata = readMetadata(json.userDefinedMetadata, `${where}: userDefinedMetadata`);
    const rnnkit = json.userDefinedMetadata['rnnkit'];
    const groupNames = rnnkit && typeof rnnkit === 'object' && !Array.isArray(rnnkit) && Array.isArray(rnnkit['weightGroups']) ? rnnkit['weightGroups'].filter((g): g is string => typeof g === 'string') : [];
    const wanted = options.weightGroups === true ? 'all' : options.weightGroups ? options.weightGroups : [];
    const weightGroups = wanted === 'all' || wanted.length > 0 ? decodeWeightGroups(weightData, json.specs, groupNames, wanted) : {};
    return { model, metadata, weightGroups, generatedBy: json.generatedBy, convertedBy: json.convertedBy };
  } catch (error) {
    model.dispose();
    throw error;
  }
}

async function readSource(source: ModelSource, limits: Required<LoadLimits>, options: LoadModelOptions): Promise<{ json: CheckedModelJson; weightData: io.WeightData; where: string }> {
  if (typeof source !== 'string') {
    if (source === null || typeof source !== 'object' || typeof source.load !== 'function') {
      throw new RnnkitError('INVALID_ARGUMENT', 'loadModel: source must be a path, a URL or an IOHandler with load()');
    }
    return { ...checkArtifacts(await callLoad(source, 'loadModel: IOHandler'), 'loadModel: IOHandler', limits), where: 'loadModel: IOHandler' };
  }
  const location = modelLocation(source);
  if (location.kind === 'directory' && !isNodeRuntime()) {
    // In a browser a plain string is a URL relative to the page, as in tf.loadLayersModel.
    return { ...checkArtifacts(await callLoad(guardedHttpHandler(source, limits, options), source), source, limits), where: source };
  }
  if (location.kind === 'directory') {
    const { json, weightData, jsonPath } = await readModelDirectory(location.path, limits);
    return { json, weightData, where: jsonPath };
  }
  const handler = location.scheme === 'http' || location.scheme === 'https' ? guardedHttpHandler(location.url, limits, options) : io.getLoadHandlers(location.url)[0];
  if (!handler) throw unsupported(`loadModel: '${source}'`, `no tfjs IO route handles '${location.scheme}://' here (IndexedDB and localStorage exist in browsers)`);
  return { ...checkArtifacts(await callLoad(handler, source), source, limits), where: source };
}

async function callLoad(handler: io.IOHandler, where: string): Promise<io.ModelArtifacts> {
  try {
    return await (handler.load as () => Promise<io.ModelArtifacts>)();
  } catch (error) {
    if (isRnnkitError(error)) throw error;
    throw ioError(where, 'loading failed', error);
  }
}
