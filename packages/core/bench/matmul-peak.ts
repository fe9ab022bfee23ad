// The machine's measured matmul peak for rnnkit's kernels: GFLOP/s (2·M·N·K per multiply) of
// the WASM SIMD and JS gemm on a square problem, best of several runs by CPU time.

import { fusedMath } from '../src/fused/fused-backend.js';
import type { FusedBackendName } from '../src/fused/fused-backend.js';

export type MatmulPeak = { size: number; wasm: number | null; js: number };

function gflops(backend: FusedBackendName, n: number, runs: number): number {
  const math = fusedMath(backend);
  const buffers = {} as Record<'a' | 'b' | 'c', Float32Array>;
  math.bind(buffers, { a: n * n, b: n * n, c: n * n });
  buffers.a.fill(0.5);
  buffers.b.fill(0.25);
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const u = process.cpuUsage();
    math.gemm(false, n, n, n, buffers.a, 0, n, buffers.b, 0, n, buffers.c, 0, n, false);
    const d = process.cpuUsage(u);
    best = Math.min(best, (d.user + d.system) / 1e6);
  }
  math.release(buffers);
  return (2 * n ** 3) / Math.max(best, 1e-6) / 1e9;
}

export function matmulPeak(smoke: boolean): MatmulPeak {
  const size = smoke ? 64 : 512;
  let wasm: number | null = null;
  try {
    wasm = gflops('wasm', size, smoke ? 2 : 7);
  } catch {
    wasm = null;
  }
  return { size, wasm, js: gflops('js', size, smoke ? 2 : 3) };
}
