// The fused kernel as a tfjs op and in composition: `fusedRnn` (tf.customGrad) against
// tf.variableGrads through the step-by-step layer (tfjs autodiff of `layer.forward`), stacked
// under a dense head; bidirectional layers on the fused path against `layer.forward` + the
// step-by-step BPTT of each half; and the fused forward against tf.layers with the same weights.

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import type * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { bptt } from '../layers/__fixtures__/bptt.js';
import { maxAbsDiff, normal } from '../layers/__fixtures__/tensor-testing.js';
import { asList, copyWeights, kinds, ours, theirs } from '../layers/__fixtures__/tf-layers-twin.js';
import { bidirectional } from '../layers/bidirectional.js';
import type { RnnCache } from '../layers/rnn-cache.js';
import { disposeCache } from '../layers/cache-tensors.js';
import { dense } from '../layers/dense.js';
import { gru } from '../layers/gru.js';
import { lstm } from '../layers/lstm.js';
import type { RnnLayer } from '../layers/rnn.js';
import { simpleRnn } from '../layers/simple-rnn.js';
import { fusedBidirectionalBackward, fusedBidirectionalForward } from './fused-bidirectional.js';
import { fusedRnn } from './fused-rnn.js';

beforeAll(useCpuBackend);

const [batch, steps, features, units] = [4, 6, 3, 8];

const makers: [string, (returnSequences: boolean) => RnnLayer][] = [
  ['SimpleRNN tanh', (returnSequences) => simpleRnn({ units, returnSequences })],
  ['SimpleRNN relu', (returnSequences) => simpleRnn({ units, activation: 'relu', returnSequences })],
  ['LSTM', (returnSequences) => lstm({ units, returnSequences })],
  ['GRU resetAfter true', (returnSequences) => gru({ units, returnSequences })],
  ['GRU resetAfter false', (returnSequences) => gru({ units, resetAfter: false, returnSequences })],
];

/** Loss of a stacked model (recurrent → recurrent → dense) through either path. */
function stackedLoss(first: RnnLayer, second: RnnLayer, head: ReturnType<typeof dense>, x: tf.Tensor, y: tf.Tensor, mask: tf.Tensor, fused: boolean): tf.Scalar {
  const h1 = fused ? fusedRnn(first, x, { mask }) : first.forward(x, { training: false, mask }).output;
  const h2 = fused ? fusedRnn(second, h1, { mask }) : second.forward(h1, { training: false, mask }).output;
  return tf.mean(tf.square(tf.sub(head.apply(h2), y)));
}

describe.each(makers)('fusedRnn (tf.customGrad) for %s', (_name, make) => {
  it('gives the loss and every gradient of tfjs autodiff through the step-by-step layers, stacked and masked, within 1e-5', () => {
    const [first, second, head] = [make(true), make(false), dense({ units: 2 })];
    first.build([null, steps, features], createRng(1));
    second.build([null, steps, units], createRng(2));
    head.build([null, units], createRng(3));
    const x = normal([batch, steps, features], 4);
    const y = normal([batch, 2], 5);
    const mask = tf.tensor2d([[1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 0, 0], [0, 1, 1, 0, 1, 1], [1, 0, 0, 0, 0, 0]]);
    const variables = [...first.weights, ...second.weights, ...head.weights].map((w) => w.variable);

    const before = tf.memory().numTensors;
    const reference = tf.variableGrads(() => stackedLoss(first, second, head, x, y, mask, false), variables);
    const fused = tf.variableGrads(() => stackedLoss(first, second, head, x, y, mask, true), variables);
    expect(maxAbsDiff(fused.value, reference.value)).toBeLessThanOrEqual(1e-6);
    for (const v of variables) expect(maxAbsDiff(fused.grads[v.name] as tf.Tensor, reference.grads[v.name] as tf.Tensor)).toBeLessThanOrEqual(1e-5);
    const dxFused = tf.grad((input: tf.Tensor) => stackedLoss(first, second, head, input, y, mask, true))(x);
    const dxReference = tf.grad((input: tf.Tensor) => stackedLoss(first, second, head, input, y, mask, false))(x);
    expect(maxAbsDiff(dxFused, dxReference)).toBeLessThanOrEqual(1e-5);
    tf.dispose([reference.value, fused.value, dxFused, dxReference, ...Object.values(reference.grads), ...Object.values(fused.grads)]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y, mask]);
    [first, second, head].forEach((l) => l.dispose());
  });
});

const halves: [string, () => RnnLayer][] = [
  ['LSTM', () => lstm({ units, returnSequences: true, recurrentDropout: 0.2 })],
  ['GRU resetAfter true', () => gru({ units, returnSequences: true, dropout: 0.2 })],
  ['GRU resetAfter false', () => gru({ units, resetAfter: false })],
  ['SimpleRNN', () => simpleRnn({ units, returnSequences: true })],
];

describe.each(halves)('fused bidirectional %s', (_name, make) => {
  it.each(['concat', 'sum', 'ave', 'mul'] as const)('matches layer.forward and the step-by-step BPTT of each half within 1e-5 (merge %s, masked)', (mergeMode) => {
    const layer = bidirectional(make(), { mergeMode });
    layer.build([null, steps, features], createRng(7));
    const x = normal([batch, steps, features], 8);
    const mask = tf.tensor2d([[1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 0, 0], [0, 1, 1, 0, 1, 1], [1, 0, 0, 0, 0, 0]]);
    const ctx = () => ({ training: true, rng: createRng(9), mask });
    const before = tf.memory().numTensors;
    const step = layer.forward(x, ctx());
    const fused = fusedBidirectionalForward(layer, x, ctx());
    expect(maxAbsDiff(fused.output, step.output)).toBeLessThanOrEqual(1e-5);
    const dOutput = normal(step.output.shape, 10);
    const grads = fusedBidirectionalBackward(layer, fused.cache, dOutput);
    const split = layer.splitGradient(step.cache, dOutput);
    const zeros = (c: RnnCache) => c.finalState.map((s) => tf.zerosLike(s) as tf.Tensor2D);
    const zeroFinal = [zeros(step.cache.forward as RnnCache), zeros(step.cache.backward as RnnCache)] as const;
    const refForward = bptt(layer.forwardLayer, step.cache.forward as RnnCache, split.forward, zeroFinal[0]);
    const refBackward = bptt(layer.backwardLayer, step.cache.backward as RnnCache, split.backward, zeroFinal[1]);
    const refDx = tf.add(refForward.dx, refBackward.dx);
    expect(maxAbsDiff(grads.dx, refDx)).toBeLessThanOrEqual(1e-5);
    for (const [mine, ref] of [[grads.forward, refForward], [grads.backward, refBackward]] as const) {
      [mine.dParams.kernel, mine.dParams.recurrentKernel, mine.dParams.bias].forEach((g, i) => expect(maxAbsDiff(g, ref.dParams[i] as tf.Tensor)).toBeLessThanOrEqual(1e-5));
    }
    disposeCache([step, fused, grads, split, refForward, refBackward, dOutput, refDx, zeroFinal]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, mask]);
    layer.dispose();
  });
});

describe.each(kinds)('fused %s forward against tf.layers', (kind) => {
  it.each([{ returnSequences: true, goBackwards: false }, { returnSequences: false, goBackwards: true }])('matches tf.layers with the same weights within 1e-5 (%o)', (options) => {
    const layer = ours(kind, { units, ...options });
    layer.build([null, steps, features], createRng(12));
    const twin = theirs(kind, { units, ...options });
    copyWeights(layer, twin, [batch, steps, features]);
    const x = normal([batch, steps, features], 13);
    const expected = asList(twin.apply(x) as tf.Tensor)[0] as tf.Tensor;
    const actual = tf.tidy(() => fusedRnn(layer, x));
    expect(maxAbsDiff(actual, expected)).toBeLessThanOrEqual(1e-5);
    tf.dispose([x, expected, actual]);
    layer.dispose();
    (twin as tfl.layers.Layer).dispose();
  });
});
