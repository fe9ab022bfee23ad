// A constant learning rate.

import { checkRate, statelessSchedule } from './schedule.js';
import type { LearningRateSchedule } from './schedule.js';

/** Options of {@link constantRate}. */
export interface ConstantRateOptions {
  /** The learning rate. */
  learningRate: number;
}

/**
 * The same rate for every update.
 *
 * @example
 * ```ts
 * constantRate({ learningRate: 0.002 }).rate({ step: 999, epoch: 9 }); // 0.002
 * ```
 */
export function constantRate(options: ConstantRateOptions): LearningRateSchedule {
  const { learningRate } = options;
  checkRate('constantRate', 'learningRate', learningRate);
  return statelessSchedule('constant', () => learningRate);
}
