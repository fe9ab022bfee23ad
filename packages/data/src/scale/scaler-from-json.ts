// Restores a fitted scaler saved with `scaler.toJSON()` (e.g. next to a model checkpoint).

import { RnnkitError } from '@rnnkit/core';
import { minMaxFromStats } from './min-max-scaler.js';
import type { Scaler, ScalerJSON } from './scaler.js';
import { standardFromStats } from './standard-scaler.js';

/**
 * Rebuilds a scaler from {@link Scaler.toJSON}'s output (also after `JSON.parse(JSON.stringify(...))`).
 *
 * @example
 * ```ts
 * const saved = JSON.stringify(scaler.toJSON());
 * const again = scalerFromJSON(JSON.parse(saved));
 * again.inverse(predictions);
 * ```
 */
export function scalerFromJSON(json: ScalerJSON): Scaler {
  const where = 'scalerFromJSON';
  if (typeof json !== 'object' || json === null || json.version !== 1) {
    throw new RnnkitError('CORRUPT_FILE', `${where}: expected a scaler JSON with version 1, got ${JSON.stringify(json)?.slice(0, 80)}`);
  }
  const finiteList = (name: string, list: unknown, length?: number): void => {
    if (!Array.isArray(list) || list.length === 0 || (length !== undefined && list.length !== length) || list.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
      throw new RnnkitError('CORRUPT_FILE', `${where}: ${name} must be a non-empty list of finite numbers${length === undefined ? '' : ` of length ${length}`}`);
    }
  };
  if (json.kind === 'minMax') {
    finiteList('min', json.min);
    finiteList('max', json.max, json.min.length);
    finiteList('featureRange', json.featureRange, 2);
    return minMaxFromStats(json);
  }
  if (json.kind === 'standard') {
    finiteList('mean', json.mean);
    finiteList('std', json.std, json.mean.length);
    return standardFromStats(json);
  }
  throw new RnnkitError('CORRUPT_FILE', `${where}: unknown scaler kind ${JSON.stringify((json as { kind: unknown }).kind)}`);
}
