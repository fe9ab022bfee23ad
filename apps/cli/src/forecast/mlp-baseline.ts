// The lecture's feed-forward baseline: @rnnkit/train's mlpBaseline (a window flattened into one
// vector → 10 → 10 → outputs, ReLU; the slide's 3 → 10 → 10 → 1 for the demo) trained on the
// same scaled training rows as the recurrent model and scored on the same test rows.

import { slidingWindows } from '@rnnkit/data';
import { adam, flattenWindows, meanSquaredError, mlpBaseline, train } from '@rnnkit/train';
import type { TrainResult } from '@rnnkit/train';
import { tensor, tidy } from '@tensorflow/tfjs-core';
import { CliError } from '../cli-error.js';
import type { Output } from '../output/output.js';
import { trainingProgress } from '../output/training-progress.js';
import { score } from './evaluate-forecast.js';
import type { Score } from './evaluate-forecast.js';
import { rowRange } from './forecast-data.js';
import type { ForecastData } from './forecast-data.js';

/** Options of {@link fitMlpBaseline}. */
export interface MlpBaselineRun {
  /** Rows per input window (the lecture: 3). */
  readonly window: number;
  /** Hidden ReLU layer widths (the lecture: [10, 10]). */
  readonly hidden: readonly number[];
  readonly epochs: number;
  readonly learningRate: number;
  readonly batchSize: number;
  readonly seed: number;
  /** Ctrl-C. */
  readonly signal: AbortSignal;
  /** Shown when Ctrl-C stops it: how to continue. */
  readonly resumeHint: string;
  /** Where its progress bar goes. */
  readonly output: Output;
}

/**
 * Trains the MLP on the training rows of `data` (its input columns, `window` rows, the target's
 * horizon) and scores it against `actual`, the test values.
 *
 * @example
 * ```ts
 * const { score } = await fitMlpBaseline(data, fitted.actual, { window: 3, hidden: [10, 10], epochs: 20, … });
 * ```
 */
export async function fitMlpBaseline(data: ForecastData, actual: Float32Array, run: MlpBaselineRun): Promise<{ score: Score; predicted: Float32Array }> {
  const { window, batchSize, seed } = run;
  const horizon = data.test.targetShape?.[0] ?? 1;
  const features = data.loaded.features.length;
  const columns = { inputColumns: [...data.loaded.features], targetColumns: [data.loaded.target], horizon };
  const [, trainEnd] = data.rows.train;
  const [testFrom, testTo] = data.rows.test;
  const trainWindows = slidingWindows(rowRange(data.scaled, 0, trainEnd), { window, ...columns, batchSize, shuffle: true, seed });
  const testWindows = slidingWindows(rowRange(data.scaled, testFrom - window, testTo), { window, ...columns, batchSize: 256 });
  const mlp = mlpBaseline({ inputSize: window * features, hidden: run.hidden, outputs: horizon, seed });
  const optimizer = adam({ learningRate: run.learningRate });
  try {
    const layers = `${window * features} → ${run.hidden.join(' → ')} → ${horizon}`;
    const progress = trainingProgress(run.output, { epochs: run.epochs, batches: trainWindows.numBatches, label: `training the windowed MLP baseline (${layers}, ReLU) on ${trainWindows.size} windows`, epochLines: false });
    let result: TrainResult;
    try {
      result = await train(mlp, flattenWindows(trainWindows), {
        epochs: run.epochs,
        optimizer,
        loss: meanSquaredError(),
        seed,
        signal: run.signal,
        callbacks: { onBatchEnd: (logs) => progress.batch(logs.epoch + 1, logs.batch + 1, logs.loss) },
      });
    } finally {
      progress.finish();
    }
    if (result.stopReason === 'aborted') {
      throw new CliError('interrupted', 'interrupted while training the MLP baseline (the recurrent model is trained and checkpointed)', `continue with: ${run.resumeHint}`);
    }
    const scaled = new Float32Array(testWindows.size * horizon);
    let offset = 0;
    for (const batch of testWindows) {
      const out = tidy(() => mlp.predict(tensor(batch.xs, [batch.size, window * features], 'float32')));
      scaled.set(out.dataSync(), offset);
      offset += out.size;
      out.dispose();
    }
    const predicted = data.scaler.inverse(scaled, { column: data.loaded.target });
    return { score: score(predicted, actual, horizon), predicted };
  } finally {
    optimizer.dispose();
    mlp.dispose();
  }
}
