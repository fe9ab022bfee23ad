// The forward cache is enough for BPTT: the backward loop written exactly as rnn-cache.ts
// documents it (cell.backward from t = T−1 down to 0) reproduces tf.variableGrads of the
// layer's own forward pass, for every cell, with masking, dropout, goBackwards and initialState.

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { bptt } from './__fixtures__/bptt.js';
import { normal, relativeError } from './__fixtures__/tensor-testing.js';
import { gru } from './gru.js';
import { lstm } from './lstm.js';
import type { RecurrentLayerOptions, RnnLayer } from './rnn.js';
import { disposeCache } from './cache-tensors.js';
import type { RnnLayerImpl } from './rnn.js';
import { simpleRnn } from './simple-rnn.js';

beforeAll(useCpuBackend);

const [batch, steps, features, units] = [3, 5, 4, 3];

const makers: [string, (o: RecurrentLayerOptions) => RnnLayer][] = [
  ['SimpleRNN', (o) => simpleRnn({ units, ...o })],
  ['LSTM', (o) => lstm({ units, ...o })],
  ['GRU resetAfter', (o) => gru({ units, ...o })],
  ['GRU resetBefore', (o) => gru({ units, resetAfter: false, ...o })],
];

const cases: { name: string; options: RecurrentLayerOptions; masked?: boolean; zeroOutputForMask?: boolean }[] = [
  { name: 'last output', options: {} },
  { name: 'sequence, masked, backwards, dropout', options: { returnSequences: true, goBackwards: true, dropout: 0.25, recurrentDropout: 0.25 }, masked: true },
  { name: 'sequence, masked, zero output for masked steps', options: { returnSequences: true }, masked: true, zeroOutputForMask: true },
];

describe.each(makers)('%s forward cache', (_name, make) => {
  it.each(cases)('drives a BPTT equal to tf.variableGrads: $name', ({ options, masked, zeroOutputForMask }) => {
    const layer = make({ ...options, returnState: true });
    layer.build([null, steps, features], createRng(8));
    if (zeroOutputForMask) (layer as RnnLayerImpl<tf.Tensor[], unknown>).zeroOutputForMask = true;
    const x = tf.variable(normal([batch, steps, features], 1));
    const initial = layer.cell.stateSizes.map((size, i) => tf.variable(normal([batch, size], 10 + i)));
    const mask = masked ? tf.tensor2d([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0], [0, 1, 0, 1, 1]]) : null;
    const outShape = options.returnSequences ? [batch, steps, units] : [batch, units];
    const dOutput = normal(outShape, 3);
    const dFinal = layer.cell.stateSizes.map((size, i) => normal([batch, size], 30 + i) as tf.Tensor2D);
    const context = () => ({ training: true, rng: createRng(5), mask, initialState: initial });

    const before = tf.memory().numTensors;
    const auto = tf.variableGrads(() => {
      const { output, cache } = layer.forward(x, context());
      const stateTerms = cache.finalState.map((s, i) => tf.sum(tf.mul(s, dFinal[i] as tf.Tensor)));
      return stateTerms.reduce((a, b) => tf.add(a, b), tf.sum(tf.mul(output, dOutput))) as tf.Scalar;
    }, [...layer.weights.map((w) => w.variable), x, ...initial]);
    const { output, cache } = layer.forward(x, context());
    const manual = bptt(layer, cache, dOutput, dFinal);

    const weightNames = layer.weights.map((w) => w.variable.name);
    weightNames.forEach((name, i) => expect(relativeError(manual.dParams[i] as tf.Tensor, auto.grads[name] as tf.Tensor)).toBeLessThanOrEqual(1e-4));
    expect(relativeError(manual.dx, auto.grads[x.name] as tf.Tensor)).toBeLessThanOrEqual(1e-4);
    initial.forEach((s, i) => expect(relativeError(manual.dInitial[i] as tf.Tensor, auto.grads[s.name] as tf.Tensor)).toBeLessThanOrEqual(1e-4));

    disposeCache([output, cache, manual, auto.value, auto.grads]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, ...initial, dOutput, ...dFinal, ...(mask ? [mask] : [])]);
    layer.dispose();
  });
});
