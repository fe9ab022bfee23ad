// Learning checks (the lecture's claims, measured): an LSTM forecasts a noisy sine far better
// than persistence, and solves the adding problem at T = 50 where a SimpleRNN with the same
// budget stays at the trivial answer. The full curves are examples/*.mjs (README figures).
import * as tf from '@tensorflow/tfjs-core';
import { dense, lstm, sequential, simpleRnn } from '@rnnkit/core';
import type { Layer } from '@rnnkit/core';
import { slidingWindows } from '@rnnkit/data';
import { describe, expect, it } from 'vitest';
import {
  ADDING_PROBLEM_TRIVIAL_MSE,
  adam,
  addingProblem,
  evaluate,
  evaluateMetric,
  noisySine,
  persistenceForecast,
  rmse,
  train,
} from '../src/index.js';
import type { Batch } from '../src/index.js';

describe('learning checks', () => {
  it('an LSTM forecasts a noisy sine (σ = 0.1) one step ahead with an RMSE well below persistence', async () => {
    const series = noisySine({ length: 560, period: 25, noise: 0.1, seed: 1 });
    const windows = (values: number[], shuffle: boolean) => slidingWindows(values, { window: 12, batchSize: 32, shuffle, seed: 2 });
    const trainSet = windows(series.slice(0, 440), true);
    const testSet = windows(series.slice(440), false);
    const model = sequential({ layers: [lstm({ units: 12 }), dense({ units: 1 })], inputShape: [12, 1], seed: 3 });
    await train(model, trainSet, { epochs: 12, optimizer: adam({ learningRate: 0.02 }) });

    const lstmRmse = evaluate(model, testSet, { metrics: [rmse()] }).rmse as number;
    const testBatches = [...testSet.batches({ as: 'tensors' })];
    const x = tf.concat(testBatches.map((b) => b.xs));
    const y = tf.concat(testBatches.map((b) => b.ys as tf.Tensor));
    const persistenceRmse = evaluateMetric(rmse(), persistenceForecast(x), tf.reshape(y, [-1, 1]));
    // Noise floor σ = 0.1; persistence ≈ sqrt(2σ² + ½(2π/25)²) ≈ 0.22.
    expect(persistenceRmse).toBeGreaterThan(0.18);
    expect(lstmRmse).toBeLessThan(0.7 * persistenceRmse);
  });

  it('adding problem, T = 50: an LSTM gets below MSE 0.01 (trivial ≈ 0.167); a SimpleRNN with the same budget does not', async () => {
    const length = 50;
    const test = addingProblem({ length, samples: 1000, seed: 999 });
    const batches = (epoch: number): Batch[] => {
      const { x, y } = addingProblem({ length, samples: 32 * 50, seed: epoch + 1 });
      const list = Array.from({ length: 50 }, (_, b) => ({ x: tf.slice(x, [b * 32, 0, 0], [32, length, 2]), y: tf.slice(y, [b * 32, 0], [32, 1]) }));
      tf.dispose([x, y]);
      return list;
    };
    const testMse = async (recurrent: Layer<tf.Tensor>): Promise<number> => {
      const model = sequential({ layers: [recurrent, dense({ units: 1 })], inputShape: [length, 2], seed: 1 });
      await train(model, batches, { epochs: 12, optimizer: adam({ learningRate: 1e-2 }), clip: { clipGlobalNorm: 1 } });
      return evaluate(model, [test]).loss as number;
    };
    const lstmMse = await testMse(lstm({ units: 32 }));
    const simpleMse = await testMse(simpleRnn({ units: 32 }));
    expect(ADDING_PROBLEM_TRIVIAL_MSE).toBeCloseTo(0.1667, 4);
    expect(lstmMse).toBeLessThan(0.01);
    expect(simpleMse).toBeGreaterThan(0.1);
  });
});
