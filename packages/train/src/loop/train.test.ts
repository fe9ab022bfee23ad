import * as tf from '@tensorflow/tfjs-core';
import { RnnkitError, dense, sequential, simpleRnn } from '@rnnkit/core';
import type { SequentialModel } from '@rnnkit/core';
import { describe, expect, it } from 'vitest';
import { rmse } from '../metrics/regression-metrics.js';
import { adam } from '../optimizers/adam.js';
import { sgd } from '../optimizers/sgd.js';
import { reduceOnPlateau } from '../schedules/reduce-on-plateau.js';
import type { Batch } from './batches.js';
import { evaluate } from './evaluate.js';
import { train } from './train.js';
import type { BatchLogs, EpochLogs } from './train-options.js';

/** A SimpleRNN regressor over [batch, 5, 1] windows. */
function smallModel(seed = 1): SequentialModel {
  return sequential({ layers: [simpleRnn({ units: 6 }), dense({ units: 1 })], inputShape: [5, 1], seed });
}

/** Windows of a noiseless sine (x: 5 steps, y: the next value), in `n` batches of 8. */
function sineBatches(n: number, offset = 0, targetShift = 0): Batch[] {
  return Array.from({ length: n }, (_, b) => {
    const starts = Array.from({ length: 8 }, (_, i) => 0.37 * (offset + b * 8 + i));
    return {
      x: tf.tensor3d(starts.map((s) => Array.from({ length: 5 }, (_, t) => [Math.sin(s + 0.3 * t)]))),
      y: tf.tensor2d(starts.map((s) => [Math.sin(s + 1.5) + targetShift])),
    };
  });
}

const weightValues = (model: SequentialModel): number[][] => model.weights.map((w) => Array.from(w.variable.dataSync()));

describe('train', () => {
  it('reduces the loss, logs every update and epoch, and reports metrics and validation', async () => {
    const model = smallModel();
    const batchLogs: BatchLogs[] = [];
    const epochLogs: EpochLogs[] = [];
    const data = sineBatches(4);
    const validation = sineBatches(2, 100);
    const result = await train(model, data, {
      epochs: 6,
      optimizer: adam({ learningRate: 0.02 }),
      metrics: [rmse()],
      validationData: validation,
      callbacks: { onBatchEnd: (l) => void batchLogs.push(l), onEpochEnd: (l) => void epochLogs.push(l) },
    });
    expect(result.stopReason).toBe('completed');
    expect(result.steps).toBe(24);
    expect(batchLogs.map((l) => l.step)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(epochLogs.map((l) => l.epoch)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(result.history).toEqual(epochLogs);
    const [first, last] = [epochLogs[0] as EpochLogs, epochLogs[5] as EpochLogs];
    expect(last.loss).toBeLessThan(first.loss / 2);
    // The reported validation numbers are what evaluate() says of the final weights.
    const v = evaluate(model, validation, { metrics: [rmse()] });
    expect(last.valLoss).toBeCloseTo(v.loss as number, 6);
    expect(last.valRmse).toBeCloseTo(v.rmse as number, 6);
    expect(last.valRmse).toBeCloseTo(Math.sqrt(last.valLoss as number), 5);
    expect(batchLogs.every((l) => l.gradNorm > 0 && Number.isFinite(l.loss))).toBe(true);
  });

  it('early stopping stops after `patience` epochs without improvement and restores the best weights', async () => {
    // Training pulls outputs towards sin(·) while validation wants sin(·) − 3: after the first
    // epochs the validation loss can only rise.
    const model = smallModel(2);
    const snapshots: number[][][] = [];
    const result = await train(model, sineBatches(3), {
      epochs: 30,
      optimizer: adam({ learningRate: 0.05 }),
      validationData: sineBatches(2, 50, -3),
      earlyStopping: { patience: 2 },
      callbacks: { onEpochEnd: () => void snapshots.push(weightValues(model)) },
    });
    expect(result.stopReason).toBe('earlyStopping');
    const val = result.history.map((h) => h.valLoss as number);
    const best = val.indexOf(Math.min(...val));
    expect(result.bestEpoch).toBe(best);
    expect(result.history).toHaveLength(best + 3);
    expect(weightValues(model)).toEqual(snapshots[best]);
  });

  it('an AbortSignal stops cleanly after the current update', async () => {
    const controller = new AbortController();
    const result = await train(smallModel(), sineBatches(4), {
      epochs: 5,
      signal: controller.signal,
      callbacks: { onBatchEnd: (l) => (l.step === 5 ? controller.abort() : undefined) },
    });
    expect(result.stopReason).toBe('aborted');
    expect(result.steps).toBe(6);
    expect(result.history).toHaveLength(1);
  });

  it('a reduce-on-plateau schedule receives the monitored loss and sets the learning rate', async () => {
    const rates: number[] = [];
    await train(smallModel(), sineBatches(2), {
      epochs: 4,
      optimizer: sgd(),
      schedule: reduceOnPlateau({ initialRate: 0.1, patience: 0, factor: 0.5, threshold: 0.999 }),
      callbacks: { onBatchEnd: (l) => void rates.push(l.learningRate) },
    });
    // Only a 99.9 % drop counts as better: epoch 0 sets the best, every later epoch is a plateau.
    expect(rates).toEqual([0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025]);
  });

  it('refuses bad options with RnnkitErrors', async () => {
    await expect(train(smallModel(), sineBatches(1), { epochs: 0 })).rejects.toThrow(/epochs must be a positive integer/);
    await expect(train(smallModel(), sineBatches(1), { earlyStopping: { patience: 1, monitor: 'valLoss' } })).rejects.toThrow(RnnkitError);
    await expect(train(smallModel(), [{ x: tf.zeros([1, 5, 1]) } as never])).rejects.toThrow(/batch has x but no y/);
  });
});

describe('train: no tensor leaks', () => {
  it('the tensor count is flat from epoch 2 on (validation, metrics, clipping, recording)', async () => {
    const counts: number[] = [];
    await train(smallModel(), sineBatches(3), {
      epochs: 5,
      metrics: [rmse()],
      validationData: sineBatches(1, 40),
      clip: { clipValue: 1, clipNorm: 1, clipGlobalNorm: 1 },
      record: { hiddenGradNorms: true, paramGradNorms: true, spectralRadius: true },
      earlyStopping: { patience: 10 },
      callbacks: { onEpochEnd: () => void counts.push(tf.memory().numTensors) },
    });
    expect(counts.slice(1)).toEqual(Array(4).fill(counts[1]));
  });
});
