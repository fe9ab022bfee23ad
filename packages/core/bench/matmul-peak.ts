// The machine's measured matmul peak for rnnkit's kernels: GFLOP/s (2·M·N·K per multiply) on a
// square problem — each gemm (native where its addon is built, WASM SIMD) on one thread (best CPU
// time: the per-core peak) and split over the threads `setFusedThreads('auto')` uses (best
// wall-clock: what the machine gives a training step), and the JS gemm (best CPU time).

import { availableFusedBackends, fusedMath, fusedThreads, setFusedBackend, setFusedThreads } from '../src/fused/fused-backend.js';
import type { FusedBackendName } from '../src/fused/fused-backend.js';
import { wasmKernels } from '../src/fused/fused-backend.js';

export type MatmulPeak = {
  size: number;
  wasm: number | null;
  wasmThreaded: number | null;
  native: number | null;
  nativeThreaded: number | null;
  /** The default backend's figures (native where built, else WASM). */
  primary: number | null;
  primaryThreaded: number | null;
  primaryName: string;
  threads: number;
  js: number;
};

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

/** One-thread and threaded peaks of one backend (it is selected while measured, so it has the threads). */
async function peaks(backend: 'wasm' | 'native', size: number, runs: number): Promise<[number, number, number]> {
  setFusedBackend(backend);
  setFusedThreads(1);
  const one = gflops(backend, size, runs, 'cpu');
  setFusedThreads('auto');
  await wasmKernels()?.threadsReady();
  return [one, gflops(backend, size, runs, 'wall'), fusedThreads()];
}

export async function matmulPeak(smoke: boolean): Promise<MatmulPeak> {
  const size = smoke ? 64 : 512;
  const runs = smoke ? 2 : 7;
  const available = availableFusedBackends();
  const [wasm, wasmThreaded, threads] = available.includes('wasm') ? await peaks('wasm', size, runs) : [null, null, 1];
  const [native, nativeThreaded] = available.includes('native') ? await peaks('native', size, runs) : [null, null];
  setFusedBackend('auto');
  const js = gflops('js', size, smoke ? 2 : 3, 'cpu');
  const nativeFirst = native !== null;
  return { size, wasm, wasmThreaded, native, nativeThreaded, primary: nativeFirst ? native : wasm, primaryThreaded: nativeFirst ? nativeThreaded : wasmThreaded, primaryName: nativeFirst ? 'native' : 'WASM SIMD', threads, js };
}
