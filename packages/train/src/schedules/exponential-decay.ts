// Exponential decay (torch.optim.lr_scheduler.ExponentialLR): γ_n = γ₀ · factor^n.

import { checkRate, statelessSchedule } from './schedule.js';
import type { LearningRateSchedule, ScheduleUnit } from './schedule.js';

/** Options of {@link exponentialDecay}. */
export interface ExponentialDecayOptions {
  /** Rate γ₀ at the start. */
  initialRate: number;
  /** Multiplier per epoch (or update). */
  factor: number;
  /**
   * Count epochs or updates.
   * @default 'epoch'
   */
  unit?: ScheduleUnit;
}

/**
 * Multiplies the rate by `factor` every epoch (char-rnn's `learning_rate_decay`).
 *
 * @example
 * ```ts
 * exponentialDecay({ initialRate: 0.002, factor: 0.97 }).rate({ step: 0, epoch: 2 }); // 0.002·0.97²
 * ```
 */
export function exponentialDecay(options: ExponentialDecayOptions): LearningRateSchedule {
  const { initialRate, factor, unit = 'epoch' } = options;
  checkRate('exponentialDecay', 'initialRate', initialRate);
  checkRate('exponentialDecay', 'factor', factor);
  return statelessSchedule('exponential', (p) => initialRate * factor ** (unit === 'epoch' ? p.epoch : p.step));
}
