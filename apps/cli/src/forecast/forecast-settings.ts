// Defaults of `rnnkit forecast`, read by the option definitions and the README.

import type { TrainingDefaults } from '../options/training-options.js';

/** Defaults of `rnnkit forecast`. */
export const FORECAST_DEFAULTS = {
  window: 30,
  horizon: 1,
  test: 0.1,
  cell: 'lstm',
  units: 32,
  layers: 1,
  epochs: 20,
  batchSize: 32,
  lr: 0.005,
  optimizer: 'adam',
  clip: 1,
  val: 0.1,
  out: 'rnnkit-forecast',
} as const satisfies TrainingDefaults & Record<string, unknown>;

/** Hidden layers of the MLP baseline (the lecture's 10 → 10, ReLU), for forecast and demo. */
export const MLP_HIDDEN: readonly number[] = [10, 10];
