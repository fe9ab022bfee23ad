// Sliding windows over a series: sample k takes inputs series[s .. s+window) and targets
// series[s+window .. s+window+horizon) with s = k·stride — the supervised samples a
// forecasting RNN trains on (e.g. 35, 32, 45, 48, 41 with window 3 → [35, 32, 45] → 48).

import { checkInt } from './check.js';
import { VizError } from './viz-error.js';

/** Options of {@link windowSamples}. */
export interface WindowSpec {
  /** Input steps per sample. */
  window: number;
  /**
   * Target steps after each window.
   * @default 1
   */
  horizon?: number;
  /**
   * Steps between the starts of consecutive windows.
   * @default 1
   */
  stride?: number;
}

/** Samples cut from a series. */
export interface WindowSamples {
  /** Start index of each window. */
  starts: number[];
  inputs: number[][];
  targets: number[][];
}

/**
 * Cuts `series` into (inputs, targets) samples; only complete samples are kept.
 *
 * @example
 * ```ts
 * windowSamples([35, 32, 45, 48, 41, 39, 36], { window: 3 }).inputs[0]; // [35, 32, 45], target [48]
 * ```
 */
export function windowSamples(series: readonly number[], spec: WindowSpec, where = 'windowSamples'): WindowSamples {
  const window = checkInt(where, 'window', spec.window, 1);
  const horizon = checkInt(where, 'horizon', spec.horizon ?? 1, 1);
  const stride = checkInt(where, 'stride', spec.stride ?? 1, 1);
  if (window + horizon > series.length) {
    throw new VizError(
      'INVALID_ARGUMENT',
      `${where}: a series of length ${series.length} has no complete sample of window ${window} + horizon ${horizon}`,
      { length: series.length, window, horizon },
    );
  }
  const out: WindowSamples = { starts: [], inputs: [], targets: [] };
  for (let s = 0; s + window + horizon <= series.length; s += stride) {
    out.starts.push(s);
    out.inputs.push(series.slice(s, s + window));
    out.targets.push(series.slice(s + window, s + window + horizon));
  }
  return out;
}
