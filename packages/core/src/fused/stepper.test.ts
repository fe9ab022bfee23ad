// Streaming with createStepper against the model's own tfjs streaming (`model.step`), step by
// step over a sequence, for every cell, stacked, with a dense head — within 1e-5 — on each
// backend; and no tfjs tensor is made by the steps.

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/tf-setup.js';
import { dense } from '../layers/dense.js';
import { gru } from '../layers/gru.js';
import { lstm } from '../layers/lstm.js';
import type { Layer } from '../layers/layer.js';
import { simpleRnn } from '../layers/simple-rnn.js';
import { sequential } from '../model/sequential.js';
import { normal } from '../layers/__fixtures__/tensor-testing.js';
import type { FusedBackendName } from './fused-backend.js';
import { availableFusedBackends } from './fused-backend.js';
import { createStepper } from './stepper.js';

beforeAll(useCpuBackend);

const backends: FusedBackendName[] = availableFusedBackends();
const stacks: [string, () => Layer<tf.Tensor>[]][] = [
  ['LSTM → dense', () => [lstm({ units: 12 }), dense({ units: 2 })]],
  ['GRU resetAfter true → GRU resetAfter false → dense', () => [gru({ units: 7, returnSequences: true }), gru({ units: 5, resetAfter: false }), dense({ units: 3, activation: 'tanh' })]],
  ['SimpleRNN relu → LSTM', () => [simpleRnn({ units: 6, activation: 'relu', returnSequences: true }), lstm({ units: 9 })]],
];

describe.each(backends)('createStepper (%s)', (backend) => {
  it.each(stacks)('streams %s exactly as model.step does, within 1e-5, making no tensors', (_name, makeLayers) => {
    const [batch, features, steps] = [2, 3, 12];
    const model = sequential({ inputShape: [null, features], seed: 4, layers: makeLayers() });
    const stepper = createStepper(model, { batchSize: batch, backend });
    const xs = normal([steps, batch, features], 5);
    const inputs = tf.unstack(xs);
    let worst = 0;
    for (const [t, x] of inputs.entries()) {
      const expected = model.step(x);
      const before = tf.memory().numTensors;
      const actual = stepper.step(x.dataSync());
      expect(tf.memory().numTensors).toBe(before);
      expect(actual.length).toBe(expected.size);
      const e = expected.dataSync();
      actual.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (e[i] as number)))));
      expected.dispose();
      if (t === 5) {
        model.resetState();
        stepper.resetState();
      }
    }
    expect(worst).toBeLessThanOrEqual(1e-5);
    tf.dispose([xs, ...inputs]);
    stepper.dispose();
    model.dispose();
  });

  it('refuses an input of the wrong size with an RnnkitError naming both sizes', () => {
    const model = sequential({ inputShape: [null, 3], layers: [lstm({ units: 4 })] });
    const stepper = createStepper(model, { backend });
    expect(() => stepper.step([1, 2])).toThrow(/1 × 3 numbers, got 2/);
    stepper.dispose();
    model.dispose();
  });
});
