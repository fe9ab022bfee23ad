import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { householderQ } from './__fixtures__/householder-qr.js';
import { orthonormalizeColumns } from './cholesky-qr.js';

/** `count` Gaussian columns of `length`, column k scaled by scale(k). */
function gaussianColumns(length: number, count: number, seed: number, scale: (k: number) => number = () => 1): Float64Array {
  const rng = createRng(seed);
  const a = new Float64Array(length * count);
  for (let k = 0; k < count; k++) for (let i = 0; i < length; i++) a[k * length + i] = scale(k) * rng.normal();
  return a;
}

function maxOrthogonalityError(q: Float64Array, length: number, count: number): number {
  let worst = 0;
  for (let a = 0; a < count; a++) {
    for (let b = 0; b <= a; b++) {
      let dot = 0;
      for (let i = 0; i < length; i++) dot += q[a * length + i]! * q[b * length + i]!;
      worst = Math.max(worst, Math.abs(dot - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

function maxDifference(a: Float64Array, b: Float64Array): number {
  return a.reduce((worst, v, i) => Math.max(worst, Math.abs(v - b[i]!)), 0);
}

describe('orthonormalizeColumns (CholeskyQR2)', () => {
  it('equals Householder QR with a positive diagonal on a tall, a square and an odd-sized matrix', () => {
    for (const [length, count] of [
      [60, 20],
      [33, 33],
      [19, 5],
    ] as const) {
      const a = gaussianColumns(length, count, length);
      const q = orthonormalizeColumns(a, length, count);
      const rows = Array.from({ length }, (_, i) => Array.from({ length: count }, (_, k) => a[k * length + i]!));
      const reference = householderQ(rows);
      const expected = Float64Array.from({ length: length * count }, (_, j) => reference[j % length]![Math.floor(j / length)]!);
      expect(maxDifference(q, expected)).toBeLessThanOrEqual(1e-10);
      expect(maxOrthogonalityError(q, length, count)).toBeLessThanOrEqual(1e-10);
    }
  });

  /** A = U·diag(σ)·Vᵀ with random orthonormal U, V and σ log-spaced from 1 to 1/κ. */
  function conditioned(length: number, count: number, condition: number, seed: number): Float64Array {
    const toRows = (cols: Float64Array, n: number, k: number): number[][] => Array.from({ length: n }, (_, i) => Array.from({ length: k }, (_, j) => cols[j * n + i]!));
    const u = householderQ(toRows(gaussianColumns(length, count, seed), length, count));
    const v = householderQ(toRows(gaussianColumns(count, count, seed + 1), count, count));
    const sigma = Array.from({ length: count }, (_, k) => condition ** (-k / (count - 1)));
    const a = new Float64Array(length * count);
    for (let j = 0; j < count; j++) {
      for (let i = 0; i < length; i++) {
        let sum = 0;
        for (let k = 0; k < count; k++) sum += u[i]![k]! * sigma[k]! * v[j]![k]!;
        a[j * length + i] = sum;
      }
    }
    return a;
  }

  for (const [label, condition, tolerance] of [
    ['stays orthonormal and equal to Householder on an ill-conditioned matrix (κ = 1e6, second pass)', 1e6, 1e-7],
    ['falls back to Gram–Schmidt when Cholesky breaks down (κ = 1e12) and stays orthonormal', 1e12, 1e-2],
  ] as const) {
    it(label, () => {
      const [length, count] = [50, 24];
      const a = conditioned(length, count, condition, 3);
      const q = orthonormalizeColumns(a, length, count);
      expect(maxOrthogonalityError(q, length, count)).toBeLessThanOrEqual(1e-12);
      // Householder's Q is itself accurate to about u·κ, so agreement is to that level.
      const reference = householderQ(Array.from({ length }, (_, i) => Array.from({ length: count }, (_, k) => a[k * length + i]!)));
      const expected = Float64Array.from({ length: length * count }, (_, j) => reference[j % length]![Math.floor(j / length)]!);
      expect(maxDifference(q, expected)).toBeLessThanOrEqual(tolerance);
    });
  }

  it('leaves its input untouched', () => {
    const a = gaussianColumns(10, 3, 1);
    const copy = Float64Array.from(a);
    orthonormalizeColumns(a, 10, 3);
    expect(Array.from(a)).toEqual(Array.from(copy));
  });
});
