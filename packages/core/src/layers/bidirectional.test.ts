// bidirectional against tf.layers.bidirectional (every cell, every merge mode), against the
// float64 reference under masking (Keras zeroes masked outputs inside Bidirectional), and its
// training path (splitGradient + BPTT of each half) against tf.variableGrads.

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { bptt } from './__fixtures__/bptt.js';
import { referenceRnn } from './__fixtures__/reference-rnn.js';
import type { Matrix } from './__fixtures__/reference-rnn.js';
import { maxAbsDiff, normal, relativeError } from './__fixtures__/tensor-testing.js';
import { asList, copyWeights, kinds, ours, theirs } from './__fixtures__/tf-layers-twin.js';
import type { Kind } from './__fixtures__/tf-layers-twin.js';
import { bidirectional } from './bidirectional.js';
import type { MergeMode } from './bidirectional.js';
import { disposeCache } from './cache-tensors.js';

beforeAll(useCpuBackend);

const [batch, steps, features, units] = [2, 5, 3, 4];
const modes: (MergeMode | null)[] = ['concat', 'sum', 'ave', 'mul', null];

function parity(kind: Kind, mergeMode: MergeMode | null, options: { returnSequences?: boolean; returnState?: boolean }, extra: { mask?: tf.Tensor; initialState?: boolean } = {}): void {
  const layer = bidirectional(ours(kind, { units, ...options }), { mergeMode });
  layer.build([null, steps, features], createRng(3));
  const twin = tfl.layers.bidirectional({ layer: theirs(kind, { units, ...options }) as tfl.RNN, mergeMode: mergeMode ?? undefined });
  if (mergeMode === null) (twin as unknown as { mergeMode: null }).mergeMode = null;
  copyWeights(layer, twin, [batch, steps, features]);
  const x = normal([batch, steps, features], 4);
  const stateCount = (kind === 'LSTM' ? 2 : 1) * 2;
  const initialState = extra.initialState ? Array.from({ length: stateCount }, (_, i) => normal([batch, units], 40 + i)) : undefined;

  const before = tf.memory().numTensors;
  const mine = asList(layer.apply(x, { mask: extra.mask, initialState }));
  expect(tf.memory().numTensors).toBe(before + mine.length);
  const reference = asList(twin.apply(x, { ...(extra.mask ? { mask: extra.mask } : {}), ...(initialState ? { initialState } : {}) }) as tf.Tensor);
  expect(mine.length).toBe(reference.length);
  mine.forEach((t, i) => expect(maxAbsDiff(t, reference[i] as tf.Tensor)).toBeLessThanOrEqual(1e-5));
  tf.dispose([x, ...mine, ...reference, ...(initialState ?? [])]);
  layer.dispose();
  twin.dispose();
}

describe.each(kinds)('bidirectional %s matches tf.layers.bidirectional', (kind) => {
  it.each(modes)('merge mode %s, sequence and last output', (mergeMode) => {
    parity(kind, mergeMode, { returnSequences: true });
    parity(kind, mergeMode, {});
  });

  it('returns forward then backward states and starts from initialState', () => {
    parity(kind, 'concat', { returnSequences: true, returnState: true }, { initialState: true });
  });

  it('with a mask and the last output only', () => {
    const mask = tf.tensor2d([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]]);
    parity(kind, 'sum', {}, { mask });
    mask.dispose();
  });
});

describe('bidirectional under masking', () => {
  it('outputs zeros at masked steps of a sequence (Keras forces zero_output_for_mask)', () => {
    const layer = bidirectional(ours('GRU', { units, returnSequences: true }), { mergeMode: 'concat' });
    layer.build([null, steps, features], createRng(5));
    const x = normal([batch, steps, features], 6);
    const maskRows = [[1, 1, 1, 0, 0], [0, 1, 1, 1, 1]];
    const mask = tf.tensor2d(maskRows);
    const y = layer.apply(x, { mask }) as tf.Tensor;
    const weights = layer.getWeights().map((w) => w.arraySync() as Matrix);
    const half = (offset: number, goBackwards: boolean): number[][][] => {
      const { outputs } = referenceRnn({
        kind: 'GRU',
        kernel: weights[offset] as Matrix,
        recurrentKernel: weights[offset + 1] as Matrix,
        bias: weights[offset + 2] as unknown as number[],
        x: x.arraySync() as number[][][],
        mask: maskRows,
        goBackwards,
        zeroOutputForMask: true,
      });
      return goBackwards ? outputs.map((o) => o.slice().reverse()) : outputs;
    };
    const [forwards, backwards] = [half(0, false), half(3, true)];
    const expected = forwards.map((sample, b) => sample.map((row, t) => [...row, ...((backwards[b] as number[][])[t] as number[])]));
    expect(maxAbsDiff(y, expected)).toBeLessThanOrEqual(1e-5);
    const values = y.arraySync() as number[][][];
    expect(values[0]?.[3]?.every((v) => v === 0)).toBe(true);
    tf.dispose([x, mask, y]);
    layer.dispose();
  });
});

describe('bidirectional training path', () => {
  it.each(['concat', 'sum', 'ave', 'mul'] as MergeMode[])('splitGradient + BPTT of each half equals tf.variableGrads (%s)', (mergeMode) => {
    const layer = bidirectional(ours('LSTM', { units, returnSequences: true }), { mergeMode });
    layer.build([null, steps, features], createRng(7));
    const x = tf.variable(normal([batch, steps, features], 8));
    const mask = tf.tensor2d([[1, 1, 1, 1, 0], [1, 0, 1, 1, 1]]);
    const dOutput = normal([batch, steps, mergeMode === 'concat' ? 2 * units : units], 9);
    const variables = [...layer.weights.map((w) => w.variable), x];
    const before = tf.memory().numTensors;
    const auto = tf.variableGrads(() => {
      const { output } = layer.forward(x, { training: true, mask });
      return tf.sum(tf.mul(output, dOutput));
    }, variables);
    const { output, cache } = layer.forward(x, { training: true, mask });
    const split = layer.splitGradient(cache, dOutput);
    const zeroStates = (): tf.Tensor2D[] => [tf.zeros([batch, units]), tf.zeros([batch, units])];
    const dFinal = [zeroStates(), zeroStates()];
    const forwardGrads = bptt(layer.forwardLayer, cache.forward, split.forward, dFinal[0] as tf.Tensor2D[]);
    const backwardGrads = bptt(layer.backwardLayer, cache.backward, split.backward, dFinal[1] as tf.Tensor2D[]);
    const manual = [...forwardGrads.dParams, ...backwardGrads.dParams];
    layer.weights.forEach((w, i) => expect(relativeError(manual[i] as tf.Tensor, auto.grads[w.variable.name] as tf.Tensor)).toBeLessThanOrEqual(1e-4));
    const dx = tf.add(forwardGrads.dx, backwardGrads.dx);
    expect(relativeError(dx, auto.grads[x.name] as tf.Tensor)).toBeLessThanOrEqual(1e-4);
    disposeCache([output, cache, split, forwardGrads, backwardGrads, dx, auto.value, auto.grads, dFinal]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, mask, dOutput]);
    layer.dispose();
  });
});
