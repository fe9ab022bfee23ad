// Linear warmup then cosine decay, per update (HF `get_cosine_schedule_with_warmup` with
// torch's CosineAnnealingLR floor η_min):
//   s < W:   γ = γ_max · s / W
//   s ≥ W:   p = min(1, (s − W) / (S − W)),   γ = η_min + ½(γ_max − η_min)(1 + cos πp)

import { RnnkitError } from '@rnnkit/core';
import { checkRate, statelessSchedule } from './schedule.js';
import type { LearningRateSchedule } from './schedule.js';

/** Options of {@link cosineWithWarmup}. */
export interface CosineWithWarmupOptions {
  /** Rate γ_max reached at the end of warmup. */
  peakRate: number;
  /**
   * Updates W of linear warmup from 0.
   * @default 0
   */
  warmupSteps?: number;
  /** Total updates S; the rate stays at `minRate` after them. */
  totalSteps: number;
  /**
   * Floor η_min of the cosine.
   * @default 0
   */
  minRate?: number;
}

/**
 * Linear warmup to `peakRate`, then a half cosine down to `minRate` at `totalSteps`.
 *
 * @example
 * ```ts
 * const s = cosineWithWarmup({ peakRate: 1e-3, warmupSteps: 100, totalSteps: 1000 });
 * s.rate({ step: 550, epoch: 0 }); // 5e-4
 * ```
 */
export function cosineWithWarmup(options: CosineWithWarmupOptions): LearningRateSchedule {
  const { peakRate, warmupSteps = 0, totalSteps, minRate = 0 } = options;
  checkRate('cosineWithWarmup', 'peakRate', peakRate);
  checkRate('cosineWithWarmup', 'minRate', minRate, true);
  if (!Number.isInteger(warmupSteps) || warmupSteps < 0 || !Number.isInteger(totalSteps) || totalSteps <= warmupSteps) {
    throw new RnnkitError(
      'INVALID_ARGUMENT',
      `cosineWithWarmup: need integers 0 ≤ warmupSteps < totalSteps, got warmupSteps ${warmupSteps}, totalSteps ${totalSteps}`,
      { warmupSteps, totalSteps },
    );
  }
  return statelessSchedule('cosineWithWarmup', ({ step }) => {
    if (step < warmupSteps) return (peakRate * step) / warmupSteps;
    const progress = Math.min(1, (step - warmupSteps) / (totalSteps - warmupSteps));
    return minRate + 0.5 * (peakRate - minRate) * (1 + Math.cos(Math.PI * progress));
  });
}
