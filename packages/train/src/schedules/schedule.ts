// The learning-rate schedule contract: the training loop asks for the rate before every
// update and tells stateful schedules (reduce-on-plateau) the monitored value after every epoch.

import { RnnkitError } from '@rnnkit/core';

/** Names of the built-in schedules. */
export type ScheduleKind = 'constant' | 'step' | 'exponential' | 'cosineWithWarmup' | 'reduceOnPlateau';

/** Where training is: `step` updates done so far, in epoch `epoch` (both from 0). */
export type TrainingProgress = { step: number; epoch: number };

/** Whether a schedule advances per update or per epoch. */
export type ScheduleUnit = 'step' | 'epoch';

/** A learning-rate schedule. */
export interface LearningRateSchedule {
  readonly kind: ScheduleKind;
  /** The rate for the next update. */
  rate(progress: TrainingProgress): number;
  /** Called after each epoch with the monitored value (validation loss by default). */
  observe?(value: number): void;
  /** State of a stateful schedule, as JSON. */
  getState(): Record<string, number | null>;
  /** Restores {@link LearningRateSchedule.getState}'s output. */
  setState(state: Record<string, number | null>): void;
}

/** Throws unless `value` is a positive finite number (or ≥ 0 with `allowZero`). */
export function checkRate(where: string, name: string, value: number, allowZero = false): void {
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new RnnkitError('INVALID_ARGUMENT', `${where}: ${name} must be a ${allowZero ? 'non-negative' : 'positive'} finite number, got ${String(value)}`, {
      [name]: value,
    });
  }
}

/** A schedule without state: the rate is a function of the progress only. */
export function statelessSchedule(kind: ScheduleKind, rate: (progress: TrainingProgress) => number): LearningRateSchedule {
  return { kind, rate, getState: () => ({}), setState: () => undefined };
}
