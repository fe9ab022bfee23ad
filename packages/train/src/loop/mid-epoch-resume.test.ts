// A run aborted between two batches of an epoch writes a checkpoint of that exact point; resumed
// from it, the run ends with exactly the weights, optimizer state, history and step count of an
// uninterrupted run with the same seed (cpu backend): shuffled array batches, generators,
// shuffling datasets, dropout, Adam, a schedule, early stopping, metrics, and carried states
// under truncated BPTT. Version 1 (epoch-end) checkpoints still resume; forged fields are refused.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { dense, embedding, lstm, sequential } from '@rnnkit/core';
import type { SequentialModel } from '@rnnkit/core';
import { languageModelBatches, slidingWindows } from '@rnnkit/data';
import { describe, expect, it } from 'vitest';
import { parseCheckpoint } from '../io/checkpoint.js';
import { sparseCategoricalCrossEntropy } from '../losses/sparse-categorical-cross-entropy.js';
import { rmse } from '../metrics/regression-metrics.js';
import { adam } from '../optimizers/adam.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import { reduceOnPlateau } from '../schedules/reduce-on-plateau.js';
import type { Batch, BatchSource } from './batches.js';
import { train } from './train.js';
import type { EpochLogs, TrainOptions, TrainResult } from './train-options.js';

const series = Array.from({ length: 80 }, (_, t) => Math.sin(0.3 * t) + 0.1 * Math.cos(1.7 * t));
const windowBatch = (b: number): Batch => ({
  x: tf.tensor3d(Array.from({ length: 6 }, (_, i) => Array.from({ length: 6 }, (_, t) => [series[b * 6 + i + t] as number]))),
  y: tf.tensor2d(Array.from({ length: 6 }, (_, i) => [series[b * 6 + i + 6] as number])),
});

/** A run to interrupt: model, data and options are made anew for every run. */
type Setup = { model: (seed: number) => SequentialModel; data: () => BatchSource; options: () => TrainOptions; epochs: number };

const forecaster = (dropout: number) => (seed: number): SequentialModel =>
  sequential({ layers: [lstm({ units: 5, dropout, recurrentDropout: dropout }), dense({ units: 1 })], inputShape: [6, 1], seed });

const regression = (data: () => BatchSource, shuffle: boolean, dropout: number): Setup => ({
  model: forecaster(dropout),
  data,
  options: () => ({
    optimizer: adam({ learningRate: 0.01 }),
    schedule: reduceOnPlateau({ initialRate: 0.01, patience: 1, factor: 0.5 }),
    earlyStopping: { patience: 10 },
    metrics: [rmse()],
    validationData: [windowBatch(8)],
    shuffle,
    seed: 7,
  }),
  epochs: 4,
});

const arrays = (): Batch[] => Array.from({ length: 4 }, (_, b) => windowBatch(b));
// A function source whose generator makes fresh tensors every epoch (the loop disposes them).
const generator = (): BatchSource =>
  function* (epoch: number) {
    for (let b = 0; b < 4; b++) yield windowBatch((b + epoch) % 5);
  };
const dataset = (): BatchSource => slidingWindows(series.slice(0, 40), { window: 6, batchSize: 8, shuffle: true, seed: 3 });

const tokens = Int32Array.from({ length: 61 }, (_, i) => (i * 7 + 3) % 11);
const charModel: Setup = {
  model: (seed) =>
    sequential({ layers: [embedding({ inputDim: 11, outputDim: 3 }), lstm({ units: 4, returnSequences: true, dropout: 0.1 }), dense({ units: 11 })], inputShape: [10], seed }),
  data: () => languageModelBatches(tokens, { batchSize: 2, seqLength: 10 }),
  options: () => ({ loss: sparseCategoricalCrossEntropy(), optimizer: adam({ learningRate: 0.02 }), carryState: true, truncatedBptt: { k1: 5 }, seed: 5 }),
  epochs: 3,
};

const withoutTime = (h: EpochLogs[]): Record<string, number>[] => h.map(({ seconds: _, ...rest }) => rest);
const values = (m: SequentialModel): number[][] => m.weights.map((w) => Array.from(w.variable.dataSync()));
const tempPath = async (): Promise<string> => join(await mkdtemp(join(tmpdir(), 'rnnkit-mid-epoch-')), 'checkpoint.json');

type Outcome = { result: TrainResult; weights: number[][]; optimizer: ReturnType<Optimizer['getState']> };

/** Trains a fresh model of `setup` with `extra` options; frees the model, optimizer and batches. */
async function run(setup: Setup, seed: number, extra: Partial<TrainOptions>): Promise<Outcome> {
  const model = setup.model(seed);
  const data = setup.data();
  const options = { ...setup.options(), epochs: setup.epochs, ...extra };
  const result = await train(model, data, options);
  const outcome = { result, weights: values(model), optimizer: options.optimizer?.getState() as Outcome['optimizer'] };
  model.dispose();
  options.optimizer?.dispose();
  for (const source of [data, options.validationData]) if (Array.isArray(source)) tf.dispose(source.flatMap((b: Batch) => [b.x, b.y]));
  return outcome;
}

/** Aborts after `batch` batches (their last update) of `epoch` into `path`. */
const abortAt = (epoch: number, batch: number, path: string): Partial<TrainOptions> => {
  const controller = new AbortController();
  return {
    signal: controller.signal,
    checkpoint: { path },
    callbacks: { onBatchEnd: (l) => void (l.epoch === epoch && l.batch === batch - 1 && controller.abort()) },
  };
};

async function expectExactResume(setup: Setup, epoch: number, batch: number, updatesPerBatch = 1): Promise<void> {
  const before = tf.memory().numTensors;
  const straight = await run(setup, 1, {});
  const path = await tempPath();
  const aborted = await run(setup, 1, abortAt(epoch, batch, path));
  expect(aborted.result.stopReason).toBe('aborted');
  const saved = parseCheckpoint(await readFile(path, 'utf8'), path);
  const perEpoch = straight.result.steps / setup.epochs;
  expect(saved).toMatchObject({ version: 2, epoch, step: epoch * perEpoch + batch * updatesPerBatch, partialEpoch: { batch } });
  expect(saved.history).toHaveLength(epoch);

  // A different seed proves that the weights come from the file.
  const resumed = await run(setup, 99, { resumeFrom: path });
  expect(withoutTime(resumed.result.history)).toEqual(withoutTime(straight.result.history));
  expect(resumed.result.steps).toBe(straight.result.steps);
  expect(resumed.weights).toEqual(straight.weights);
  expect(resumed.optimizer).toEqual(straight.optimizer);
  expect(tf.memory().numTensors).toBe(before);
}

describe('aborting inside an epoch and resuming', () => {
  it('continues exactly after 2 batches of epoch 0 (array batches shuffled by the run, dropout)', async () => {
    await expectExactResume(regression(arrays, true, 0.2), 0, 2);
  });

  it('continues exactly after 3 batches of epoch 2 (array batches shuffled by the run, dropout)', async () => {
    await expectExactResume(regression(arrays, true, 0.2), 2, 3);
  });

  it('continues exactly when the abort came after the last batch of an epoch (epoch-end work still to do)', async () => {
    await expectExactResume(regression(arrays, true, 0), 1, 4);
  });

  it('continues exactly with a generator source of fresh tensors (skipped batches are disposed)', async () => {
    await expectExactResume(regression(generator, false, 0.2), 2, 1);
  });

  it('continues exactly with a shuffling @rnnkit/data dataset', async () => {
    await expectExactResume(regression(dataset, false, 0.2), 0, 2);
    await expectExactResume(regression(dataset, false, 0.2), 2, 3);
  });

  it('finishes the truncated-BPTT batch it was aborted in and saves the carried states (char model, carryState)', async () => {
    // Aborted at the first of a batch's two windows: the checkpoint lands after that batch.
    const controller = new AbortController();
    const path = await tempPath();
    await run(charModel, 1, { signal: controller.signal, checkpoint: { path }, callbacks: { onBatchEnd: () => controller.abort() } });
    const saved = parseCheckpoint(await readFile(path, 'utf8'), path);
    expect(saved).toMatchObject({ epoch: 0, step: 2, partialEpoch: { batch: 1 } });
    expect(Object.keys(saved.partialEpoch?.carried ?? {})).toEqual(['1']);
    await expectExactResume(charModel, 0, 2, 2);
    await expectExactResume(charModel, 1, 1, 2);
  });
});

describe('mid-epoch checkpoint files', () => {
  it('still resumes a version 1 (epoch-end) checkpoint exactly', async () => {
    const setup = regression(arrays, true, 0.2);
    const straight = await run(setup, 1, {});
    const path = await tempPath();
    await run(setup, 1, { epochs: 2, checkpoint: { path } });
    const { partialEpoch: _, ...v2 } = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    await writeFile(path, JSON.stringify({ ...v2, version: 1 }));
    const resumed = await run(setup, 99, { resumeFrom: path });
    expect(withoutTime(resumed.result.history)).toEqual(withoutTime(straight.result.history));
    expect(resumed.weights).toEqual(straight.weights);
    expect(resumed.result.steps).toBe(straight.result.steps);
  });

  it('refuses forged mid-epoch fields with CORRUPT_FILE naming the field, and leaks nothing', async () => {
    const setup = charModel;
    const path = await tempPath();
    await run(setup, 1, abortAt(1, 1, path));
    const good = JSON.parse(await readFile(path, 'utf8')) as { partialEpoch: Record<string, unknown> } & Record<string, unknown>;
    const state = (good.partialEpoch.carried as Record<string, { shape: number[]; data: string }[]>)['1'] as { shape: number[]; data: string }[];
    const forgeries: [string, Record<string, unknown>][] = [
      ['partialEpoch.batch', { partialEpoch: { ...good.partialEpoch, batch: -1 } }],
      ['partialEpoch.batch', { partialEpoch: { ...good.partialEpoch, batch: 1.5 } }],
      ['partialEpoch.epochRng', { partialEpoch: { ...good.partialEpoch, epochRng: [1, 2, 3] } }],
      ['partialEpoch.lossSum', { partialEpoch: { ...good.partialEpoch, lossSum: '0.5' } }],
      ['partialEpoch.lossCount', { partialEpoch: { ...good.partialEpoch, lossCount: -2 } }],
      ['partialEpoch.metricTotals', { partialEpoch: { ...good.partialEpoch, metricTotals: [{ sum: 1 }] } }],
      ['partialEpoch.carried', { partialEpoch: { ...good.partialEpoch, carried: { first: [] } } }],
      ['partialEpoch.carried[1][1]', { partialEpoch: { ...good.partialEpoch, carried: { 1: [state[0], { ...state[1], shape: [2, 5] }] } } }],
      ['cannot hold partialEpoch', { version: 1 }],
    ];
    const before = tf.memory().numTensors;
    for (const [field, forged] of forgeries) {
      await writeFile(path, JSON.stringify({ ...good, ...forged }));
      const model = setup.model(1);
      const attempt = train(model, setup.data(), { ...setup.options(), epochs: 3, resumeFrom: path });
      await expect(attempt, field).rejects.toMatchObject({ code: 'CORRUPT_FILE', message: expect.stringContaining(field) as unknown });
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses to resume a mid-epoch checkpoint into a run with other metrics or without carryState', async () => {
    const path = await tempPath();
    await run(charModel, 1, abortAt(0, 1, path));
    const model = charModel.model(1);
    await expect(train(model, charModel.data(), { ...charModel.options(), carryState: false, resumeFrom: path })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('carryState off') as unknown,
    });
    await expect(train(model, charModel.data(), { ...charModel.options(), metrics: [rmse()], resumeFrom: path })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('totals of 0 metrics') as unknown,
    });
    model.dispose();
  });
});
