// Chapter 3: does the model care about the order inside a window? Train the lecture's MLP
// (3 → 10 → 10 → 1) and a SimpleRNN on windows of the temperatures, once as they are and once
// with the positions inside every window permuted the same way. The permuted MLP starts from the
// same function (its first-layer rows permuted to match), so any difference is order-awareness.
import { dense, sequential, simpleRnn } from '@rnnkit/core';
import type { SequentialModel } from '@rnnkit/core';
import { minMaxScaler, slidingWindows, splitSeries } from '@rnnkit/data';
import { adam, mlpBaseline, train } from '@rnnkit/train';
import type { BatchInput } from '@rnnkit/train';
import { dispose, gather, reshape, tensor2d, tensor3d, tidy } from '@tensorflow/tfjs-core';
import { temperatures } from '../../data/temperatures.js';
import type { Task } from '../protocol.js';

/** Settings of the comparison. */
export interface OrderPayload {
  /** Where each position of a permuted window reads from: `x'[j] = x[permutation[j]]`. */
  permutation: number[];
  epochs: number;
  seed: number;
}

/** One trained model's validation predictions, in °C. */
export interface OrderRun {
  predicted: number[];
  rmse: number;
}

/** Result: both models, both orders, and the truth. */
export interface OrderResult {
  actual: number[];
  dates: string[];
  mlp: { ordered: OrderRun; shuffled: OrderRun; maxDifference: number };
  rnn: { ordered: OrderRun; shuffled: OrderRun; maxDifference: number };
}

const window = 3;

/** All windows of a scaled series as flat arrays. */
function windowsOf(series: ArrayLike<number>): { xs: Float32Array; ys: Float32Array; count: number } {
  const dataset = slidingWindows(series, { window });
  const xs = new Float32Array(dataset.size * window);
  const ys = new Float32Array(dataset.size);
  for (let k = 0; k < dataset.size; k++) {
    const { x, y } = dataset.sample(k);
    xs.set(x, k * window);
    ys[k] = y?.[0] ?? Number.NaN;
  }
  return { xs, ys, count: dataset.size };
}

function permute(xs: Float32Array, permutation: readonly number[]): Float32Array {
  const out = new Float32Array(xs.length);
  for (let start = 0; start < xs.length; start += window) {
    permutation.forEach((from, to) => (out[start + to] = xs[start + from] as number));
  }
  return out;
}

/** Batches of 64 windows as @rnnkit/data-style arrays; `rank3` adds the feature axis for the RNN. */
function batches(xs: Float32Array, ys: Float32Array, count: number, rank3: boolean): BatchInput[] {
  const out: BatchInput[] = [];
  for (let start = 0; start < count; start += 64) {
    const size = Math.min(64, count - start);
    out.push({
      xs: xs.slice(start * window, (start + size) * window),
      xsShape: rank3 ? [size, window, 1] : [size, window],
      ys: ys.slice(start, start + size),
      ysShape: [size, 1],
    });
  }
  return out;
}

export const order: Task = async (payload, { progress, signal }) => {
  const { permutation, epochs, seed } = payload as OrderPayload;
  const series = temperatures();
  const { train: trainPart } = splitSeries(series.values, { train: 0.8 });
  const scaler = minMaxScaler().fit(trainPart);
  const trainWindows = windowsOf(scaler.transform(trainPart));
  const validationStart = trainPart.length - window;
  const validation = windowsOf(scaler.transform(series.values.subarray(validationStart)));
  const actual = scaler.inverse(Array.from(validation.ys));

  async function fit(kind: 'mlp' | 'rnn', shuffled: boolean): Promise<OrderRun> {
    progress({ status: `training the ${kind.toUpperCase()} on ${shuffled ? 'shuffled' : 'ordered'} windows…` });
    const rank3 = kind === 'rnn';
    const model: SequentialModel =
      kind === 'mlp' ? mlpBaseline({ inputSize: window, seed }) : sequential({ layers: [simpleRnn({ units: 10 }), dense({ units: 1 })], inputShape: [window, 1], seed });
    if (kind === 'mlp' && shuffled) {
      // Same function at the start: x'·W' = x·W when W'[j] = W[permutation[j]].
      const weights = model.getWeights();
      const kernel = weights[0];
      if (!kernel) throw new Error('MLP has no first kernel');
      weights[0] = gather(kernel, permutation, 0);
      model.setWeights(weights);
      dispose([kernel, ...weights]);
    }
    const trainXs = shuffled ? permute(trainWindows.xs, permutation) : trainWindows.xs;
    const validationXs = shuffled ? permute(validation.xs, permutation) : validation.xs;
    await train(model, batches(trainXs, trainWindows.ys, trainWindows.count, rank3), { epochs, optimizer: adam({ learningRate: 0.01 }), shuffle: true, seed, signal });
    const output = tidy(() => {
      const x = rank3 ? tensor3d(validationXs, [validation.count, window, 1]) : tensor2d(validationXs, [validation.count, window]);
      return reshape(model.predict(x), [validation.count]);
    });
    const predicted = scaler.inverse(Array.from(await output.data()));
    output.dispose();
    model.dispose();
    const rmse = Math.sqrt(predicted.reduce((sum, p, i) => sum + (p - (actual[i] as number)) ** 2, 0) / predicted.length);
    return { predicted, rmse };
  }

  const maxDifference = (a: OrderRun, b: OrderRun): number => a.predicted.reduce((m, p, i) => Math.max(m, Math.abs(p - (b.predicted[i] as number))), 0);
  const mlpOrdered = await fit('mlp', false);
  const mlpShuffled = await fit('mlp', true);
  const rnnOrdered = await fit('rnn', false);
  const rnnShuffled = await fit('rnn', true);
  return {
    actual,
    dates: (series.dates ?? []).slice(validationStart + window),
    mlp: { ordered: mlpOrdered, shuffled: mlpShuffled, maxDifference: maxDifference(mlpOrdered, mlpShuffled) },
    rnn: { ordered: rnnOrdered, shuffled: rnnShuffled, maxDifference: maxDifference(rnnOrdered, rnnShuffled) },
  } satisfies OrderResult;
};
