// The forecasting run shared by `rnnkit forecast` and `rnnkit demo`: prepare the data, build
// the recurrent model, train it (checkpointed, interruptible), and score it and persistence on
// the test part.

import type { SequentialModel } from '@rnnkit/core';
import { meanSquaredError } from '@rnnkit/train';
import type { TrainResult } from '@rnnkit/train';
import type { CommandScope } from '../command-scope.js';
import { forecastModel } from '../model/build-model.js';
import type { CellChoice, OptimizerChoice } from '../options/training-options.js';
import { optimizerByName } from '../training/optimizer-by-name.js';
import { runTraining } from '../training/run-training.js';
import { predictDataset, score, testBaseline } from './evaluate-forecast.js';
import type { Score } from './evaluate-forecast.js';
import { prepareForecastData } from './forecast-data.js';
import type { ForecastData, SplitRequest } from './forecast-data.js';
import type { LoadedSeries } from './load-series.js';

/** The settings of a forecasting run (what a checkpoint records). */
export interface ForecasterSettings {
  readonly window: number;
  readonly horizon: number;
  readonly cell: CellChoice;
  readonly units: number;
  readonly layers: number;
  readonly bidirectional: boolean;
  readonly epochs: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly optimizer: OptimizerChoice;
  readonly clip: number | undefined;
  readonly seed: number;
}

/** Where the run keeps its checkpoint, and whether it continues one. */
export interface CheckpointPlan {
  readonly dir: string;
  readonly resume: boolean;
  readonly resumeHint: string;
}

/** A trained forecaster and its scores. */
export interface FittedForecaster {
  readonly model: SequentialModel;
  readonly data: ForecastData;
  readonly training: TrainResult;
  /** The model's test predictions, `[windows × horizon]`, data units. */
  readonly predicted: Float32Array;
  /** Persistence's test predictions. */
  readonly persistence: Float32Array;
  /** The true test values. */
  readonly actual: Float32Array;
  readonly scores: { readonly model: Score; readonly persistence: Score };
}

/**
 * Trains and scores a forecaster on a loaded series. The caller disposes `model`.
 *
 * @example
 * ```ts
 * const fitted = await fitForecaster(loaded, { val: 0.1, test: 0.1 }, settings, checkpoint, scope, 'temps.csv');
 * fitted.scores.model.rmse;
 * ```
 */
export async function fitForecaster(
  loaded: LoadedSeries,
  split: SplitRequest,
  settings: ForecasterSettings,
  checkpoint: CheckpointPlan,
  scope: CommandScope,
  where: string,
): Promise<FittedForecaster> {
  const data = await prepareForecastData(loaded, split, settings, where);
  const model = forecastModel(
    { cell: settings.cell, units: settings.units, layers: settings.layers, bidirectional: settings.bidirectional, returnSequences: false },
    { window: settings.window, features: loaded.features.length, outputs: settings.horizon, seed: settings.seed },
  );
  try {
    const optimizer = optimizerByName(settings.optimizer, settings.lr);
    let training: TrainResult;
    try {
      training = await runTraining(
        {
          model,
          data: data.train,
          batchesPerEpoch: data.train.numBatches,
          validation: data.validation,
          epochs: settings.epochs,
          loss: meanSquaredError(),
          optimizer,
          seed: settings.seed,
          clip: settings.clip,
          checkpointDir: checkpoint.dir,
          resume: checkpoint.resume,
          resumeHint: checkpoint.resumeHint,
          label: `training ${settings.bidirectional ? 'bidirectional ' : ''}${settings.cell.toUpperCase()} (${settings.layers} × ${settings.units} units) on ${data.train.size} windows`,
        },
        scope,
      );
    } finally {
      optimizer.dispose();
    }
    const predicted = predictDataset(model, data.test, data).values;
    const { actual, persistence } = testBaseline(data, settings.window);
    return {
      model,
      data,
      training,
      predicted,
      persistence,
      actual,
      scores: { model: score(predicted, actual, settings.horizon), persistence: score(persistence, actual, settings.horizon) },
    };
  } catch (error) {
    model.dispose();
    throw error;
  }
}
