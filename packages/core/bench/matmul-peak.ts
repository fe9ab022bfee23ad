// The machine's measured matmul peak for rnnkit's kernels: GFLOP/s (2·M·N·K per multiply) on a
// square problem — the WASM SIMD gemm on one thread (best CPU time: the per-core peak), the WASM
// SIMD gemm split over the worker threads `setFusedThreads('auto')` uses (best wall-clock: what
// the machine gives a training step), and the JS gemm (best CPU time).

import { fusedMath, fusedThreads, setFusedThreads, wasmKernels } from '../src/fused/fused-backend.js';
import type { FusedBackendName } from '../src/fused/fused-backend.js';

export type MatmulPeak = { size: number; wasm: number | null; wasmThreaded: number | null; threads: number; js: number };

function gflops(backend: FusedBackendName, n: number, runs: number, clock: 'cpu' | 'wall'): number {
  const math = fusedMath(backend);
  const buffers = {} as Record<'a' | 'b' | 'c', Float32Array>;
  math.bind(buffers, { a: n * n, b: n * n, c: n * n });
  buffers.a.fill(0.5);
  buffers.b.fill(0.25);
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const u = process.cpuUsage();
    const t0 = performance.now();
    math.gemm(false, n, n, n, buffers.a, 0, n, buffers.b, 0, n, buffers.c, 0, n, false);
    const d = process.cpuUsage(u);
    best = Math.min(best, clock === 'cpu' ? (d.user + d.system) / 1e6 : (performance.now() - t0) / 1000);
  }
  math.release(buffers);
  return (2 * n ** 3) / Math.max(best, 1e-6) / 1e9;
}

export async function matmulPeak(smoke: boolean): Promise<MatmulPeak> {
  const size = smoke ? 64 : 512;
  const runs = smoke ? 2 : 7;
  let wasm: number | null = null;
  let wasmThreaded: number | null = null;
  let threads = 1;
  if (wasmKernels()) {
    setFusedThreads(1);
    wasm = gflops('wasm', size, runs, 'cpu');
    threads = setFusedThreads('auto');
    await wasmKernels()?.threadsReady();
    wasmThreaded = gflops('wasm', size, runs, 'wall');
    threads = fusedThreads();
  }
  return { size, wasm, wasmThreaded, threads, js: gflops('js', size, smoke ? 2 : 3, 'cpu') };
}
