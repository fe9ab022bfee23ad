// The demo's fixed settings: the lecture's temperature example on the bundled series. Tuned to
// finish well under 2 minutes on 2 cores (see README.md for the measured time).

/** Settings of `rnnkit demo`. */
export const DEMO = {
  /** Bundled series (@rnnkit/data). */
  dataset: 'daily-min-temperatures',
  /** Days the LSTM reads. */
  window: 30,
  /** Days the lecture's MLP reads (3 → 10 → 10 → 1, ReLU). */
  mlpWindow: 3,
  /** LSTM units. */
  units: 32,
  /** Training epochs (RNNKIT_DEMO_EPOCHS or --epochs lower it). */
  epochs: 20,
  batchSize: 32,
  lr: 0.005,
  clip: 1,
  seed: 0,
  /** Validation starts here (1989), the held-out test year here (1990). */
  validationFrom: '1989-01-01',
  testFrom: '1990-01-01',
  out: 'rnnkit-demo',
  /** Marks a directory as demo output, which the next demo may replace. */
  marker: '.rnnkit-demo',
} as const;
