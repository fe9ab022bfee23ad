// Caps applied to a model file before anything is allocated: a forged manifest cannot make
// the loader reserve 10^12 floats, open a million shards, or parse a gigabyte of JSON.

import { RnnkitError } from '../errors.js';

/** Limits on what a loaded model file may ask for. */
export interface LoadLimits {
  /**
   * Most weight values (elements, summed over every weight) a file may declare.
   * @default 2 ** 28 (268 million, 1 GiB of float32)
   */
  maxElements?: number;
  /**
   * Most weight shard files a manifest may list.
   * @default 1024
   */
  maxShards?: number;
  /**
   * Largest `model.json` accepted, in bytes.
   * @default 64 MiB
   */
  maxJsonBytes?: number;
}

/** The defaults of {@link LoadLimits}; the deepest JSON nesting accepted is {@link maxJsonDepth}. */
export const defaultLoadLimits: Readonly<Required<LoadLimits>> = Object.freeze({
  maxElements: 2 ** 28,
  maxShards: 1024,
  maxJsonBytes: 64 * 2 ** 20,
});

/** Deepest nesting of objects/arrays accepted in `model.json` (Keras configs nest about 6 deep). */
export const maxJsonDepth = 64;

/** Fills in defaults and checks each limit is a positive safe integer. */
export function resolveLoadLimits(where: string, limits: LoadLimits = {}): Required<LoadLimits> {
  const resolved = { ...defaultLoadLimits };
  for (const key of Object.keys(defaultLoadLimits) as (keyof LoadLimits)[]) {
    const value = limits[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new RnnkitError('INVALID_ARGUMENT', `${where}: ${key} must be a positive integer, got ${String(value)}`, { [key]: value });
    }
    resolved[key] = value;
  }
  return resolved;
}
