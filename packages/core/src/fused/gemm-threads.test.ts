// The WASM gemm split over worker threads: every element of C computed exactly once, the result
// bit-identical to the single-threaded gemm (column and row splits, op(A) = A and Aᵀ, accumulate,
// leading dimensions), and a fused LSTM big enough to split gives bit-identical outputs and
// gradients with 1 and 2 threads.

import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { lstm } from '../layers/lstm.js';
import { normal } from '../layers/__fixtures__/tensor-testing.js';
import { fusedBackward, fusedForward } from './fused-layer.js';
import { fusedThreads, setFusedBackend, setFusedThreads, wasmKernels } from './fused-backend.js';
import { canUseThreads, createGemmPool, splitGemm } from './gemm-threads.js';
import type { GemmCall } from './gemm-threads.js';
import { loadWasmKernels } from './wasm-kernels.js';
import { WASM_KERNELS_SHARED_BASE64 } from './wasm-module.js';

beforeAll(useCpuBackend);

const rng = createRng(5);
const random = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.uniform(-1, 1));

describe('splitGemm', () => {
  const call = (m: number, n: number, transA: number): GemmCall => ({ transA, m, n, k: 7, a: 1000, lda: transA ? m + 1 : 9, b: 50_000, ldb: n + 3, c: 90_000, ldc: n + 2, accumulate: 0 });
  it.each([
    [32, 1024, 2],
    [32, 256, 2],
    [5, 40, 3],
    [2048, 8, 2],
    [7, 7, 2],
    [256, 65, 4],
  ])('covers every element of C exactly once (m=%i n=%i, %i parts)', (m, n, parts) => {
    for (const transA of [0, 1]) {
      const c = call(m, n, transA);
      const seen = new Map<number, number>();
      for (const part of splitGemm(c, parts)) {
        // Each part's first A element must be its rows' first element of A.
        const row0 = (part.c - c.c) / 4 / c.ldc;
        const rowStart = Math.floor(row0);
        expect(part.a).toBe(c.a + (transA ? rowStart : rowStart * c.lda) * 4);
        for (let i = 0; i < part.m; i++) {
          for (let j = 0; j < part.n; j++) {
            const at = (part.c - c.c) / 4 + i * c.ldc + j;
            seen.set(at, (seen.get(at) ?? 0) + 1);
          }
        }
      }
      expect(seen.size).toBe(m * n);
      expect([...seen.values()].every((v) => v === 1)).toBe(true);
    }
  });
});

const kernels = canUseThreads() ? loadWasmKernels() : null;

describe.skipIf(!kernels?.threadable)('WASM gemm on worker threads', () => {
  afterAll(() => kernels?.setThreads({ threads: 1, minMacs: 0 }));

  it.each([
    // m, n, k: a column split, a row split (narrow C), k past the k block, odd edges
    [32, 1024, 256],
    [300, 12, 40],
    [37, 77, 513],
    [64, 64, 64],
  ])('is bit-identical to the single-threaded gemm for m=%i n=%i k=%i, every layout', async (m, n, k) => {
    const math = kernels!.math;
    for (const transA of [false, true]) {
      for (const accumulate of [false, true]) {
        const [rows, cols] = transA ? [k, m] : [m, k];
        const lda = cols + 3;
        const ldb = n + 5;
        const ldc = n + 2;
        const a = random(2 + rows * lda);
        const b = random(1 + k * ldb);
        const c0 = random(4 + m * ldc);
        const run = (threads: number): Float32Array => {
          kernels!.setThreads({ threads, minMacs: 0 });
          const c = c0.slice();
          math.gemm(transA, m, n, k, a, 2, lda, b, 1, ldb, c, 4, ldc, accumulate);
          return c;
        };
        const single = run(1);
        kernels!.setThreads({ threads: 3, minMacs: 0 });
        await kernels!.threadsReady();
        expect(kernels!.activeThreads()).toBe(3);
        const splitBefore = kernels!.threadStats().split;
        const split = run(3);
        expect(kernels!.threadStats().split).toBe(splitBefore + 1); // a fresh pool splits its first call
        expect(Buffer.from(split.buffer).equals(Buffer.from(single.buffer))).toBe(true);
      }
    }
  });
});

describe.skipIf(!canUseThreads() || !wasmKernels()?.threadable)('fused LSTM with threads', () => {
  // The worker threads serve the WASM gemm while it is the backend in use (native has its own).
  beforeAll(() => setFusedBackend('wasm'));
  afterAll(() => {
    setFusedThreads('auto');
    setFusedBackend('auto');
  });

  it('gives bit-identical outputs, final states and gradients with 1 and 2 threads (units 256: the step multiplies split)', async () => {
    const layer = lstm({ units: 256, returnSequences: true });
    layer.build([null, 5, 3], createRng(3));
    const x = normal([32, 5, 3], 4);
    const dy = normal([32, 5, 256], 5);
    const run = (): Float32Array[] => {
      const { output, cache } = fusedForward(layer, x, { training: false, mask: null }, { keepTrace: true, backend: 'wasm' });
      const g = fusedBackward(layer, cache, dy);
      const values = [output, ...cache.finalState, g.dx, g.dParams.kernel, g.dParams.recurrentKernel, g.dParams.bias].map((t) => t.dataSync() as Float32Array);
      tf.dispose([output, ...cache.finalState, g.dx, g.dParams.kernel, g.dParams.recurrentKernel, g.dParams.bias, ...g.dInitialState]);
      return values;
    };
    const before = tf.memory().numTensors;
    expect(setFusedThreads(1)).toBe(1);
    const single = run();
    setFusedThreads(2);
    await wasmKernels()!.threadsReady();
    expect(fusedThreads()).toBe(2);
    expect(wasmKernels()!.activeThreads()).toBe(2);
    const splitBefore = wasmKernels()!.threadStats().split;
    const split = run();
    expect(wasmKernels()!.threadStats().split).toBeGreaterThan(splitBefore);
    single.forEach((v, i) => expect(Buffer.from((split[i] as Float32Array).buffer).equals(Buffer.from(v.buffer))).toBe(true));
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(x);
    tf.dispose(dy);
    layer.dispose();
  });

  it('refuses a thread count that is not a positive integer', () => {
    expect(() => setFusedThreads(0)).toThrow(/threads must be 'auto' or an integer ≥ 1, got 0/);
    expect(() => setFusedThreads(1.5)).toThrow(/got 1.5/);
  });
});

describe.skipIf(!canUseThreads())('gemm pool back-off', () => {
  it('stops splitting when the caller waits on the workers longer than its own part takes, and runs the whole multiply on the caller', async () => {
    const module = new WebAssembly.Module(Buffer.from(WASM_KERNELS_SHARED_BASE64, 'base64'));
    const memory = new WebAssembly.Memory({ initial: 64, maximum: 65536, shared: true });
    const pool = createGemmPool(module, memory, 1, (t) => 1024 + t * 8192)!;
    await pool.ready();
    expect(pool.active).toBe(2);
    const call: GemmCall = { transA: 0, m: 32, n: 1024, k: 256, a: 65536, lda: 256, b: 65536 + 32 * 256 * 4, ldb: 1024, c: 65536 + 32 * 256 * 4 + 256 * 1024 * 4, ldc: 1024, accumulate: 0 };
    // The caller's own part returns at once: any wait for the worker exceeds it many times over.
    const callerParts: [number, number][] = [];
    const instant = (_t: number, m: number, n: number): void => void callerParts.push([m, n]);
    pool.run(call, instant, () => 0);
    expect(pool.stats.split).toBe(1);
    expect(callerParts[0]).toEqual([32, 512]);
    // A few calls are not counted (workers wake cold), then the average passes the limit.
    for (let i = 0; i < 10 && pool.stats.suspended === 0; i++) pool.run(call, instant, () => 0);
    expect(pool.stats.suspended).toBe(1);
    expect(pool.stats.split).toBeGreaterThan(4);
    expect(pool.stats.split).toBeLessThanOrEqual(8);
    expect(callerParts[callerParts.length - 1]).toEqual([32, 1024]);
    pool.dispose();
  });
});
