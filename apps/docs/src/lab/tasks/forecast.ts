// Chapter 7: train a recurrent forecaster on the Melbourne temperatures, reporting the loss and
// the validation forecast after every epoch; persistence ("tomorrow = today") is the baseline.
import { dense, gru, lstm, sequential, simpleRnn } from '@rnnkit/core';
import { minMaxScaler, slidingWindows, splitSeries } from '@rnnkit/data';
import { adam, persistenceForecast, train } from '@rnnkit/train';
import { dispose, reshape, tensor3d, tidy } from '@tensorflow/tfjs-core';
import { temperatures } from '../../data/temperatures.js';
import type { Task } from '../protocol.js';

/** Settings of a forecasting run. */
export interface ForecastPayload {
  cell: 'lstm' | 'gru' | 'simpleRnn';
  window: number;
  units: number;
  epochs: number;
  learningRate: number;
  seed: number;
}

/** Sent after every epoch. */
export interface ForecastProgress {
  epoch: number;
  loss: number;
  valLoss: number;
  /** Validation RMSE in °C. */
  rmse: number;
  /** One-step predictions for each validation day, in °C. */
  predicted: number[];
}

/** Sent once, before training. */
export interface ForecastSetup {
  /** The validation days' temperatures in °C, and their dates. */
  actual: number[];
  dates: string[];
  /** RMSE of persistence on the same days, in °C. */
  persistenceRmse: number;
  trainDays: number;
  parameters: number;
}

const rmseOf = (predicted: ArrayLike<number>, actual: ArrayLike<number>): number => {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += ((predicted[i] as number) - (actual[i] as number)) ** 2;
  return Math.sqrt(sum / actual.length);
};

export const forecast: Task = async (payload, { progress, signal }) => {
  const { cell, window, units, epochs, learningRate, seed } = payload as ForecastPayload;
  const series = temperatures();
  const { train: trainPart, test: validationPart } = splitSeries(series.values, { train: 0.8 });
  if (!validationPart) throw new Error('splitSeries gave no validation part');
  const scaler = minMaxScaler().fit(trainPart);
  const trainScaled = scaler.transform(trainPart);
  // Validation windows start `window` days before the validation part, so every validation day
  // gets a one-step prediction.
  const trainDays = trainPart.length;
  const validationScaled = scaler.transform(series.values.subarray(trainDays - window));
  const trainData = slidingWindows(trainScaled, { window, batchSize: 64, shuffle: true, seed });
  const validationData = slidingWindows(validationScaled, { window, batchSize: 256 });

  // All validation windows as one tensor, for predictions after each epoch.
  const count = validationData.size;
  const windows = new Float32Array(count * window);
  const targets = new Float32Array(count);
  for (let k = 0; k < count; k++) {
    const { x, y } = validationData.sample(k);
    windows.set(x, k * window);
    targets[k] = y?.[0] ?? Number.NaN;
  }
  const actual = scaler.inverse(Array.from(targets));
  const validationWindows = tensor3d(windows, [count, window, 1]);
  const persistence = tidy(() => reshape(persistenceForecast(validationWindows), [count]));
  const persistenceRmse = rmseOf(scaler.inverse(Array.from(await persistence.data())), actual);
  persistence.dispose();

  const recurrent = cell === 'lstm' ? lstm({ units }) : cell === 'gru' ? gru({ units }) : simpleRnn({ units });
  const model = sequential({ layers: [recurrent, dense({ units: 1 })], inputShape: [window, 1], seed });
  progress({
    setup: { actual, dates: (series.dates ?? []).slice(trainDays), persistenceRmse, trainDays, parameters: model.countParams() } satisfies ForecastSetup,
  });

  try {
    const result = await train(model, trainData, {
      epochs,
      optimizer: adam({ learningRate }),
      validationData,
      seed,
      signal,
      callbacks: {
        onEpochEnd: async (logs) => {
          const output = tidy(() => reshape(model.predict(validationWindows), [count]));
          const predicted = scaler.inverse(Array.from(await output.data()));
          output.dispose();
          progress({
            epoch: { epoch: logs.epoch + 1, loss: logs.loss, valLoss: logs.valLoss ?? Number.NaN, rmse: rmseOf(predicted, actual), predicted } satisfies ForecastProgress,
          });
        },
      },
    });
    return { epochs: result.epochs, stopReason: result.stopReason };
  } finally {
    dispose(validationWindows);
    model.dispose();
  }
};
