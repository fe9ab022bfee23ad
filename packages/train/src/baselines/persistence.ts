// The persistence (naive, "last value") forecast: ŷ_{t+h} = x_t for every horizon h. Any
// model worth training beats it; on a random walk nothing does.

import { RnnkitError, formatShape } from '@rnnkit/core';
import { gather, reshape, slice, squeeze, tidy, tile } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';

/** Options of {@link persistenceForecast}. */
export interface PersistenceOptions {
  /**
   * Feature columns of the window that are forecast (in the target's order).
   * @default every feature
   */
  targetFeatures?: readonly number[];
  /**
   * Steps ahead: the last value is repeated this many times, `[batch, horizon, features]`.
   * With 1 the result is `[batch, features]`.
   * @default 1
   */
  horizon?: number;
}

/**
 * The last value of each window as the forecast.
 *
 * @param windows - `[batch, window, features]` (or `[batch, window]` for one feature).
 * @example
 * ```ts
 * persistenceForecast(tf.tensor3d([[[1], [2], [3]]])).arraySync(); // [[3]]
 * ```
 */
export function persistenceForecast(windows: Tensor, options: PersistenceOptions = {}): Tensor {
  const { targetFeatures, horizon = 1 } = options;
  if (windows.rank !== 2 && windows.rank !== 3) {
    throw new RnnkitError('RANK_MISMATCH', `persistenceForecast: windows must be [batch, window, features] or [batch, window], got ${formatShape(windows.shape)}`);
  }
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new RnnkitError('INVALID_ARGUMENT', `persistenceForecast: horizon must be a positive integer, got ${String(horizon)}`);
  }
  return tidy(() => {
    const x = windows.rank === 2 ? reshape(windows, [...windows.shape, 1]) : windows;
    const [batch, length, features] = x.shape as [number, number, number];
    let last: Tensor = squeeze(slice(x, [0, length - 1, 0], [batch, 1, features]), [1]);
    if (targetFeatures) {
      const bad = targetFeatures.find((f) => !Number.isInteger(f) || f < 0 || f >= features);
      if (bad !== undefined) {
        throw new RnnkitError('INVALID_ARGUMENT', `persistenceForecast: target feature ${bad} is not in [0, ${features})`);
      }
      last = gather(last, [...targetFeatures], 1);
    }
    if (horizon === 1) return last;
    return tile(reshape(last, [batch, 1, last.shape[1] as number]), [1, horizon, 1]);
  });
}
