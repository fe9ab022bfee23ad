import * as tf from '@tensorflow/tfjs-core';
import { RnnkitError } from '@rnnkit/core';
import { describe, expect, it } from 'vitest';
import { huber } from './huber.js';
import { logSoftmax } from './log-softmax.js';
import type { Loss } from './loss.js';
import { meanAbsoluteError } from './mean-absolute-error.js';
import { meanSquaredError } from './mean-squared-error.js';
import { sparseCategoricalCrossEntropy } from './sparse-categorical-cross-entropy.js';

const read = (t: tf.Tensor): number[] => Array.from(t.dataSync());

// [batch 2, time 3, features 2] predictions and targets; mask drops (b=0,t=2) and (b=1,t=0).
const p = [0.5, -1, 2, 0.25, -3, 1.5, 0, 0.75, 1, -2, 4, 0.5];
const y = [0, 0.5, 1.5, 0.25, 1, -1, 0.5, 0.75, -1, -2.5, 0.5, 0];
const m = [1, 1, 0, 0, 1, 1];

function refMean(penalty: (e: number) => number, mask: number[] | null, preds = p): number {
  let num = 0;
  let den = 0;
  preds.forEach((pv, i) => {
    const w = mask ? (mask[Math.floor(i / 2)] as number) : 1;
    num += w * penalty(pv - (y[i] as number));
    den += w;
  });
  return num / den;
}

const regressionCases: [string, Loss, (e: number) => number][] = [
  ['meanSquaredError', meanSquaredError(), (e) => e * e],
  ['meanAbsoluteError', meanAbsoluteError(), (e) => Math.abs(e)],
  ['huber δ = 1', huber(), (e) => (Math.abs(e) <= 1 ? 0.5 * e * e : Math.abs(e) - 0.5)],
  ['huber δ = 2', huber({ delta: 2 }), (e) => (Math.abs(e) <= 2 ? 0.5 * e * e : 2 * (Math.abs(e) - 1))],
];

describe('regression losses', () => {
  for (const [name, loss, penalty] of regressionCases) {
    it(`${name}: value is the (masked) mean of the published formula, gradient = central differences`, () => {
      const pred = tf.tensor3d(p, [2, 3, 2]);
      const target = tf.tensor3d(y, [2, 3, 2]);
      const mask = tf.tensor2d(m, [2, 3]);
      const before = tf.memory().numTensors;
      for (const useMask of [false, true]) {
        const mk = useMask ? mask : null;
        const { value, gradient } = loss.valueAndGradient(pred, target, mk);
        expect(read(value)[0]).toBeCloseTo(refMean(penalty, useMask ? m : null), 5);
        // Reference: central differences of the formula in float64, element by element.
        const h = 1e-6;
        read(gradient).forEach((g, i) => {
          const bumped = (d: number): number => refMean(penalty, useMask ? m : null, p.map((v, j) => (j === i ? v + d : v)));
          expect(g).toBeCloseTo((bumped(h) - bumped(-h)) / (2 * h), 5);
        });
        // Masked positions (elements 4–7) get zero gradient.
        if (useMask) expect(read(gradient).slice(4, 8).map(Math.abs)).toEqual([0, 0, 0, 0]);
        tf.dispose([value, gradient]);
      }
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([pred, target, mask]);
    });
  }

  it('a fully masked batch has loss 0 and zero gradient, not NaN', () => {
    const pred = tf.ones([1, 2, 1]);
    const { value, gradient } = meanSquaredError().valueAndGradient(pred, tf.zeros([1, 2, 1]), tf.zeros([1, 2]));
    expect(read(value)).toEqual([0]);
    expect(read(gradient)).toEqual([0, 0]);
  });

  it('rejects targets of another shape with an RnnkitError naming both shapes', () => {
    const call = (): unknown => meanSquaredError().value(tf.ones([2, 3, 1]), tf.ones([2, 3]));
    expect(call).toThrow(RnnkitError);
    expect(call).toThrow(/targets must have rank 3 \[2, 3, 1\], got rank 2 \[2, 3\]/);
    expect(() => huber({ delta: 0 })).toThrow(/delta must be a positive/);
  });
});

describe('sparseCategoricalCrossEntropy', () => {
  const logits = [2, -1, 0.5, 0, 0, 0, -3, 4, 1, 1, 2, 3];
  const ids = [0, 2, 1, 2];

  function refNll(row: number[], k: number): number {
    const mx = Math.max(...row);
    const lse = mx + Math.log(row.reduce((s, z) => s + Math.exp(z - mx), 0));
    return lse - (row[k] as number);
  }

  it('equals the mean of logsumexp(z) − z_y with and without a mask, gradient = tf.grad', () => {
    const z = tf.tensor3d(logits, [2, 2, 3]);
    const targets = tf.tensor2d(ids, [2, 2], 'int32');
    const mask = tf.tensor2d([1, 0, 1, 1], [2, 2]);
    const nll = ids.map((k, i) => refNll(logits.slice(3 * i, 3 * i + 3), k));
    const loss = sparseCategoricalCrossEntropy();
    const before = tf.memory().numTensors;

    const full = loss.valueAndGradient(z, targets);
    expect(read(full.value)[0]).toBeCloseTo(nll.reduce((a, b) => a + b) / 4, 5);
    const masked = loss.valueAndGradient(z, targets, mask);
    expect(read(masked.value)[0]).toBeCloseTo(((nll[0] as number) + (nll[2] as number) + (nll[3] as number)) / 3, 5);

    const auto = tf.grad((q: tf.Tensor) => loss.value(q, targets, mask))(z);
    read(masked.gradient).forEach((g, i) => expect(g).toBeCloseTo(read(auto)[i] as number, 6));
    // softmax − onehot: each unmasked row's gradient sums to zero.
    const g = read(full.gradient);
    for (let r = 0; r < 4; r++) expect(g.slice(3 * r, 3 * r + 3).reduce((a, b) => a + b)).toBeCloseTo(0, 6);
    tf.dispose([full.value, full.gradient, masked.value, masked.gradient, auto]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is stable for huge logits (log-softmax subtracts the max)', () => {
    const z = tf.tensor2d([[1000, 0, -1000]]);
    expect(read(logSoftmax(z))).toEqual([0, -1000, -2000]);
    const { value, gradient } = sparseCategoricalCrossEntropy().valueAndGradient(z, tf.tensor1d([1], 'int32'));
    expect(read(value)[0]).toBeCloseTo(1000, 3);
    expect(read(gradient).every(Number.isFinite)).toBe(true);
  });

  it('rejects a class id outside [0, classes)', () => {
    const call = (): unknown => sparseCategoricalCrossEntropy().value(tf.zeros([2, 3]), tf.tensor1d([0, 3], 'int32'));
    expect(call).toThrow(RnnkitError);
    expect(call).toThrow(/target 1 is 3, expected an integer class id in \[0, 3\)/);
  });
});
