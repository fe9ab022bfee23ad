// BPTT through whole models (stacked, bidirectional, masked, every cell) against tf.grad of the
// same model's inference pass: tf.variableGrads over `model.predict`, the unrolled forward that
// tfjs differentiates itself. Both the step-by-step loop and the fused kernels are checked.
import * as tf from '@tensorflow/tfjs-core';
import { bidirectional, dense, embedding, gru, lstm, masking, sequential, simpleRnn } from '@rnnkit/core';
import type { Layer, SequentialModel } from '@rnnkit/core';
import { describe, expect, it } from 'vitest';
import { meanSquaredError } from '../losses/mean-squared-error.js';
import { sparseCategoricalCrossEntropy } from '../losses/sparse-categorical-cross-entropy.js';
import type { Loss } from '../losses/loss.js';
import { backwardModel, disposeModelTrace, forwardModel } from './model-gradients.js';

function relativeError(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.div(tf.norm(tf.sub(a, b)), tf.add(tf.norm(b), 1e-12)).dataSync()[0] as number);
}

/** Builds the model, then checks every trainable weight's BPTT gradient against tf.variableGrads. */
function expectModelGradientsMatch(
  layers: Layer<tf.Tensor>[],
  x: tf.Tensor,
  y: tf.Tensor,
  options: { loss?: Loss; mask?: tf.Tensor } = {},
): SequentialModel {
  const { loss = meanSquaredError(), mask } = options;
  const model = sequential({ layers, inputShape: x.shape.slice(1), seed: 3 });
  // Non-zero biases so their gradients are exercised.
  model.trainableWeights.forEach((w, i) => {
    if (w.name.endsWith('bias')) w.variable.assign(tf.randomNormal(w.variable.shape, 0, 0.3, 'float32', 50 + i));
  });
  const before = tf.memory().numTensors;
  const variables = model.trainableWeights.map((w) => w.variable);
  // The reference loss is masked as the model's output is (padding excluded from the mean).
  const reference = tf.variableGrads(() => loss.value(model.predict(x), y, mask), variables);

  // Both paths: the cell-by-cell BPTT loop (fused: false) and core's fused kernels (the default).
  for (const fused of [false, true]) {
    const trace = forwardModel(model, x, { training: false, fused });
    const { value, gradient } = loss.valueAndGradient(trace.output, y, trace.outputMask);
    const { grads } = backwardModel(model, trace, gradient);
    disposeModelTrace(trace);
    expect(Object.keys(grads).sort()).toEqual(model.trainableWeights.map((w) => w.name).sort());
    expect(value.dataSync()[0]).toBeCloseTo(reference.value.dataSync()[0] as number, 5);
    for (const w of model.trainableWeights) {
      expect(relativeError(grads[w.name] as tf.Tensor, reference.grads[w.variable.name] as tf.Tensor), `${w.name} (fused: ${fused})`).toBeLessThan(2e-4);
    }
    tf.dispose([value, gradient, ...Object.values(grads)]);
  }
  tf.dispose([reference.value, ...Object.values(reference.grads)]);
  expect(tf.memory().numTensors).toBe(before);
  return model;
}

const x3 = (batch: number, steps: number, features: number, seed: number): tf.Tensor3D =>
  tf.randomNormal([batch, steps, features], 0, 1, 'float32', seed) as tf.Tensor3D;

/** Time mask `[3, T]`: sample 1 padded for its last 3 steps, sample 2 for its last 2. */
function paddingMask(t: number): tf.Tensor2D {
  return tf.tensor2d([0, 1, 2].map((i) => Array.from({ length: t }, (_, s) => (i === 1 && s >= t - 3 ? 0 : i === 2 && s >= t - 2 ? 0 : 1))));
}

/** Zeros the padded steps (what `masking()` detects). */
function padded(x: tf.Tensor3D): tf.Tensor3D {
  return tf.mul(x, tf.expandDims(paddingMask(x.shape[1]), 2));
}

describe('model gradients by BPTT equal tf.grad of the unrolled model', () => {
  const cells: [string, (o: { units: number; returnSequences?: boolean }) => Layer<tf.Tensor>][] = [
    ['SimpleRNN', (o) => simpleRnn(o)],
    ['LSTM', (o) => lstm(o)],
    ['GRU (resetAfter: true)', (o) => gru({ ...o, resetAfter: true })],
    ['GRU (resetAfter: false)', (o) => gru({ ...o, resetAfter: false })],
  ];

  for (const [name, make] of cells) {
    it(`${name}: many-to-one with a dense head`, () => {
      expectModelGradientsMatch([make({ units: 5 }), dense({ units: 2 })], x3(3, 6, 3, 1), tf.randomNormal([3, 2], 0, 1, 'float32', 2)).dispose();
    });
    it(`${name}: stacked, returning sequences, masked by a masking layer`, () => {
      expectModelGradientsMatch(
        [masking(), make({ units: 4, returnSequences: true }), make({ units: 3, returnSequences: true }), dense({ units: 1 })],
        padded(x3(3, 6, 2, 3)),
        tf.randomNormal([3, 6, 1], 0, 1, 'float32', 4),
        { mask: paddingMask(6) },
      ).dispose();
    });
    it(`${name}: bidirectional (concat), masked, many-to-one`, () => {
      expectModelGradientsMatch(
        [masking(), bidirectional(make({ units: 3 }) as never), dense({ units: 1 })],
        padded(x3(3, 5, 2, 5)),
        tf.randomNormal([3, 1], 0, 1, 'float32', 6),
      ).dispose();
    });
  }

  for (const mergeMode of ['sum', 'ave', 'mul'] as const) {
    it(`bidirectional LSTM returning sequences, merge '${mergeMode}', masked`, () => {
      expectModelGradientsMatch(
        [masking(), bidirectional(lstm({ units: 3, returnSequences: true }), { mergeMode }), dense({ units: 2 })],
        padded(x3(3, 5, 2, 7)),
        tf.randomNormal([3, 5, 2], 0, 1, 'float32', 8),
        { mask: paddingMask(5) },
      ).dispose();
    });
  }

  it('a character model: embedding (maskZero) → stacked LSTM → dense logits, cross-entropy', () => {
    const ids = tf.tensor2d([[3, 1, 4, 1, 5], [2, 6, 5, 0, 0], [5, 3, 5, 8, 0]], [3, 5], 'int32');
    const targets = tf.tensor2d([[1, 4, 1, 5, 9], [6, 5, 3, 0, 0], [3, 5, 8, 9, 0]], [3, 5], 'int32');
    expectModelGradientsMatch(
      [embedding({ inputDim: 10, outputDim: 4, maskZero: true }), lstm({ units: 6, returnSequences: true }), gru({ units: 5, returnSequences: true }), dense({ units: 10 })],
      ids,
      targets,
      { loss: sparseCategoricalCrossEntropy(), mask: tf.notEqual(ids, 0) },
    ).dispose();
  });
});
