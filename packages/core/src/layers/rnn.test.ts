// Parity of our recurrent layers with tf.layers given the same weights, for every cell and
// each sequence option; max abs error ≤ 1e-5.

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { maxAbsDiff, normal } from './__fixtures__/tensor-testing.js';
import { asList, copyWeights, kinds, ours, theirs } from './__fixtures__/tf-layers-twin.js';
import type { TwinOptions } from './__fixtures__/tf-layers-twin.js';

beforeAll(useCpuBackend);

const [batch, steps, features, units] = [3, 6, 4, 5];
const tolerance = 1e-5;

/** Runs our layer and its tf.layers twin on the same input and compares every output. */
function expectParity(kind: (typeof kinds)[number], options: TwinOptions, extra: { initialState?: boolean; mask?: tf.Tensor } = {}): void {
  const x = normal([batch, steps, features], 7);
  const layer = ours(kind, options);
  layer.build([null, steps, features], createRng(11));
  const twin = theirs(kind, options);
  copyWeights(layer, twin, [batch, steps, features]);
  const stateCount = kind === 'LSTM' ? 2 : 1;
  const initialState = extra.initialState ? Array.from({ length: stateCount }, (_, i) => normal([batch, units], 20 + i)) : undefined;

  const before = tf.memory().numTensors;
  const mine = asList(layer.apply(x, { initialState, mask: extra.mask }));
  expect(tf.memory().numTensors).toBe(before + mine.length);
  const reference = asList(twin.apply(x, { ...(initialState ? { initialState } : {}), ...(extra.mask ? { mask: extra.mask } : {}) }) as tf.Tensor);

  expect(mine.length).toBe(reference.length);
  mine.forEach((t, i) => expect(maxAbsDiff(t, reference[i] as tf.Tensor)).toBeLessThanOrEqual(tolerance));
  tf.dispose([x, ...mine, ...reference, ...(initialState ?? [])]);
  layer.dispose();
  twin.dispose();
}

describe.each(kinds)('%s layer matches tf.layers with the same weights', (kind) => {
  it('returns the last output', () => expectParity(kind, { units }));
  it('returns the whole sequence with returnSequences', () => expectParity(kind, { units, returnSequences: true }));
  it('returns the output and final states with returnState', () => expectParity(kind, { units, returnState: true }));
  it('starts from initialState', () => expectParity(kind, { units, returnSequences: true, returnState: true }, { initialState: true }));
  it('reads the sequence backwards and returns it reversed with goBackwards', () =>
    expectParity(kind, { units, returnSequences: true, returnState: true, goBackwards: true }));

  it('carries the previous output and state over masked steps', () => {
    // Row 0 unmasked, row 1 right-padded, row 2 has holes in the middle and a masked first step.
    const mask = tf.tensor2d([[1, 1, 1, 1, 1, 1], [1, 1, 1, 0, 0, 0], [0, 1, 0, 0, 1, 1]], undefined, 'bool');
    expectParity(kind, { units, returnSequences: true, returnState: true }, { mask });
    expectParity(kind, { units, returnState: true, goBackwards: true }, { mask });
    mask.dispose();
  });

  it('keeps its state across calls when stateful, until resetState()', () => {
    const layer = ours(kind, { units, stateful: true, returnSequences: true });
    layer.build([null, steps, features], createRng(3));
    const twin = theirs(kind, { units, stateful: true, returnSequences: true }, [batch, steps, features]);
    copyWeights(layer, twin, [batch, steps, features]);
    const inputs = [normal([batch, steps, features], 1), normal([batch, steps, features], 2), normal([batch, steps, features], 3)];

    const before = tf.memory().numTensors;
    const stateCount = kind === 'LSTM' ? 2 : 1;
    for (const [i, x] of inputs.entries()) {
      if (i === 2) {
        layer.resetState();
        twin.resetStates();
        expect(layer.states).toBeNull();
        expect(tf.memory().numTensors).toBe(before);
      }
      const mine = layer.apply(x) as tf.Tensor;
      const reference = twin.apply(x) as tf.Tensor;
      expect(maxAbsDiff(mine, reference)).toBeLessThanOrEqual(tolerance);
      tf.dispose([mine, reference]);
      // Only the stored state tensors stay alive between calls.
      expect(tf.memory().numTensors).toBe(before + stateCount);
    }
    layer.resetState();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(inputs);
    layer.dispose();
    twin.dispose();
  });

  it('stacks: a sequence-returning layer feeds a second one', () => {
    const first = ours(kind, { units, returnSequences: true });
    const second = ours(kind, { units: 2 });
    first.build([null, steps, features], createRng(1));
    second.build([null, steps, units], createRng(2));
    const [twin1, twin2] = [theirs(kind, { units, returnSequences: true }), theirs(kind, { units: 2 })];
    copyWeights(first, twin1, [batch, steps, features]);
    copyWeights(second, twin2, [batch, steps, units]);
    const x = normal([batch, steps, features], 5);
    const mine = tf.tidy(() => second.apply(first.apply(x) as tf.Tensor) as tf.Tensor);
    const reference = tf.tidy(() => twin2.apply(twin1.apply(x) as tf.Tensor) as tf.Tensor);
    expect(maxAbsDiff(mine, reference)).toBeLessThanOrEqual(tolerance);
    tf.dispose([x, mine, reference]);
    [first, second, twin1, twin2].forEach((l) => l.dispose());
  });
});
