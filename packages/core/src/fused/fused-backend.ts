// Which arithmetic the fused kernels run on: the plain-JavaScript gemm, or the WebAssembly
// SIMD build shipped inside the package (wasm/, compiled by the package's own build). 'auto'
// uses WASM SIMD where the runtime can compile it, else JavaScript.

import { RnnkitError } from '../errors.js';
import { availableThreads } from './gemm-threads.js';
import { jsMath } from './js-math.js';
import type { FusedMath } from './sequence-types.js';
import { loadWasmKernels } from './wasm-kernels.js';
import type { WasmKernels } from './wasm-kernels.js';

/** Names of the fused kernels' arithmetic backends. */
export type FusedBackendName = 'js' | 'wasm';

let preference: FusedBackendName | 'auto' = 'auto';
let wasm: WasmKernels | null | undefined;
let threadPreference: number | 'auto' = 'auto';
/** Multiply-adds from which a gemm is split over threads (≈ 50 µs of one thread's work). */
const MIN_SPLIT_MACS = 1 << 20;
/** Threads 'auto' uses at most. */
const AUTO_THREADS = 4;

/** The WASM SIMD kernels, compiled on first use; `null` where WebAssembly SIMD is missing. */
export function wasmKernels(): WasmKernels | null {
  if (wasm === undefined) {
    wasm = loadWasmKernels();
    wasm?.setThreads({ threads: resolveThreads(threadPreference), minMacs: MIN_SPLIT_MACS });
  }
  return wasm;
}

function resolveThreads(preferred: number | 'auto'): number {
  return preferred === 'auto' ? Math.min(AUTO_THREADS, availableThreads()) : preferred;
}

/**
 * Sets how many threads the WASM kernels split a large matrix multiply over (the calling thread
 * included): `1` keeps everything on the calling thread, `'auto'` (the default) uses up to 4 of
 * the processors Node reports. Threads need Node (worker_threads) and SharedArrayBuffer; elsewhere
 * the setting stays 1. Results are bit-identical for every thread count: each element of a
 * product is computed by one thread in the same order. Only multiplies of at least 2²⁰
 * multiply-adds are split (the per-step recurrent multiply of 256 units with batch 32 is one),
 * so small models never pay for the hand-off. Returns the thread count in force.
 *
 * @example
 * ```ts
 * import { setFusedThreads } from '@rnnkit/core';
 * setFusedThreads(1); // e.g. on a machine whose other cores are busy
 * ```
 */
export function setFusedThreads(threads: number | 'auto'): number {
  if (threads !== 'auto' && !(Number.isInteger(threads) && threads >= 1)) {
    throw new RnnkitError('INVALID_ARGUMENT', `setFusedThreads: threads must be 'auto' or an integer ≥ 1, got ${String(threads)}`);
  }
  threadPreference = threads;
  if (wasm) wasm.setThreads({ threads: resolveThreads(threads), minMacs: MIN_SPLIT_MACS });
  return fusedThreads();
}

/** The threads the WASM kernels split a large multiply over (1 where worker threads are unavailable). */
export function fusedThreads(): number {
  return wasmKernels()?.threadSettings().threads ?? 1;
}

/**
 * Chooses the fused kernels' arithmetic: `'wasm'` (WebAssembly SIMD, f32x4), `'js'`, or
 * `'auto'` (WASM where available). Returns the backend now in use.
 *
 * @example
 * ```ts
 * import { setFusedBackend } from '@rnnkit/core';
 * setFusedBackend('js'); // e.g. to compare against the WASM build
 * ```
 */
export function setFusedBackend(name: FusedBackendName | 'auto'): FusedBackendName {
  if (name !== 'auto' && name !== 'js' && name !== 'wasm') {
    throw new RnnkitError('INVALID_ARGUMENT', `setFusedBackend: name must be 'auto', 'js' or 'wasm', got ${String(name)}`);
  }
  if (name === 'wasm' && !wasmKernels()) {
    throw new RnnkitError('BACKEND_UNAVAILABLE', 'setFusedBackend: this runtime cannot compile WebAssembly SIMD (f32x4); use \'js\'');
  }
  preference = name;
  return fusedBackend();
}

/** The backend the fused kernels use now. */
export function fusedBackend(): FusedBackendName {
  if (preference === 'js') return 'js';
  return wasmKernels() ? 'wasm' : 'js';
}

/** The arithmetic for a backend name (default: the current one). */
export function fusedMath(name: FusedBackendName = fusedBackend()): FusedMath {
  if (name === 'js') return jsMath;
  const kernels = wasmKernels();
  if (!kernels) throw new RnnkitError('BACKEND_UNAVAILABLE', 'fused kernels: WebAssembly SIMD is not available in this runtime');
  return kernels.math;
}
