// Bad input to layers fails with an RnnkitError carrying a code and a message that names the
// expected and the actual shape — never a raw tfjs error — and leaves no tensor behind.

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { RnnkitError } from '../errors.js';
import { createRng } from '../rng.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { expectNoLeak } from './__fixtures__/tensor-testing.js';
import { bidirectional } from './bidirectional.js';
import { gru } from './gru.js';
import { lstm } from './lstm.js';
import { simpleRnn } from './simple-rnn.js';

beforeAll(useCpuBackend);

/** Expects `fn` to throw an RnnkitError with `code` and a message matching `message`, leak-free. */
function expectRejects(fn: () => unknown, code: string, message: RegExp): void {
  expectNoLeak(() => {
    let caught: unknown = null;
    try {
      fn();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RnnkitError);
    expect((caught as RnnkitError).code).toBe(code);
    expect((caught as RnnkitError).message).toMatch(message);
  });
}

describe('recurrent layer input checks', () => {
  const layer = lstm({ units: 4, name: 'encoder' });
  const inputs = { rank2: tf.zeros([2, 3]), features5: tf.zeros([2, 6, 5]), ok: tf.zeros([2, 6, 3]), empty: tf.zeros([2, 0, 3]) };
  beforeAll(() => layer.build([null, null, 3], createRng(1)));

  it('wrong rank', () => expectRejects(() => layer.apply(inputs.rank2), 'RANK_MISMATCH', /'encoder'.*rank 3 \[\?, \?, 3\], got rank 2 \[2, 3\]/));
  it('wrong feature size', () => expectRejects(() => layer.apply(inputs.features5), 'SHAPE_MISMATCH', /shape \[\?, \?, 3\], got \[2, 6, 5\]/));
  it('no time steps', () => expectRejects(() => layer.apply(inputs.empty), 'EMPTY_INPUT', /0 time steps \[2, 0, 3\]/));
  it('a non-finite value when checkFinite is on', () => {
    const bad = tf.tensor3d([[[0, 0, Number.POSITIVE_INFINITY]]]);
    expectRejects(() => layer.apply(bad, { checkFinite: true }), 'NON_FINITE', /non-finite value Infinity at index \[0, 0, 2\]/);
    bad.dispose();
  });
  it('a mask of the wrong shape', () => {
    const mask = tf.ones([2, 5]);
    expectRejects(() => layer.apply(inputs.ok, { mask }), 'SHAPE_MISMATCH', /mask must have shape \[2, 6\], got \[2, 5\]/);
    mask.dispose();
  });
  it('initialState with one tensor too few, or of the wrong shape', () => {
    const h = tf.zeros([2, 4]);
    const wide = tf.zeros([2, 5]);
    expectRejects(() => layer.apply(inputs.ok, { initialState: [h] }), 'INVALID_ARGUMENT', /needs 2 state tensor\(s\) \(\[2, 4\], \[2, 4\]\), got 1/);
    expectRejects(() => layer.apply(inputs.ok, { initialState: [h, wide] }), 'SHAPE_MISMATCH', /initialState\[1\] must have shape \[2, 4\], got \[2, 5\]/);
    tf.dispose([h, wide]);
  });
  it('weights of the wrong shape, naming the weight', () => {
    const weights = layer.getWeights();
    const wrong = tf.zeros([4, 4]);
    expectRejects(() => layer.setWeights([weights[0] as tf.Tensor, wrong, weights[2] as tf.Tensor]), 'SHAPE_MISMATCH', /'encoder\/recurrent_kernel' must have shape \[4, 16\], got \[4, 4\]/);
    expectRejects(() => layer.setWeights(weights.slice(0, 2)), 'INVALID_ARGUMENT', /expects 3 tensors \(encoder\/kernel, encoder\/recurrent_kernel, encoder\/bias\), got 2/);
    tf.dispose([...weights, wrong]);
  });
  it('use after dispose', () => {
    const other = simpleRnn({ units: 2 });
    other.dispose();
    expectRejects(() => other.apply(inputs.ok), 'DISPOSED', /apply\(\) after dispose\(\)/);
  });
});

describe('recurrent layer option checks', () => {
  it('rejects rates outside [0, 1) and non-positive units', () => {
    expect(() => gru({ units: 3, dropout: 1 })).toThrow(/dropout must be in \[0, 1\), got 1/);
    expect(() => simpleRnn({ units: 3, recurrentDropout: -0.1 })).toThrow(/recurrentDropout must be in \[0, 1\)/);
    expect(() => lstm({ units: 0 })).toThrow(RnnkitError);
    expect(() => bidirectional(lstm({ units: 2 }), { mergeMode: 'max' as never })).toThrow(/mergeMode must be/);
  });

  it('a stateful layer keeps its batch size until resetState()', () => {
    const layer = gru({ units: 2, stateful: true });
    const [four, three] = [tf.zeros([4, 3, 1]), tf.zeros([3, 3, 1])];
    layer.apply(four).dispose();
    expectRejects(() => layer.apply(three), 'SHAPE_MISMATCH', /keeps batch size 4 until resetState\(\); got input \[3, 3, 1\]/);
    layer.resetState();
    layer.apply(three).dispose();
    expect(layer.states?.[0]?.shape).toEqual([3, 2]);
    tf.dispose([four, three]);
    layer.dispose();
  });

  it('resetState() needs stateful: true', () => {
    expect(() => lstm({ units: 2 }).resetState()).toThrow(/resetState\(\) needs stateful: true/);
  });
});
