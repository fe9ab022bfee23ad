// Chapter 6: run an LSTM cell and a GRU cell step by step over a stretch of the temperature
// record and return every gate's activation at every step (read from the cells' caches).
// Weights are the seeded initial ones, or those of a small forecaster trained for a few epochs.
import { createRng, dense, gru, gruCell, lstm, lstmCell, sequential } from '@rnnkit/core';
import type { CellParams } from '@rnnkit/core';
import { minMaxScaler, slidingWindows, splitSeries } from '@rnnkit/data';
import { adam, train } from '@rnnkit/train';
import { dispose, tensor2d, tidy } from '@tensorflow/tfjs-core';
import type { Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs-core';
import { temperatures } from '../../data/temperatures.js';
import type { Task } from '../protocol.js';

/** What the page asks. */
export interface GatesPayload {
  cell: 'lstm' | 'gru';
  units: number;
  /** First day and number of days to run over. */
  start: number;
  length: number;
  /** Epochs of training first (0: the seeded initial weights). */
  trainEpochs: number;
}

/** Per gate name, a `[time][unit]` matrix; plus the inputs. */
export interface GatesResult {
  gates: Record<string, number[][]>;
  temperatures: number[];
  dates: string[];
}

/** Trains sequential([cell layer, dense]) briefly and returns the recurrent layer's weights. */
async function trainedParams(kind: 'lstm' | 'gru', units: number, epochs: number, signal: AbortSignal): Promise<Tensor[]> {
  const series = temperatures();
  const { train: part } = splitSeries(series.values, { train: 0.8 });
  const scaled = minMaxScaler().fit(part).transform(part);
  const model = sequential({ layers: [kind === 'lstm' ? lstm({ units }) : gru({ units }), dense({ units: 1 })], inputShape: [14, 1], seed: 11 });
  await train(model, slidingWindows(scaled, { window: 14, batchSize: 64, shuffle: true, seed: 11 }), { epochs, optimizer: adam({ learningRate: 0.01 }), signal, seed: 11 });
  const weights = model.getWeights();
  model.dispose();
  dispose(weights.slice(3));
  return weights.slice(0, 3);
}

export const gates: Task = async (payload, { signal, progress }) => {
  const { cell: kind, units, start, length, trainEpochs } = payload as GatesPayload;
  const series = temperatures();
  const scaler = minMaxScaler().fit(series.values.subarray(0, Math.floor(series.rows * 0.8)));
  const days = Array.from(series.values.subarray(start, start + length));
  const inputs = scaler.transform(days);
  const cell = kind === 'lstm' ? lstmCell({ units, inputSize: 1 }) : gruCell({ units, inputSize: 1 });
  let params: CellParams;
  if (trainEpochs > 0) {
    progress({ status: `training an ${kind.toUpperCase()} forecaster for ${trainEpochs} epochs…` });
    const [kernel, recurrentKernel, bias] = await trainedParams(kind, units, trainEpochs, signal);
    params = { kernel: kernel as Tensor2D, recurrentKernel: recurrentKernel as Tensor2D, bias: bias as Tensor1D | Tensor2D };
  } else {
    params = cell.initParams(createRng(11));
  }
  const names = kind === 'lstm' ? ['input gate i', 'forget gate f', 'output gate o', 'cell state c'] : ['update gate z', 'reset gate r', 'candidate ĥ', 'hidden state h'];
  const gatesOut: Record<string, number[][]> = Object.fromEntries(names.map((name) => [name, []]));
  let state = cell.zeroState(1);
  for (const value of inputs) {
    const next = tidy(() => {
      const { state: newState, cache } = cell.step(params, tensor2d([[value]], [1, 1]), state);
      const c = cache as unknown as Record<string, Tensor2D>;
      const picked = kind === 'lstm' ? [c.i, c.f, c.o, newState[1]] : [c.z, c.r, c.candidate, newState[0]];
      return { newState, rows: picked.map((t) => Array.from((t as Tensor2D).dataSync())) };
    });
    dispose(state);
    state = next.newState;
    next.rows.forEach((row, g) => gatesOut[names[g] as string]?.push(row));
  }
  dispose(state);
  dispose([params.kernel, params.recurrentKernel, params.bias]);
  return { gates: gatesOut, temperatures: days, dates: (series.dates ?? []).slice(start, start + length) } satisfies GatesResult;
};
