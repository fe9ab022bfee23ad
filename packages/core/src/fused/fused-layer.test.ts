// The fused path against the step-by-step path: for every cell, `fusedForward` gives the
// outputs and final states of `layer.forward`, and `fusedBackward` gives every gradient of the
// step-by-step BPTT over the layer's RnnCache (the loop rnn-cache.ts documents, transcribed in
// layers/__fixtures__/bptt.ts) — within 1e-5 — with masks, goBackwards, dropout, initial
// states, zero output for masked steps, and for a stateful layer across calls.

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { bptt } from '../layers/__fixtures__/bptt.js';
import { maxAbsDiff, normal } from '../layers/__fixtures__/tensor-testing.js';
import { disposeCache } from '../layers/cache-tensors.js';
import { gru } from '../layers/gru.js';
import { lstm } from '../layers/lstm.js';
import type { RecurrentLayerOptions, RnnLayer, RnnLayerImpl } from '../layers/rnn.js';
import { simpleRnn } from '../layers/simple-rnn.js';
import { RnnkitError } from '../errors.js';
import { lstmCell } from '../cells/lstm-cell.js';
import { rnn } from '../layers/rnn.js';
import { canFuse, fusedBackward, fusedForward } from './fused-layer.js';
import type { FusedBackendName } from './fused-backend.js';
import { availableFusedBackends } from './fused-backend.js';

beforeAll(useCpuBackend);

const [batch, steps, features, units] = [3, 5, 4, 6];

export const cellMakers: [string, (o: RecurrentLayerOptions) => RnnLayer][] = [
  ['SimpleRNN tanh', (o) => simpleRnn({ units, ...o })],
  ['SimpleRNN relu', (o) => simpleRnn({ units, activation: 'relu', ...o })],
  ['LSTM', (o) => lstm({ units, ...o })],
  ['GRU resetAfter true', (o) => gru({ units, ...o })],
  ['GRU resetAfter false', (o) => gru({ units, resetAfter: false, ...o })],
];

const cases: { name: string; options: RecurrentLayerOptions; masked?: boolean; initial?: boolean; zeroOutputForMask?: boolean }[] = [
  { name: 'last output', options: {} },
  { name: 'sequence from an initial state', options: { returnSequences: true }, initial: true },
  { name: 'sequence, masked, backwards, input and recurrent dropout', options: { returnSequences: true, goBackwards: true, dropout: 0.25, recurrentDropout: 0.25 }, masked: true, initial: true },
  { name: 'last output, masked, zero output for masked steps', options: {}, masked: true, zeroOutputForMask: true },
];

const backends: FusedBackendName[] = availableFusedBackends();

describe.each(backends)('fused kernels (%s)', (backend) => {
  describe.each(cellMakers)('%s', (_name, make) => {
    it.each(cases)('matches the step-by-step forward and BPTT within 1e-5: $name', ({ options, masked, initial, zeroOutputForMask }) => {
      const layer = make(options);
      layer.build([null, steps, features], createRng(3));
      if (zeroOutputForMask) (layer as RnnLayerImpl<tf.Tensor, unknown>).zeroOutputForMask = true;
      const x = normal([batch, steps, features], 1);
      const mask = masked ? tf.tensor2d([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0], [0, 1, 0, 1, 1]]) : null;
      const initialState = initial ? layer.cell.stateSizes.map((size, i) => normal([batch, size], 10 + i, 0.5)) : undefined;
      const outShape = options.returnSequences ? [batch, steps, units] : [batch, units];
      const dOutput = normal(outShape, 3);
      const dFinal = layer.cell.stateSizes.map((size, i) => normal([batch, size], 30 + i) as tf.Tensor2D);
      const ctx = () => ({ training: true, rng: createRng(5), mask, ...(initialState ? { initialState } : {}) });

      const before = tf.memory().numTensors;
      const step = layer.forward(x, ctx());
      const reference = bptt(layer, step.cache, dOutput, dFinal);
      const fused = fusedForward(layer, x, ctx(), { backend });
      const grads = fusedBackward(layer, fused.cache, dOutput, { dFinalState: dFinal });

      expect(maxAbsDiff(fused.output, step.output)).toBeLessThanOrEqual(1e-5);
      fused.cache.finalState.forEach((s, i) => expect(maxAbsDiff(s, step.cache.finalState[i] as tf.Tensor)).toBeLessThanOrEqual(1e-5));
      expect(maxAbsDiff(grads.dx, reference.dx)).toBeLessThanOrEqual(1e-5);
      const fusedParams = [grads.dParams.kernel, grads.dParams.recurrentKernel, grads.dParams.bias];
      fusedParams.forEach((g, i) => expect(maxAbsDiff(g, reference.dParams[i] as tf.Tensor)).toBeLessThanOrEqual(1e-5));
      grads.dInitialState.forEach((g, i) => expect(maxAbsDiff(g, reference.dInitial[i] as tf.Tensor)).toBeLessThanOrEqual(1e-5));

      disposeCache([step, reference, fused, grads]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([x, dOutput, ...dFinal, ...(mask ? [mask] : []), ...(initialState ?? [])]);
      layer.dispose();
    });
  });

  it('a stateful LSTM carries its state across fused calls exactly as across layer.forward calls', () => {
    const [a, b] = [lstm({ units, stateful: true, returnSequences: true }), lstm({ units, stateful: true, returnSequences: true })];
    a.build([null, steps, features], createRng(4));
    b.build([null, steps, features], createRng(4));
    for (const seed of [1, 2, 3]) {
      const x = normal([batch, steps, features], seed);
      const step = a.forward(x, { training: false });
      const fused = fusedForward(b, x, { training: false }, { backend });
      expect(maxAbsDiff(fused.output, step.output)).toBeLessThanOrEqual(1e-5);
      (a.states ?? []).forEach((s, i) => expect(maxAbsDiff(s, (b.states ?? [])[i] as tf.Tensor)).toBeLessThanOrEqual(1e-5));
      disposeCache([step, fused, x]);
    }
    a.dispose();
    b.dispose();
  });
});

describe('fused path eligibility and bad input', () => {
  it('fuses the named layers only, and dropout in training only with an explicit rng', () => {
    const custom = rnn({ cell: (inputSize) => lstmCell({ units, inputSize }) });
    const dropping = lstm({ units, dropout: 0.3 });
    for (const layer of [custom, dropping]) layer.build([null, steps, features], createRng(1));
    expect(canFuse(custom, { training: false })).toBe(false);
    expect(canFuse(dropping, { training: false })).toBe(true);
    expect(canFuse(dropping, { training: true })).toBe(false);
    expect(canFuse(dropping, { training: true, rng: createRng(2) })).toBe(true);
    const x = normal([batch, steps, features], 1);
    expect(() => fusedForward(dropping, x, { training: true })).toThrow(RnnkitError);
    custom.dispose();
    dropping.dispose();
    x.dispose();
  });

  it('names the expected and actual shape of a wrong input, and refuses a second backward pass', () => {
    const layer = gru({ units });
    layer.build([null, steps, features], createRng(1));
    const wrong = tf.zeros([batch, steps, features + 1]);
    expect(() => fusedForward(layer, wrong, { training: true })).toThrow(/\[\?, \?, 4\].*\[3, 5, 5\]/);
    const x = normal([batch, steps, features], 2);
    const { output, cache } = fusedForward(layer, x, { training: true });
    const dy = tf.onesLike(output);
    disposeCache(fusedBackward(layer, cache, dy));
    expect(() => fusedBackward(layer, cache, dy)).toThrow(expect.objectContaining({ code: 'DISPOSED' }));
    disposeCache([output, cache, dy, wrong, x]);
    layer.dispose();
  });
});
