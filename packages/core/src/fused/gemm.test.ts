// Both gemm kernels (JavaScript, WASM SIMD) against a float64 triple loop written in the test,
// over sizes that hit every tile and edge (4×4 / 4×8 tiles, 1×16, 1×4 and scalar tails),
// op(A) = A and Aᵀ, accumulate on and off, offsets and leading dimensions into bigger buffers,
// and k past the k-block size.

import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { jsGemm, transpose } from './gemm.js';
import type { Gemm } from './gemm.js';
import { wasmKernels } from './fused-backend.js';

const rng = createRng(11);
const random = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.uniform(-1, 1));

function reference(transA: boolean, m: number, n: number, k: number, a: Float32Array, aOff: number, lda: number, b: Float32Array, bOff: number, ldb: number, c: Float32Array, cOff: number, ldc: number, acc: boolean): Float64Array {
  const out = new Float64Array(c.length);
  out.set(c);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = acc ? (c[cOff + i * ldc + j] as number) : 0;
      for (let p = 0; p < k; p++) s += (a[aOff + (transA ? p * lda + i : i * lda + p)] as number) * (b[bOff + p * ldb + j] as number);
      out[cOff + i * ldc + j] = s;
    }
  }
  return out;
}

const kernels: [string, Gemm | undefined][] = [
  ['js', jsGemm],
  ['wasm', wasmKernels()?.math.gemm],
];

describe.each(kernels)('%s gemm', (_name, gemm) => {
  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [4, 8, 3],
    [5, 19, 7],
    [32, 64, 16],
    [3, 33, 300],
    [9, 4, 513],
  ];
  it.skipIf(!gemm).each(shapes)('C = op(A)·B for m=%i n=%i k=%i, every layout, within float32 rounding', (m, n, k) => {
    for (const transA of [false, true]) {
      for (const accumulate of [false, true]) {
        const [aRows, aCols] = transA ? [k, m] : [m, k];
        const lda = aCols + 3;
        const ldb = n + 5;
        const ldc = n + 2;
        const a = random(2 + aRows * lda);
        const b = random(1 + k * ldb);
        const c = random(4 + m * ldc);
        const expected = reference(transA, m, n, k, a, 2, lda, b, 1, ldb, c, 4, ldc, accumulate);
        (gemm as Gemm)(transA, m, n, k, a, 2, lda, b, 1, ldb, c, 4, ldc, accumulate);
        let worst = 0;
        for (let i = 0; i < c.length; i++) worst = Math.max(worst, Math.abs((c[i] as number) - (expected[i] as number)));
        expect(worst).toBeLessThan(2e-5 * Math.sqrt(k + 1));
      }
    }
  });
});

describe('transpose', () => {
  it('writes inᵀ for a block with a leading dimension', () => {
    const input = Float32Array.from([1, 2, 3, 0, 4, 5, 6, 0]);
    const out = new Float32Array(6);
    transpose(input, 0, 2, 3, 4, out, 0);
    expect(Array.from(out)).toEqual([1, 4, 2, 5, 3, 6]);
  });
});
