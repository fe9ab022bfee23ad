import { describe, expect, it } from 'vitest';
import { createRng } from '@rnnkit/core';
import { eigenvalues, spectralRadius } from './eigenvalues.js';
import type { Eigenvalue } from './eigenvalues.js';

const byValue = (a: Eigenvalue, b: Eigenvalue): number => a.re - b.re || a.im - b.im;

function expectEigenvalues(actual: Eigenvalue[], expected: Eigenvalue[]): void {
  const [x, y] = [[...actual].sort(byValue), [...expected].sort(byValue)];
  expect(x).toHaveLength(y.length);
  x.forEach((e, i) => {
    expect(e.re).toBeCloseTo(y[i]!.re, 8);
    expect(e.im).toBeCloseTo(y[i]!.im, 8);
  });
}

function multiply(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
}

/** Inverse by Gauss–Jordan with partial pivoting (test helper). */
function inverse(m: number[][]): number[][] {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    const d = a[c]![c]!;
    a[c] = a[c]!.map((v) => v / d);
    for (let r = 0; r < n; r++) if (r !== c) a[r] = a[r]!.map((v, j) => v - a[r]![c]! * a[c]![j]!);
  }
  return a.map((row) => row.slice(n));
}

describe('eigenvalues', () => {
  it('of a rotation by θ are e^{±iθ}', () => {
    const th = 0.7;
    expectEigenvalues(eigenvalues([[Math.cos(th), -Math.sin(th)], [Math.sin(th), Math.cos(th)]]), [
      { re: Math.cos(th), im: Math.sin(th) },
      { re: Math.cos(th), im: -Math.sin(th) },
    ]);
  });

  it('of a triangular matrix are its diagonal', () => {
    expectEigenvalues(eigenvalues([[3, 1, 4], [0, -2, 7], [0, 0, 0.5]]), [3, -2, 0.5].map((re) => ({ re, im: 0 })));
  });

  it('of the companion matrix of (λ−1)(λ+2)(λ−3)(λ²+1) are its roots', () => {
    // (λ−1)(λ+2)(λ−3) = λ³ − 2λ² − 5λ + 6; times (λ² + 1): λ⁵ − 2λ⁴ − 4λ³ + 4λ² − 5λ + 6.
    const c = [-2, -4, 4, -5, 6];
    const companion = [c.map((v) => -v), [1, 0, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 1, 0]];
    expectEigenvalues(eigenvalues(companion), [
      { re: 1, im: 0 },
      { re: -2, im: 0 },
      { re: 3, im: 0 },
      { re: 0, im: 1 },
      { re: 0, im: -1 },
    ]);
  });

  it('are invariant under a random similarity S·D·S⁻¹ of a block-diagonal D with known spectrum', () => {
    const rng = createRng(3);
    // D: a complex pair 0.3 ± 0.9i (block [[a, −b], [b, a]]), and 1.2, −0.4, 0.05.
    const n = 5;
    const d = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    d[0]![0] = 0.3;
    d[0]![1] = -0.9;
    d[1]![0] = 0.9;
    d[1]![1] = 0.3;
    d[2]![2] = 1.2;
    d[3]![3] = -0.4;
    d[4]![4] = 0.05;
    const s = Array.from({ length: n }, () => Array.from({ length: n }, () => rng.normal()));
    const a = multiply(multiply(s, d), inverse(s));
    expectEigenvalues(eigenvalues(a), [
      { re: 0.3, im: 0.9 },
      { re: 0.3, im: -0.9 },
      { re: 1.2, im: 0 },
      { re: -0.4, im: 0 },
      { re: 0.05, im: 0 },
    ]);
    expect(spectralRadius(a)).toBeCloseTo(1.2, 8);
  });

  it('spectral radius sees a dominant complex pair (where power iteration would oscillate)', () => {
    // Eigenvalues ±1.5i and 0.2: ρ = 1.5.
    expect(spectralRadius([[0, -1.5, 0], [1.5, 0, 0], [0, 0, 0.2]])).toBeCloseTo(1.5, 10);
    // An orthogonal matrix has ρ = 1.
    const q = [[0.6, -0.8], [0.8, 0.6]];
    expect(spectralRadius(q)).toBeCloseTo(1, 12);
  });

  it('on a 64 × 64 Gaussian matrix: they sum to the trace, complex ones pair up, ρ ≈ 1 (circular law)', () => {
    const rng = createRng(9);
    const n = 64;
    const a = Array.from({ length: n }, () => Array.from({ length: n }, () => rng.normal() / Math.sqrt(n)));
    const ev = eigenvalues(a);
    const trace = a.reduce((s, row, i) => s + row[i]!, 0);
    expect(ev.reduce((s, e) => s + e.re, 0)).toBeCloseTo(trace, 8);
    expect(Math.abs(ev.reduce((s, e) => s + e.im, 0))).toBeLessThan(1e-8);
    // Circular law: ρ of a Gaussian matrix scaled by 1/√n is close to 1.
    expect(spectralRadius(a)).toBeGreaterThan(0.8);
    expect(spectralRadius(a)).toBeLessThan(1.25);
  });

  it('rejects a non-square matrix', () => {
    expect(() => eigenvalues([[1, 2]])).toThrow(/square matrix/);
  });
});
