// The optional native gemm (native/gemm.cc): products against a float64 reference for every
// path (tiled, few-rows, packed-B cache, AVX-512 and AVX2 micro-kernels), bit-identical results
// for every thread count and between its paths, the packed-B cache's keys, bounds checks, and a
// fused LSTM on native against the step-by-step path. In CI (RNNKIT_NATIVE=require) the addon
// must have been built; elsewhere these tests run where it was.

import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RnnkitError } from '../errors.js';
import { createRng } from '../rng.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { lstm } from '../layers/lstm.js';
import { normal } from '../layers/__fixtures__/tensor-testing.js';
import { fusedBackward, fusedForward } from './fused-layer.js';
import { availableFusedBackends, fusedBackend, fusedMath, fusedThreads, nativeGemmUnavailableReason, setFusedBackend, setFusedThreads, wasmKernels } from './fused-backend.js';
import { loadNativeAddon } from './native-gemm.js';
import type { NativeAddon } from './native-gemm.js';

beforeAll(useCpuBackend);

const addon: NativeAddon | null = wasmKernels()?.nativeMath ? loadNativeAddon().addon : null;

describe('native gemm availability', () => {
  it.runIf(process.env['RNNKIT_NATIVE'] === 'require')('is built and in use where CI requires it', () => {
    expect(nativeGemmUnavailableReason()).toBeNull();
    expect(availableFusedBackends()).toEqual(['js', 'wasm', 'native']);
    expect(fusedBackend()).toBe('native');
  });

  it('says why when RNNKIT_NATIVE=0 turns it off', () => {
    const before = process.env['RNNKIT_NATIVE'];
    process.env['RNNKIT_NATIVE'] = '0';
    try {
      expect(loadNativeAddon()).toEqual({ addon: null, reason: 'RNNKIT_NATIVE=0 is set' });
    } finally {
      if (before === undefined) delete process.env['RNNKIT_NATIVE'];
      else process.env['RNNKIT_NATIVE'] = before;
    }
  });

  it('selects "native" only where the addon loads, and otherwise refuses it with the reason', () => {
    if (addon) {
      expect(setFusedBackend('native')).toBe('native');
      expect(fusedMath().name).toBe('native');
    } else {
      expect(() => setFusedBackend('native')).toThrow(RnnkitError);
      expect(() => setFusedBackend('native')).toThrow(/native gemm is unavailable/);
    }
    expect(setFusedBackend('auto')).toBe(addon ? 'native' : (availableFusedBackends().at(-1) as string));
  });
});

describe.runIf(addon !== null)('native gemm', () => {
  const native = addon as NativeAddon;
  const heap = new Float32Array(1 << 20);
  const rng = createRng(11);
  afterAll(() => {
    native.useIsa('auto');
    native.setThreads(1, 1 << 20);
    setFusedThreads('auto');
  });

  type Case = { transA: boolean; m: number; n: number; k: number; lda: number; ldb: number; ldc: number; accumulate: boolean };
  const at = { a: 64, b: 300_000, c: 700_000 }; // float offsets (byte offsets ×4)
  /** Fills A, B and C (seeded), returns C before the call. */
  const fill = (t: Case): Float32Array => {
    const [rowsA] = t.transA ? [t.k, t.m] : [t.m, t.k];
    for (let i = 0; i < rowsA * t.lda; i++) heap[at.a + i] = rng.uniform(-1, 1);
    for (let i = 0; i < t.k * t.ldb; i++) heap[at.b + i] = rng.uniform(-1, 1);
    for (let i = 0; i < t.m * t.ldc; i++) heap[at.c + i] = rng.uniform(-1, 1);
    return heap.slice(at.c, at.c + t.m * t.ldc);
  };
  const run = (t: Case, key = 0): void =>
    native.gemm(heap, t.transA ? 1 : 0, t.m, t.n, t.k, at.a * 4, t.lda, at.b * 4, t.ldb, at.c * 4, t.ldc, t.accumulate ? 1 : 0, key);
  /** Checks C against the float64 product, within float32 rounding of Σ|a·b|; untouched padding stays. */
  const check = (t: Case, before: Float32Array): void => {
    const A = (i: number, p: number): number => heap[at.a + (t.transA ? p * t.lda + i : i * t.lda + p)] as number;
    for (let i = 0; i < t.m; i++) {
      for (let j = 0; j < t.ldc; j++) {
        const got = heap[at.c + i * t.ldc + j] as number;
        if (j >= t.n) {
          expect(got).toBe(before[i * t.ldc + j]);
          continue;
        }
        let sum = t.accumulate ? (before[i * t.ldc + j] as number) : 0;
        let mag = Math.abs(sum);
        for (let p = 0; p < t.k; p++) {
          const term = A(i, p) * (heap[at.b + p * t.ldb + j] as number);
          sum += term;
          mag += Math.abs(term);
        }
        if (Math.abs(got - sum) > 4e-7 * (mag + 1) * Math.sqrt(t.k + 1)) expect.fail(`C[${i},${j}] = ${got}, float64 says ${sum} (${JSON.stringify(t)})`);
      }
    }
  };

  const cases: Case[] = [];
  for (const [m, n, k] of [[1, 1, 1], [1, 1000, 300], [3, 17, 5], [4, 65, 64], [5, 33, 7], [7, 16, 257], [8, 32, 256], [9, 31, 513], [33, 65, 40], [64, 100, 300], [130, 48, 20]] as const) {
    for (const transA of [false, true]) {
      const lda = (transA ? m : k) + (m % 3);
      cases.push({ transA, m, n, k, lda, ldb: n + (k % 2), ldc: n + (m % 2) * 3, accumulate: (m + n) % 2 === 0 });
    }
  }
  const isas = native.isa() === 'avx512' ? ['avx512', 'avx2'] : ['avx2'];

  it.each(isas)('matches a float64 product for every shape, transpose, accumulate and leading dimension (%s micro-kernel)', (isa) => {
    expect(native.useIsa(isa === 'avx512' ? 'auto' : 'avx2')).toBe(isa);
    for (const t of cases) {
      const before = fill(t);
      run(t);
      check(t, before);
    }
    native.useIsa('auto');
  });

  it('is bit-identical for 1–4 threads, with and without the packed-B cache (column and row splits), on every micro-kernel', () => {
    const shapes: Case[] = [
      { transA: false, m: 32, n: 1024, k: 256, lda: 256, ldb: 1024, ldc: 1024, accumulate: true }, // a recurrent step
      { transA: false, m: 32, n: 256, k: 1024, lda: 1024, ldb: 256, ldc: 256, accumulate: false },
      { transA: true, m: 260, n: 65, k: 600, lda: 261, ldb: 65, ldc: 66, accumulate: false }, // narrow C: rows
      { transA: false, m: 2, n: 1000, k: 300, lda: 300, ldb: 1000, ldc: 1000, accumulate: true }, // few rows
    ];
    let key = 1000;
    for (const t of shapes) {
      const before = fill(t);
      const results: Float32Array[] = [];
      // Each element is one FMA chain in the same order on AVX-512 and AVX2 alike.
      for (const isa of isas) {
        native.useIsa(isa === 'avx512' ? 'auto' : 'avx2');
        for (const threads of [1, 2, 3, 4]) {
          expect(native.setThreads(threads, 1)).toBe(threads);
          for (const cacheKey of [0, ++key, key]) {
            heap.set(before, at.c);
            run(t, cacheKey);
            results.push(heap.slice(at.c, at.c + t.m * t.ldc));
          }
        }
      }
      native.useIsa('auto');
      check(t, before);
      for (const r of results) expect(Buffer.from(r.buffer).equals(Buffer.from((results[0] as Float32Array).buffer))).toBe(true);
    }
    native.setThreads(1, 1 << 20);
  });

  it('computes a few rows without packing exactly as the tiled path computes them', () => {
    const t: Case = { transA: false, m: 40, n: 300, k: 500, lda: 500, ldb: 300, ldc: 300, accumulate: false };
    fill(t);
    run(t);
    const tiled = heap.slice(at.c, at.c + 4 * t.ldc);
    run({ ...t, m: 4 }); // rows 0–3 alone: the few-rows path
    expect(Buffer.from(heap.slice(at.c, at.c + 4 * t.ldc).buffer).equals(Buffer.from(tiled.buffer))).toBe(true);
  });

  it('reuses a packed B only under the same key: a new key after B changes gives the new product', () => {
    const t: Case = { transA: false, m: 16, n: 64, k: 32, lda: 32, ldb: 64, ldc: 64, accumulate: false };
    fill(t);
    run(t, 77);
    for (let i = 0; i < t.k * t.ldb; i++) heap[at.b + i] = rng.uniform(-1, 1); // B changes
    const before = heap.slice(at.c, at.c + t.m * t.ldc);
    run(t, 78);
    check(t, before);
  });

  it('forgets a key’s packing: the same key after forget packs B again', () => {
    const t: Case = { transA: false, m: 16, n: 64, k: 32, lda: 32, ldb: 64, ldc: 64, accumulate: false };
    fill(t);
    run(t, 91);
    for (let i = 0; i < t.k * t.ldb; i++) heap[at.b + i] = rng.uniform(-1, 1);
    native.forget(91);
    const before = heap.slice(at.c, at.c + t.m * t.ldc);
    run(t, 91);
    check(t, before);
  });

  it('refuses operands outside the heap and malformed calls with a RangeError, touching nothing', () => {
    const snapshot = heap.slice();
    expect(() => native.gemm(heap, 0, 10, 10, 10, (heap.length - 50) * 4, 10, 0, 10, 0, 10, 0, 0)).toThrow(/outside the heap/);
    expect(() => native.gemm(heap, 0, 10, 10, 10, 0, 5, 0, 10, 0, 10, 0, 0)).toThrow(/leading dimension/);
    expect(() => native.gemm(heap, 0, 10, 10, 10, 2, 10, 0, 10, 0, 10, 0, 0)).toThrow(/multiples of 4/);
    expect(() => native.gemm(heap, 0, -1, 10, 10, 0, 10, 0, 10, 0, 10, 0, 0)).toThrow(/bad sizes/);
    expect(() => (native.gemm as unknown as (...args: unknown[]) => void)(heap, 0, 1)).toThrow(/13 arguments/);
    expect(() => (native.gemm as unknown as (...args: unknown[]) => void)(new Float64Array(4), 0, 1, 1, 1, 0, 1, 0, 1, 0, 1, 0, 0)).toThrow(/Float32Array/);
    expect(Buffer.from(heap.buffer).equals(Buffer.from(snapshot.buffer))).toBe(true);
  });

  it('gives a fused LSTM the step path’s numbers, bit-identical for 1 and 2 native threads', () => {
    const layer = lstm({ units: 256, returnSequences: true });
    layer.build([null, 6, 3], createRng(3));
    const x = normal([32, 6, 3], 4);
    const dy = normal([32, 6, 256], 5);
    const run = (backend: 'native' | 'js'): Float32Array[] => {
      const { output, cache } = fusedForward(layer, x, { training: false, mask: null }, { keepTrace: true, backend });
      const g = fusedBackward(layer, cache, dy);
      const tensors = [output, ...cache.finalState, g.dx, g.dParams.kernel, g.dParams.recurrentKernel, g.dParams.bias];
      const values = tensors.map((t) => t.dataSync() as Float32Array);
      tf.dispose([...tensors, ...g.dInitialState]);
      return values;
    };
    const before = tf.memory().numTensors;
    setFusedThreads(1);
    expect(fusedMath('native').name).toBe('native');
    const single = run('native');
    setFusedBackend('native');
    expect(setFusedThreads(2)).toBe(2);
    expect(fusedThreads()).toBe(2);
    const split = run('native');
    single.forEach((v, i) => expect(Buffer.from((split[i] as Float32Array).buffer).equals(Buffer.from(v.buffer))).toBe(true));
    const reference = run('js');
    reference.forEach((v, i) => {
      const got = single[i] as Float32Array;
      let worst = 0;
      for (let j = 0; j < v.length; j++) worst = Math.max(worst, Math.abs((got[j] as number) - (v[j] as number)) / (1 + Math.abs(v[j] as number)));
      expect(worst).toBeLessThan(1e-5);
    });
    expect(tf.memory().numTensors).toBe(before);
    setFusedBackend('auto');
    tf.dispose([x, dy]);
    layer.dispose();
  });
});
