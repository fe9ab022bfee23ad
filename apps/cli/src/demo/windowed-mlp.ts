// The lecture's windowed MLP as a baseline for the demo: @rnnkit/train's mlpBaseline (3 → 10 →
// 10 → 1, ReLU) trained on windows of the last 3 scaled values, scored on the same test rows as
// the LSTM.

import { slidingWindows } from '@rnnkit/data';
import { adam, flattenWindows, meanSquaredError, mlpBaseline, train } from '@rnnkit/train';
import { tensor, tidy } from '@tensorflow/tfjs-core';
import { CliError } from '../cli-error.js';
import { score } from '../forecast/evaluate-forecast.js';
import type { Score } from '../forecast/evaluate-forecast.js';
import { rowRange } from '../forecast/forecast-data.js';
import type { Output } from '../output/output.js';
import { trainingProgress } from '../output/training-progress.js';
import type { ForecastData } from '../forecast/forecast-data.js';

/** Options of {@link fitWindowedMlp}. */
export interface WindowedMlpOptions {
  /** Values per window (the lecture: 3). */
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
 * Trains the MLP on the training rows of `data` and scores it on the test rows.
 *
 * @example
 * ```ts
 * const { score } = await fitWindowedMlp(data, actual, { window: 3, hidden: [10, 10], epochs: 20, … });
 * ```
 */
export async function fitWindowedMlp(data: ForecastData, actual: Float32Array, options: WindowedMlpOptions): Promise<{ score: Score; predicted: Float32Array }> {
  const { window, batchSize, seed } = options;
  const columns = { inputColumns: [data.loaded.target], targetColumns: [data.loaded.target] };
  const [, trainEnd] = data.rows.train;
  const [testFrom, testTo] = data.rows.test;
  const trainWindows = slidingWindows(rowRange(data.scaled, 0, trainEnd), { window, ...columns, batchSize, shuffle: true, seed });
  const testWindows = slidingWindows(rowRange(data.scaled, testFrom - window, testTo), { window, ...columns, batchSize: 256 });
  const mlp = mlpBaseline({ inputSize: window, hidden: options.hidden, outputs: 1, seed });
  const optimizer = adam({ learningRate: options.learningRate });
  try {
    const progress = trainingProgress(options.output, { epochs: options.epochs, batches: trainWindows.numBatches, label: `training the lecture's windowed MLP (${window} → ${options.hidden.join(' → ')} → 1, ReLU) on ${trainWindows.size} windows`, epochLines: false });
    let result;
    try {
      result = await train(mlp, flattenWindows(trainWindows), {
        epochs: options.epochs,
        optimizer,
        loss: meanSquaredError(),
        seed,
        signal: options.signal,
        callbacks: { onBatchEnd: (logs) => progress.batch(logs.epoch + 1, logs.batch + 1, logs.loss) },
      });
    } finally {
      progress.finish();
    }
    if (result.stopReason === 'aborted') {
      throw new CliError('interrupted', 'interrupted while training the MLP baseline (the LSTM is trained and checkpointed)', `continue with: ${options.resumeHint}`);
    }
    const scaled = new Float32Array(testWindows.size);
    let offset = 0;
    for (const batch of testWindows) {
      const out = tidy(() => mlp.predict(tensor(batch.xs, [batch.size, window], 'float32')));
      scaled.set(out.dataSync(), offset);
      offset += out.size;
      out.dispose();
    }
    const predicted = data.scaler.inverse(scaled, { column: data.loaded.target });
    return { score: score(predicted, actual, 1), predicted };
  } finally {
    optimizer.dispose();
    mlp.dispose();
  }
}
