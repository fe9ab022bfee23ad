// Orthonormalizes column vectors in float64 by CholeskyQR2 (Fukaya, Nakatsukasa, Yanagisawa &
// Yamamoto 2014): G = AᵀA = L·Lᵀ (Cholesky), Q = A·L⁻ᵀ, done twice. The first pass leaves
// ‖QᵀQ − I‖ ≈ u·κ(A)², the second, on a Q with κ ≈ 1, brings it to ≈ u. In exact arithmetic Q
// is the Q of A = QR with a positive diagonal of R — what Keras's `Orthogonal` takes — because
// R = (L₂·L₁)ᵀ has a positive diagonal.
// The second pass runs only when needed: ‖QᵀQ − I‖_F is estimated after the first with four
// fixed Gaussian probes (E‖(QᵀQ − I)v‖² = ‖QᵀQ − I‖²_F), at O(length·count) cost. Gaussian A
// with length ≥ 2·count is well conditioned and usually needs one pass; square A needs two.
// Both heavy steps are matrix products over 4×4 register blocks (~3 GFLOP/s in plain JS), so a
// 2048×512 A takes ~0.3 s where Gram–Schmidt twice took ~3 s. If Cholesky breaks down
// (κ(A) ≳ 1e8), modified Gram–Schmidt twice takes over: slower, but never fails.

import { createRng } from '../rng.js';

const BLOCK = 4;
/** ‖QᵀQ − I‖_F below which one pass is enough: far under float32 rounding (~6e-8). */
const DEFECT_TOLERANCE = 1e-10;
const PROBES = 4;

/** Lower triangle of AᵀA, row-major [count, count]; `count` is a multiple of 4. */
function gram(a: Float64Array, length: number, count: number): Float64Array {
  const g = new Float64Array(count * count);
  for (let j = 0; j < count; j += BLOCK) {
    const j0 = j * length, j1 = j0 + length, j2 = j1 + length, j3 = j2 + length;
    for (let k = 0; k <= j; k += BLOCK) {
      const k0 = k * length, k1 = k0 + length, k2 = k1 + length, k3 = k2 + length;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      for (let i = 0; i < length; i++) {
        const a0 = a[j0 + i]!, a1 = a[j1 + i]!, a2 = a[j2 + i]!, a3 = a[j3 + i]!;
        const b0 = a[k0 + i]!, b1 = a[k1 + i]!, b2 = a[k2 + i]!, b3 = a[k3 + i]!;
        s00 += a0 * b0; s01 += a0 * b1; s02 += a0 * b2; s03 += a0 * b3;
        s10 += a1 * b0; s11 += a1 * b1; s12 += a1 * b2; s13 += a1 * b3;
        s20 += a2 * b0; s21 += a2 * b1; s22 += a2 * b2; s23 += a2 * b3;
        s30 += a3 * b0; s31 += a3 * b1; s32 += a3 * b2; s33 += a3 * b3;
      }
      const r0 = j * count + k, r1 = r0 + count, r2 = r1 + count, r3 = r2 + count;
      g[r0] = s00; g[r0 + 1] = s01; g[r0 + 2] = s02; g[r0 + 3] = s03;
      g[r1] = s10; g[r1 + 1] = s11; g[r1 + 2] = s12; g[r1 + 3] = s13;
      g[r2] = s20; g[r2 + 1] = s21; g[r2 + 2] = s22; g[r2 + 3] = s23;
      g[r3] = s30; g[r3 + 1] = s31; g[r3 + 2] = s32; g[r3 + 3] = s33;
    }
  }
  return g;
}

/** In-place lower Cholesky factor of `g` (lower triangle read); `false` if not positive definite. */
function cholesky(g: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    for (let k = 0; k < j; k++) {
      const rk = k * n;
      let s = g[rj + k]!;
      for (let p = 0; p < k; p++) s -= g[rj + p]! * g[rk + p]!;
      g[rj + k] = s / g[rk + k]!;
    }
    let d = g[rj + j]!;
    for (let p = 0; p < j; p++) d -= g[rj + p]! * g[rj + p]!;
    if (!(d > 0) || !Number.isFinite(d)) return false;
    g[rj + j] = Math.sqrt(d);
  }
  return true;
}

/** A ← A·L⁻ᵀ in place: q_k = (a_k − Σ_{j<k} L[k, j]·q_j) / L[k, k]. */
function solveLowerTransposed(a: Float64Array, l: Float64Array, length: number, count: number): void {
  for (let k = 0; k < count; k += BLOCK) {
    const k0 = k * length, k1 = k0 + length, k2 = k1 + length, k3 = k2 + length;
    const l0 = k * count, l1 = l0 + count, l2 = l1 + count, l3 = l2 + count;
    // Earlier blocks, four columns q_j at a time.
    for (let j = 0; j < k; j += BLOCK) {
      const j0 = j * length, j1 = j0 + length, j2 = j1 + length, j3 = j2 + length;
      const c00 = l[l0 + j]!, c01 = l[l0 + j + 1]!, c02 = l[l0 + j + 2]!, c03 = l[l0 + j + 3]!;
      const c10 = l[l1 + j]!, c11 = l[l1 + j + 1]!, c12 = l[l1 + j + 2]!, c13 = l[l1 + j + 3]!;
      const c20 = l[l2 + j]!, c21 = l[l2 + j + 1]!, c22 = l[l2 + j + 2]!, c23 = l[l2 + j + 3]!;
      const c30 = l[l3 + j]!, c31 = l[l3 + j + 1]!, c32 = l[l3 + j + 2]!, c33 = l[l3 + j + 3]!;
      for (let i = 0; i < length; i++) {
        const q0 = a[j0 + i]!, q1 = a[j1 + i]!, q2 = a[j2 + i]!, q3 = a[j3 + i]!;
        a[k0 + i]! -= c00 * q0 + c01 * q1 + c02 * q2 + c03 * q3;
        a[k1 + i]! -= c10 * q0 + c11 * q1 + c12 * q2 + c13 * q3;
        a[k2 + i]! -= c20 * q0 + c21 * q1 + c22 * q2 + c23 * q3;
        a[k3 + i]! -= c30 * q0 + c31 * q1 + c32 * q2 + c33 * q3;
      }
    }
    // The triangle inside this block, column by column.
    for (let kk = 0; kk < BLOCK; kk++) {
      const row = (k + kk) * count;
      const dst = (k + kk) * length;
      for (let jj = 0; jj < kk; jj++) {
        const c = l[row + k + jj]!;
        const src = (k + jj) * length;
        for (let i = 0; i < length; i++) a[dst + i]! -= c * a[src + i]!;
      }
      const inverse = 1 / l[row + k + kk]!;
      for (let i = 0; i < length; i++) a[dst + i]! *= inverse;
    }
  }
}

/** Estimate of ‖QᵀQ − I‖_F from fixed Gaussian probes v: the mean of ‖Qᵀ(Q·v) − v‖². */
function orthogonalityDefect(q: Float64Array, length: number, count: number): number {
  const rng = createRng(0x0c0ffee);
  const w = new Float64Array(length);
  let total = 0;
  for (let probe = 0; probe < PROBES; probe++) {
    const v = Float64Array.from({ length: count }, () => rng.normal());
    w.fill(0);
    for (let k = 0; k < count; k++) {
      const vk = v[k]!;
      const col = k * length;
      for (let i = 0; i < length; i++) w[i]! += vk * q[col + i]!;
    }
    for (let k = 0; k < count; k++) {
      const col = k * length;
      let dot = 0;
      for (let i = 0; i < length; i++) dot += q[col + i]! * w[i]!;
      total += (dot - v[k]!) ** 2;
    }
  }
  return Math.sqrt(total / PROBES);
}

/** Modified Gram–Schmidt, two passes ("twice is enough"): the fallback for ill-conditioned A. */
function gramSchmidtTwice(a: Float64Array, length: number, count: number): void {
  for (let k = 0; k < count; k++) {
    const v = k * length;
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < k; j++) {
        const q = j * length;
        let dot = 0;
        for (let i = 0; i < length; i++) dot += a[q + i]! * a[v + i]!;
        for (let i = 0; i < length; i++) a[v + i]! -= dot * a[q + i]!;
      }
    }
    let norm = 0;
    for (let i = 0; i < length; i++) norm += a[v + i]! * a[v + i]!;
    const inverse = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < length; i++) a[v + i]! *= inverse;
  }
}

/**
 * Orthonormalizes `count` column vectors of `length` numbers, stored one after another in
 * `columns` (column k at `k·length`), and returns them in a new array of the same layout.
 * Column k of the result spans the same space as columns 0..k of the input (QR semantics).
 * Requires `count ≤ length`.
 */
export function orthonormalizeColumns(columns: Float64Array, length: number, count: number): Float64Array {
  // Pad to a multiple of 4 columns: the extra columns are unit vectors in extra rows where
  // every real column is 0, so they are orthogonal to the real ones and leave them unchanged.
  const padded = Math.ceil(count / BLOCK) * BLOCK;
  const extra = padded - count;
  const paddedLength = length + extra;
  const a = new Float64Array(paddedLength * padded);
  for (let k = 0; k < count; k++) a.set(columns.subarray(k * length, (k + 1) * length), k * paddedLength);
  for (let e = 0; e < extra; e++) a[(count + e) * paddedLength + length + e] = 1;

  for (let pass = 0; pass < 2; pass++) {
    const l = gram(a, paddedLength, padded);
    if (!cholesky(l, padded)) {
      // Start over from the input: ill-conditioned, so Gram–Schmidt decides.
      const fallback = new Float64Array(columns);
      gramSchmidtTwice(fallback, length, count);
      return fallback;
    }
    solveLowerTransposed(a, l, paddedLength, padded);
    if (pass === 0 && orthogonalityDefect(a, paddedLength, padded) <= DEFECT_TOLERANCE) break;
  }
  const out = new Float64Array(length * count);
  for (let k = 0; k < count; k++) out.set(a.subarray(k * paddedLength, k * paddedLength + length), k * length);
  return out;
}
