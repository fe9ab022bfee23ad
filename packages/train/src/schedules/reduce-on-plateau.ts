// Reduce on plateau (torch.optim.lr_scheduler.ReduceLROnPlateau, mode 'min', relative
// threshold): after each epoch, with value v,
//   if v < best·(1 − threshold): best = v, bad = 0    else bad += 1
//   in cooldown: cooldown −= 1, bad = 0
//   if bad > patience: γ ← max(γ·factor, minRate), cooldown = cooldownEpochs, bad = 0

import { RnnkitError, checkPositiveInt } from '@rnnkit/core';
import { checkRate } from './schedule.js';
import type { LearningRateSchedule } from './schedule.js';

/** Options of {@link reduceOnPlateau}. */
export interface ReduceOnPlateauOptions {
  /** Rate at the start. */
  initialRate: number;
  /**
   * Multiplier applied on a plateau (< 1).
   * @default 0.1
   */
  factor?: number;
  /**
   * Epochs without improvement tolerated before reducing.
   * @default 10
   */
  patience?: number;
  /**
   * Relative improvement that counts: v < best·(1 − threshold).
   * @default 1e-4
   */
  threshold?: number;
  /**
   * Epochs to wait after a reduction before counting again.
   * @default 0
   */
  cooldown?: number;
  /**
   * Lower bound of the rate.
   * @default 0
   */
  minRate?: number;
}

/**
 * Divides the rate when the monitored value (validation loss) stops improving.
 *
 * @example
 * ```ts
 * const s = reduceOnPlateau({ initialRate: 0.01, patience: 2, factor: 0.5 });
 * s.observe?.(validationLoss); // after each epoch (train() does this)
 * ```
 */
export function reduceOnPlateau(options: ReduceOnPlateauOptions): LearningRateSchedule {
  const { initialRate, factor = 0.1, patience = 10, threshold = 1e-4, cooldown = 0, minRate = 0 } = options;
  checkRate('reduceOnPlateau', 'initialRate', initialRate);
  if (!(factor > 0 && factor < 1)) {
    throw new RnnkitError('INVALID_ARGUMENT', `reduceOnPlateau: factor must be in (0, 1), got ${String(factor)}`, { factor });
  }
  if (patience !== 0) checkPositiveInt('reduceOnPlateau', 'patience', patience);
  if (cooldown !== 0) checkPositiveInt('reduceOnPlateau', 'cooldown', cooldown);
  checkRate('reduceOnPlateau', 'threshold', threshold, true);
  checkRate('reduceOnPlateau', 'minRate', minRate, true);

  let state = { rate: initialRate, best: Number.POSITIVE_INFINITY, bad: 0, cooldownLeft: 0 };
  return {
    kind: 'reduceOnPlateau',
    rate: () => state.rate,
    observe(value) {
      if (value < state.best * (1 - threshold)) {
        state.best = value;
        state.bad = 0;
      } else {
        state.bad += 1;
      }
      if (state.cooldownLeft > 0) {
        state.cooldownLeft -= 1;
        state.bad = 0;
      }
      if (state.bad > patience) {
        state.rate = Math.max(state.rate * factor, minRate);
        state.cooldownLeft = cooldown;
        state.bad = 0;
      }
    },
    // JSON has no Infinity: an unset best is saved as null and read back as +∞.
    getState: () => ({ ...state, best: Number.isFinite(state.best) ? state.best : null }),
    setState(saved) {
      state = {
        rate: Number(saved.rate),
        best: saved.best === null || saved.best === undefined ? Number.POSITIVE_INFINITY : Number(saved.best),
        bad: Number(saved.bad),
        cooldownLeft: Number(saved.cooldownLeft),
      };
    },
  };
}
