// What a model needs to be used later, carried in model.json's `userDefinedMetadata` (which
// tf.loadLayersModel and the Keras converter pass through untouched): the fitted scaler, the
// tokenizer, the window settings, the training history, the rnnkit version, and any other JSON
// (e.g. @rnnkit/train's optimizer settings). Key layout, one key each:
//   rnnkit: { version, weightGroups }   scaler, tokenizer, window, history, …anything else.

import { RnnkitError } from '../errors.js';
import { corruptFile, describeValue } from './io-errors.js';
import { checkJsonTree, isJsonObject } from './json-guard.js';
import type { JsonObject, JsonValue } from './json-guard.js';

/** The window settings a forecasting model was trained with (see @rnnkit/data `slidingWindows`). */
export type WindowMetadata = {
  /** Past rows per input window. */
  window: number;
  /** Future rows predicted. */
  horizon?: number;
  /** Rows between window starts. */
  stride?: number;
  /** Columns fed to the model (names or indices). */
  inputColumns?: (string | number)[];
  /** Columns predicted (names or indices). */
  targetColumns?: (string | number)[];
};

/** Per-epoch values by metric name (Keras `History.history`); `null` for a non-finite value. */
export type TrainingHistory = { [metric: string]: (number | null)[] };

/** Something with a JSON form, like @rnnkit/data's scalers and tokenizers. */
export type HasJson = { toJSON(): unknown };

/** Metadata saved with a model. */
export interface ModelMetadata {
  /** A fitted scaler (`scaler.toJSON()`, or the scaler itself); restore it with @rnnkit/data `scalerFromJSON`. */
  scaler?: JsonObject | HasJson;
  /** A fitted tokenizer (`tokenizer.toJSON()` or the tokenizer); restore it with @rnnkit/data `tokenizerFromJSON`. */
  tokenizer?: JsonObject | HasJson;
  /** Window settings of a forecasting model. */
  window?: WindowMetadata;
  /** Training history; non-finite values are saved as `null`. */
  history?: TrainingHistory | { [metric: string]: readonly number[] };
  /** Any other JSON, stored under its own key (`rnnkit` is reserved). */
  [key: string]: JsonValue | HasJson | WindowMetadata | TrainingHistory | { [metric: string]: readonly number[] } | undefined;
}

/** Metadata as read back from a file: plain JSON with the known fields checked. */
export interface LoadedMetadata {
  /** Version of rnnkit that wrote the file (`null` for files from tf.layers or Keras). */
  rnnkitVersion: string | null;
  scaler: JsonObject | null;
  tokenizer: JsonObject | null;
  window: WindowMetadata | null;
  history: TrainingHistory | null;
  /** Every key of `userDefinedMetadata` except `rnnkit`, as stored. */
  all: JsonObject;
}

/** Turns {@link ModelMetadata} into the JSON stored in `userDefinedMetadata` (without the `rnnkit` key). */
export function metadataToJson(metadata: ModelMetadata | JsonObject = {}): JsonObject {
  const where = 'saveModel: metadata';
  if (!isJsonObject(metadata as JsonValue)) throw new RnnkitError('INVALID_ARGUMENT', `${where} must be an object`);
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (value === undefined) continue;
    if (key === 'rnnkit') throw new RnnkitError('INVALID_ARGUMENT', `${where}: the key 'rnnkit' is reserved`);
    let json: unknown = hasJson(value) ? value.toJSON() : value;
    if (key === 'history') json = historyToJson(json, where);
    try {
      checkJsonTree(json, `${where}.${key}`);
    } catch (cause) {
      throw new RnnkitError('INVALID_ARGUMENT', (cause as Error).message, { key }, { cause });
    }
    out[key] = JSON.parse(JSON.stringify(json)) as JsonValue; // a copy the caller cannot mutate
  }
  if (out['window'] !== undefined) checkWindow(out['window'], where, (m) => new RnnkitError('INVALID_ARGUMENT', m));
  return out;
}

/**
 * Reads the known fields of a file's `userDefinedMetadata`, checking their types.
 *
 * @example
 * ```ts
 * const { metadata } = await loadModel('./model');
 * const scaler = metadata.scaler ? scalerFromJSON(metadata.scaler) : null; // @rnnkit/data
 * ```
 */
export function readMetadata(userDefinedMetadata: JsonObject, where = 'model.json: userDefinedMetadata'): LoadedMetadata {
  const all: JsonObject = { ...userDefinedMetadata };
  const rnnkit = all['rnnkit'];
  delete all['rnnkit'];
  const version = isJsonObject(rnnkit) && typeof rnnkit['version'] === 'string' ? rnnkit['version'] : null;
  const object = (key: string): JsonObject | null => {
    const value = all[key];
    if (value === undefined || value === null) return null;
    if (!isJsonObject(value)) throw corruptFile(where, `${key} must be an object, got ${describeValue(value)}`);
    return value;
  };
  const window = object('window');
  if (window) checkWindow(window, where, (m) => corruptFile(where, m));
  const history = object('history');
  if (history) historyToJson(history, where, (m) => corruptFile(where, m));
  return { rnnkitVersion: version, scaler: object('scaler'), tokenizer: object('tokenizer'), window: window as WindowMetadata | null, history: history as TrainingHistory | null, all };
}

function hasJson(value: unknown): value is HasJson {
  return value !== null && typeof value === 'object' && typeof (value as Partial<HasJson>).toJSON === 'function';
}

type Fail = (message: string) => Error;

function historyToJson(value: unknown, where: string, fail: Fail = (m) => new RnnkitError('INVALID_ARGUMENT', m)): TrainingHistory {
  if (!isJsonObject(value as JsonValue)) throw fail(`${where}: history must map metric names to arrays of numbers`);
  const out: TrainingHistory = {};
  for (const [metric, values] of Object.entries(value as Record<string, unknown>)) {
    if (!Array.isArray(values) || values.some((v) => v !== null && typeof v !== 'number')) {
      throw fail(`${where}: history.${metric} must be an array of numbers, got ${describeValue(values)}`);
    }
    out[metric] = values.map((v: number | null) => (v === null || !Number.isFinite(v) ? null : v));
  }
  return out;
}

function checkWindow(value: JsonValue, where: string, fail: Fail): void {
  const ok = (n: JsonValue | undefined, optional: boolean): boolean => (optional && n === undefined) || (typeof n === 'number' && Number.isSafeInteger(n) && n > 0);
  const columns = (c: JsonValue | undefined): boolean => c === undefined || (Array.isArray(c) && c.every((x) => typeof x === 'string' || (typeof x === 'number' && Number.isSafeInteger(x) && x >= 0)));
  if (!isJsonObject(value) || !ok(value['window'], false) || !ok(value['horizon'], true) || !ok(value['stride'], true) || !columns(value['inputColumns']) || !columns(value['targetColumns'])) {
    throw fail(`${where}: window must be { window, horizon?, stride? } (positive integers) with optional inputColumns / targetColumns, got ${JSON.stringify(value)?.slice(0, 100)}`);
  }
}
