// Matrix multiply on raw Float32Arrays, the one primitive every fused kernel is built on:
//
//   C[M×N] = (accumulate ? C : 0) + op(A)[M×K] · B[K×N]      op(A) = A or Aᵀ
//
// Row-major with leading dimensions (lda, ldb, ldc) so a kernel can multiply into a slice of a
// bigger buffer (one time step of a [T, B, G·U] sequence, one gate block of a kernel). B is
// never transposed: callers that need ·Bᵀ transpose B once (see `transpose`), which keeps the
// inner loop contiguous in B's rows for both this JS kernel and the WASM SIMD one.
// The JS kernel is a 4×4 register tile (16 accumulators, 8 loads per 16 multiply-adds),
// with the k loop blocked so a [kc × 4] panel of B stays in L1 across the rows of A.

/** The gemm signature shared by the JS and WASM kernels (offsets in elements). */
export type Gemm = (
  transA: boolean,
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  aOffset: number,
  lda: number,
  b: Float32Array,
  bOffset: number,
  ldb: number,
  c: Float32Array,
  cOffset: number,
  ldc: number,
  accumulate: boolean,
) => void;

const KC = 256;

/** The plain-JavaScript {@link Gemm}. */
export const jsGemm: Gemm = (transA, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc, accumulate) => {
  // a(i, p) = a[aOffset + i·ai + p·ap]
  const ai = transA ? 1 : lda;
  const ap = transA ? lda : 1;
  if (!accumulate) {
    for (let i = 0; i < m; i++) c.fill(0, cOffset + i * ldc, cOffset + i * ldc + n);
  }
  if (k === 0) return;
  const m4 = m - (m % 4);
  const n4 = n - (n % 4);
  for (let p0 = 0; p0 < k; p0 += KC) {
    const p1 = Math.min(k, p0 + KC);
    for (let j = 0; j < n4; j += 4) {
      for (let i = 0; i < m4; i += 4) {
        let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        let pa = aOffset + i * ai + p0 * ap;
        let pb = bOffset + p0 * ldb + j;
        for (let p = p0; p < p1; p++) {
          const a0 = a[pa] as number, a1 = a[pa + ai] as number, a2 = a[pa + 2 * ai] as number, a3 = a[pa + 3 * ai] as number;
          const b0 = b[pb] as number, b1 = b[pb + 1] as number, b2 = b[pb + 2] as number, b3 = b[pb + 3] as number;
          c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
          c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
          c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
          c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
          pa += ap;
          pb += ldb;
        }
        let pc = cOffset + i * ldc + j;
        c[pc] = (c[pc] as number) + c00; c[pc + 1] = (c[pc + 1] as number) + c01; c[pc + 2] = (c[pc + 2] as number) + c02; c[pc + 3] = (c[pc + 3] as number) + c03; pc += ldc;
        c[pc] = (c[pc] as number) + c10; c[pc + 1] = (c[pc + 1] as number) + c11; c[pc + 2] = (c[pc + 2] as number) + c12; c[pc + 3] = (c[pc + 3] as number) + c13; pc += ldc;
        c[pc] = (c[pc] as number) + c20; c[pc + 1] = (c[pc + 1] as number) + c21; c[pc + 2] = (c[pc + 2] as number) + c22; c[pc + 3] = (c[pc + 3] as number) + c23; pc += ldc;
        c[pc] = (c[pc] as number) + c30; c[pc + 1] = (c[pc + 1] as number) + c31; c[pc + 2] = (c[pc + 2] as number) + c32; c[pc + 3] = (c[pc + 3] as number) + c33;
      }
    }
    // Edges: rows past m4 (all columns) and columns past n4 (rows below m4), one dot at a time.
    for (let i = 0; i < m; i++) {
      const j0 = i < m4 ? n4 : 0;
      for (let j = j0; j < n; j++) {
        let s = 0;
        let pa = aOffset + i * ai + p0 * ap;
        let pb = bOffset + p0 * ldb + j;
        for (let p = p0; p < p1; p++) {
          s += (a[pa] as number) * (b[pb] as number);
          pa += ap;
          pb += ldb;
        }
        c[cOffset + i * ldc + j] = (c[cOffset + i * ldc + j] as number) + s;
      }
    }
  }
};

/** out[cols×rows] = inᵀ for a row-major in[rows×cols] (out gets leading dimension `rows`). */
export function transpose(input: Float32Array, inputOffset: number, rows: number, cols: number, ld: number, out: Float32Array, outOffset: number): void {
  for (let r = 0; r < rows; r++) {
    const row = inputOffset + r * ld;
    for (let col = 0; col < cols; col++) out[outOffset + col * rows + r] = input[row + col] as number;
  }
}
