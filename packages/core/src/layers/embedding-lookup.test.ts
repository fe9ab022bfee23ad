// The embedding's gradient on the cpu and the wasm backend, against the cpu backend's
// gradient of tf.gather (unsortedSegmentSum, which tfjs-backend-wasm 4.22 lacks), against
// central finite differences, and through tf.variableGrads.

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { TEST_BACKENDS, onBackend, useBackend } from '../testing/backends.js';
import { expectNoLeak, maxAbsDiff } from './__fixtures__/tensor-testing.js';
import { disposeCache } from './cache-tensors.js';
import { embedding } from './embedding.js';
import { scatterAddRows } from './embedding-lookup.js';

// Ids 2 and 7 repeat (within and across rows), 0 and 9 appear once, 1 3 4 5 6 8 never.
const ids = [[2, 7, 2, 0], [7, 9, 2, 7]];
const vocab = 10;
const width = 3;
const seeded = (shape: number[], seed: number): number[] => {
  const rng = createRng(seed);
  return Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.uniform(-1, 1));
};
const tableValues = seeded([vocab, width], 1);
const lossWeights = seeded([2, 4, width], 2);

/** L(E) = Σ w ⊙ tanh(embed(x)) and ∂L/∂output = w ⊙ (1 − tanh²). */
const lossOf = (y: tf.Tensor, w: tf.Tensor): tf.Scalar => tf.sum(tf.mul(w, tf.tanh(y)));
const lossGradient = (y: tf.Tensor, w: tf.Tensor): tf.Tensor => tf.tidy(() => tf.mul(w, tf.sub(1, tf.square(tf.tanh(y)))));

/** The layer with the seeded table, the ids, the loss weights and the cpu reference gradient. */
function setUp() {
  const layer = embedding({ inputDim: vocab, outputDim: width });
  layer.build([null, 4]);
  const table = tf.tensor2d(tableValues, [vocab, width]);
  layer.setWeights([table]);
  table.dispose();
  const x = tf.tensor2d(ids);
  const w = tf.tensor3d(lossWeights, [2, 4, width]);
  const expected = tf.tensor2d(cpuGatherGradient, [vocab, width]);
  const free = (): void => {
    tf.dispose([x, w, expected]);
    layer.dispose();
  };
  return { layer, x, w, expected, free };
}

// The reference: the cpu backend's gradient of a gather (tf.grad → unsortedSegmentSum).
let cpuGatherGradient: number[] = [];
beforeAll(async () => {
  cpuGatherGradient = await onBackend('cpu', () =>
    tf.tidy(() => {
      const x = tf.tensor2d(ids, undefined, 'int32');
      const w = tf.tensor3d(lossWeights, [2, 4, width]);
      const grad = tf.grad((e: tf.Tensor) => lossOf(tf.gather(e, x), w))(tf.tensor2d(tableValues, [vocab, width]));
      return Array.from(grad.dataSync());
    }),
  );
});

describe.each(TEST_BACKENDS)('embedding gradient on the %s backend', (backend) => {
  beforeAll(() => useBackend(backend));

  it('scatterAddRows sums the rows of repeated ids and leaves unused rows 0 (worked by hand)', () => {
    expectNoLeak(() => {
      const out = tf.tidy(() => scatterAddRows(tf.tensor1d([2, 0, 2], 'int32'), tf.tensor2d([[1, 10], [2, 20], [3, 30]]), 4));
      expect(out.arraySync()).toEqual([[2, 20], [0, 0], [4, 40], [0, 0]]);
      out.dispose();
    });
  });

  it("backward sums repeated ids like the cpu backend's tf.gather gradient", () => {
    const { layer, x, w, expected, free } = setUp();
    expectNoLeak(() => {
      const { output, cache } = layer.forward(x, { training: true });
      const dy = lossGradient(output, w);
      const { dx, grads } = layer.backward(cache, dy);
      expect(tf.getBackend()).toBe(backend);
      expect(dx).toBeNull();
      expect(maxAbsDiff(grads[0] as tf.Tensor, expected)).toBeLessThanOrEqual(1e-6);
      // Row 1 is never looked up; row 7 is looked up three times.
      expect(Array.from((grads[0] as tf.Tensor).dataSync().slice(width, 2 * width))).toEqual([0, 0, 0]);
      disposeCache([output, cache, dy, grads]);
    });
    free();
  });

  it('backward matches central finite differences of L(E) = Σ w·tanh(embed(x))', () => {
    const { layer, x, w, free } = setUp();
    const lossAt = (values: number[]): number => {
      const table = tf.tensor2d(values, [vocab, width]);
      layer.setWeights([table]);
      const value = tf.tidy(() => lossOf(layer.apply(x), w).dataSync()[0] as number);
      table.dispose();
      return value;
    };
    const { output, cache } = layer.forward(x, { training: true });
    const dy = lossGradient(output, w);
    const { grads } = layer.backward(cache, dy);
    const analytic = (grads[0] as tf.Tensor).dataSync();
    const eps = 1e-2;
    // Every entry of the rows of ids 2 and 7 (repeated), 0 and 9 (once), 1 (unused).
    for (const row of [0, 1, 2, 7, 9]) {
      for (let j = 0; j < width; j++) {
        const k = row * width + j;
        const plus = tableValues.map((v, i) => (i === k ? v + eps : v));
        const minus = tableValues.map((v, i) => (i === k ? v - eps : v));
        const numeric = (lossAt(plus) - lossAt(minus)) / (2 * eps);
        expect(Math.abs((analytic[k] as number) - numeric)).toBeLessThanOrEqual(1e-4);
      }
    }
    disposeCache([output, cache, dy, grads]);
    free();
  });

  it('tf.variableGrads through apply gives the same table gradient (no UnsortedSegmentSum kernel needed)', () => {
    const { layer, x, w, expected, free } = setUp();
    const table = layer.weights[0]!.variable;
    expectNoLeak(() => {
      const { value, grads } = tf.variableGrads(() => lossOf(layer.apply(x), w), [table]);
      expect(maxAbsDiff(grads[table.name] as tf.Tensor, expected)).toBeLessThanOrEqual(1e-6);
      tf.dispose([value, ...Object.values(grads)]);
    });
    free();
  });
});
