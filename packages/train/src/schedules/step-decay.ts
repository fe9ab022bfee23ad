// Step decay (torch.optim.lr_scheduler.StepLR): γ_n = γ₀ · factor^⌊n / stepSize⌋, with n the
// epoch (or update) count.

import { checkPositiveInt } from '@rnnkit/core';
import { checkRate, statelessSchedule } from './schedule.js';
import type { LearningRateSchedule, ScheduleUnit } from './schedule.js';

/** Options of {@link stepDecay}. */
export interface StepDecayOptions {
  /** Rate γ₀ at the start. */
  initialRate: number;
  /** Decay every this many epochs (or updates). */
  stepSize: number;
  /**
   * Multiplier applied at each decay.
   * @default 0.1
   */
  factor?: number;
  /**
   * Count epochs or updates.
   * @default 'epoch'
   */
  unit?: ScheduleUnit;
}

/**
 * Multiplies the rate by `factor` every `stepSize` epochs.
 *
 * @example
 * ```ts
 * const s = stepDecay({ initialRate: 0.1, stepSize: 10, factor: 0.5 });
 * s.rate({ step: 0, epoch: 25 }); // 0.025
 * ```
 */
export function stepDecay(options: StepDecayOptions): LearningRateSchedule {
  const { initialRate, stepSize, factor = 0.1, unit = 'epoch' } = options;
  checkRate('stepDecay', 'initialRate', initialRate);
  checkPositiveInt('stepDecay', 'stepSize', stepSize);
  checkRate('stepDecay', 'factor', factor);
  return statelessSchedule('step', (p) => initialRate * factor ** Math.floor((unit === 'epoch' ? p.epoch : p.step) / stepSize));
}
