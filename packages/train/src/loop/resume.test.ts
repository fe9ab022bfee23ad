// A run stopped after epoch 2 and resumed from its checkpoint continues with exactly the losses
// (and weights) of the uninterrupted run: same seed, cpu backend, dropout, shuffling, Adam,
// a stateful schedule and early stopping all in play.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { dense, lstm, sequential } from '@rnnkit/core';
import type { SequentialModel } from '@rnnkit/core';
import { slidingWindows } from '@rnnkit/data';
import { describe, expect, it } from 'vitest';
import { parseCheckpoint } from '../io/checkpoint.js';
import { adam } from '../optimizers/adam.js';
import { reduceOnPlateau } from '../schedules/reduce-on-plateau.js';
import type { Batch, BatchSource } from './batches.js';
import { train } from './train.js';
import type { EpochLogs, TrainOptions } from './train-options.js';

function model(seed: number): SequentialModel {
  return sequential({ layers: [lstm({ units: 5, dropout: 0.2, recurrentDropout: 0.2 }), dense({ units: 1 })], inputShape: [6, 1], seed });
}

const series = Array.from({ length: 80 }, (_, t) => Math.sin(0.3 * t) + 0.1 * Math.cos(1.7 * t));

function arrayBatches(): Batch[] {
  return Array.from({ length: 4 }, (_, b) => ({
    x: tf.tensor3d(Array.from({ length: 6 }, (_, i) => Array.from({ length: 6 }, (_, t) => [series[b * 6 + i + t] as number]))),
    y: tf.tensor2d(Array.from({ length: 6 }, (_, i) => [series[b * 6 + i + 6] as number])),
  }));
}

const options = (): TrainOptions => ({
  optimizer: adam({ learningRate: 0.01 }),
  schedule: reduceOnPlateau({ initialRate: 0.01, patience: 1, factor: 0.5 }),
  earlyStopping: { patience: 10 },
  shuffle: true,
  seed: 7,
});

const withoutTime = (h: EpochLogs[]): Record<string, number>[] => h.map(({ seconds: _, ...rest }) => rest);
const values = (m: SequentialModel): number[][] => m.weights.map((w) => Array.from(w.variable.dataSync()));

async function straightAndResumed(data: () => BatchSource, validation: () => BatchSource, batchesPerEpoch: number): Promise<void> {
  const straight = model(1);
  const full = await train(straight, data(), { ...options(), epochs: 4, validationData: validation() });

  const dir = await mkdtemp(join(tmpdir(), 'rnnkit-resume-'));
  const path = join(dir, 'checkpoint.json');
  const first = model(1);
  await train(first, data(), { ...options(), epochs: 2, validationData: validation(), checkpoint: { path } });
  const saved = parseCheckpoint(await readFile(path, 'utf8'), path);
  expect(saved).toMatchObject({ epoch: 2, step: 2 * batchesPerEpoch });
  expect(saved.history).toHaveLength(2);

  // A fresh process would build the model anew: a different seed proves the weights come from the file.
  const resumed = model(99);
  const rest = await train(resumed, data(), { ...options(), epochs: 4, validationData: validation(), resumeFrom: path });

  expect(withoutTime(rest.history)).toEqual(withoutTime(full.history));
  expect(rest.steps).toBe(full.steps);
  expect(values(resumed)).toEqual(values(straight));
}

describe('checkpoint and resume', () => {
  it('continues with exactly the same losses as an uninterrupted run (array batches, shuffled by the run)', async () => {
    const v = arrayBatches().slice(0, 1);
    await straightAndResumed(arrayBatches, () => v, 4);
  });

  it('does the same with a shuffling @rnnkit/data dataset (fast-forwarded to the resumed epoch)', async () => {
    const windows = (offset: number, seed: number): BatchSource =>
      slidingWindows(series.slice(offset, offset + 40), { window: 6, batchSize: 8, shuffle: true, seed });
    // 40 values, windows of 6 → 34 windows → 5 batches of ≤ 8.
    await straightAndResumed(() => windows(0, 3), () => windows(40, 4), 5);
  });
});
