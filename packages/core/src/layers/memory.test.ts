// No leaks: tf.memory().numTensors is unchanged after each public call, except for the tensors
// a call hands back and the state a stateful layer or a streaming model keeps.

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/tf-setup.js';
import { sequential } from '../model/sequential.js';
import { expectNoLeak, normal } from './__fixtures__/tensor-testing.js';
import { bidirectional } from './bidirectional.js';
import { disposeCache } from './cache-tensors.js';
import { dense } from './dense.js';
import { dropout } from './dropout.js';
import { embedding } from './embedding.js';
import { gru } from './gru.js';
import type { Layer } from './layer.js';
import { lstm } from './lstm.js';
import { masking } from './masking.js';
import { simpleRnn } from './simple-rnn.js';

beforeAll(useCpuBackend);

const x = (): tf.Tensor => normal([2, 4, 3], 1);

describe('memory', () => {
  it.each<[string, () => Layer, () => tf.Tensor]>([
    ['simpleRnn', () => simpleRnn({ units: 3, useBias: false }), x],
    ['lstm', () => lstm({ units: 3, returnSequences: true, dropout: 0.2, recurrentDropout: 0.2 }), x],
    ['gru', () => gru({ units: 3 }), x],
    ['bidirectional', () => bidirectional(gru({ units: 3, returnSequences: true })), x],
    ['dense', () => dense({ units: 2 }), x],
    ['embedding', () => embedding({ inputDim: 5, outputDim: 2, maskZero: true }), () => tf.tensor2d([[1, 0, 4]])],
    ['masking', () => masking(), x],
    ['dropout', () => dropout({ rate: 0.5 }), x],
  ])('%s: build, apply, forward, computeMask, getWeights and dispose leave nothing behind', (_name, make, input) => {
    const data = input();
    expectNoLeak(() => {
      const layer = make();
      layer.build([null, ...data.shape.slice(1)]);
      for (const training of [false, true]) {
        const before = tf.memory().numTensors;
        const y = layer.apply(data, { training });
        expect(tf.memory().numTensors).toBe(before + 1);
        tf.dispose(y);
      }
      const { output, cache } = layer.forward(data, { training: true });
      disposeCache({ output, cache });
      const mask = layer.computeMask(data, null);
      tf.dispose(mask ?? []);
      tf.dispose(layer.getWeights());
      layer.dispose();
    });
    data.dispose();
  });

  it('a stateful layer keeps only its state tensors, even inside a caller tidy; resetState() frees them', () => {
    const data = x();
    expectNoLeak(() => {
      const layer = lstm({ units: 3, stateful: true });
      layer.build([null, 4, 3]);
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        layer.apply(data);
        layer.apply(data);
      });
      expect(tf.memory().numTensors).toBe(before + 2);
      expect(layer.states?.map((s) => s.isDisposed)).toEqual([false, false]);
      layer.resetState();
      expect(tf.memory().numTensors).toBe(before);
      layer.apply(data).dispose();
      layer.dispose(); // also frees the kept state
    });
    data.dispose();
  });

  it('a stateful bidirectional layer keeps both halves’ states until resetState()', () => {
    const data = x();
    expectNoLeak(() => {
      const layer = bidirectional(simpleRnn({ units: 2, stateful: true }));
      layer.apply(data).dispose();
      expect(layer.forwardLayer.states).toHaveLength(1);
      expect(layer.backwardLayer.states).toHaveLength(1);
      layer.resetState();
      layer.dispose();
    });
    data.dispose();
  });

  it('a model frees everything on dispose, streamed states included', () => {
    expectNoLeak(() => {
      const model = sequential({ inputShape: [null, 3], layers: [lstm({ units: 3, returnSequences: true }), dense({ units: 1 })] });
      const data = x();
      model.predict(data).dispose();
      const xt = tf.ones([2, 3]);
      model.step(xt).dispose();
      tf.dispose([xt, data]);
      tf.dispose(model.getWeights());
      model.summary();
      model.dispose();
    });
  });
});
