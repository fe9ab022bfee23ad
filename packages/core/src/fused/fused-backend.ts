// Which arithmetic the fused kernels run on: the plain-JavaScript gemm, the WebAssembly SIMD
// build shipped inside the package (wasm/, compiled by the package's own build), or that build
// with the optional native gemm (native/, a Node-API addon built at install where a C++ compiler
// is present). 'auto' uses native where the addon loads, else WASM SIMD where the runtime can
// compile it, else JavaScript.

import { RnnkitError } from '../errors.js';
import { availableThreads } from './gemm-threads.js';
import { jsMath } from './js-math.js';
import { loadNativeAddon } from './native-gemm.js';
import type { NativeLoad } from './native-gemm.js';
import type { FusedMath } from './sequence-types.js';
import { loadWasmKernels } from './wasm-kernels.js';
import type { WasmKernels } from './wasm-kernels.js';

/** Names of the fused kernels' arithmetic backends. */
export type FusedBackendName = 'js' | 'wasm' | 'native';

let preference: FusedBackendName | 'auto' = 'auto';
let wasm: WasmKernels | null | undefined;
let native: NativeLoad | undefined;
let threadPreference: number | 'auto' = 'auto';
/** Multiply-adds from which a gemm is split over threads (≈ 50 µs of one WASM thread's work). */
const MIN_SPLIT_MACS = 1 << 20;
/** Threads 'auto' uses at most. */
const AUTO_THREADS = 4;

function nativeLoad(): NativeLoad {
  native ??= loadNativeAddon();
  return native;
}

/** The WASM SIMD kernels (with the native gemm where the addon loads), compiled on first use; `null` where WebAssembly SIMD is missing. */
export function wasmKernels(): WasmKernels | null {
  if (wasm === undefined) {
    wasm = loadWasmKernels(nativeLoad().addon);
    applyThreads();
  }
  return wasm;
}

function resolveThreads(preferred: number | 'auto'): number {
  return preferred === 'auto' ? Math.min(AUTO_THREADS, availableThreads()) : preferred;
}

/** Gives the threads to the gemm in use (WASM workers or native threads); the other one keeps none spinning. */
function applyThreads(): void {
  if (!wasm) return;
  const threads = resolveThreads(threadPreference);
  const current = fusedBackend();
  wasm.setThreads({ threads: current === 'wasm' ? threads : 1, minMacs: MIN_SPLIT_MACS });
  nativeLoad().addon?.setThreads(current === 'native' ? threads : 1, MIN_SPLIT_MACS);
}

/**
 * Sets how many threads the fused kernels split a large matrix multiply over (the calling thread
 * included): `1` keeps everything on the calling thread, `'auto'` (the default) uses up to 4 of
 * the processors Node reports. The native gemm uses native threads; the WASM gemm uses
 * worker_threads and SharedArrayBuffer (Node). Elsewhere the setting stays 1. Results are
 * bit-identical for every thread count: each element of a product is computed by one thread in
 * the same order. Only multiplies of at least 2²⁰ multiply-adds are split (the per-step
 * recurrent multiply of 256 units with batch 32 is one), so small models never pay for the
 * hand-off. Returns the thread count in force.
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
  applyThreads();
  return fusedThreads();
}

/** The threads the fused kernels split a large multiply over (1 where threads are unavailable). */
export function fusedThreads(): number {
  const kernels = wasmKernels();
  if (!kernels) return 1;
  if (fusedBackend() === 'native') return nativeLoad().addon?.threads() ?? 1;
  return kernels.threadSettings().threads;
}

/**
 * Chooses the fused kernels' arithmetic: `'native'` (the optional native gemm, AVX2+FMA or
 * AVX-512, with the WASM gate passes), `'wasm'` (WebAssembly SIMD, f32x4), `'js'`, or `'auto'`
 * (the fastest available). Returns the backend now in use. The three agree to float32 rounding
 * (about 1e-6 relative); each is deterministic on its own.
 *
 * @example
 * ```ts
 * import { setFusedBackend } from '@rnnkit/core';
 * setFusedBackend('wasm'); // e.g. to compare against the native gemm
 * ```
 */
export function setFusedBackend(name: FusedBackendName | 'auto'): FusedBackendName {
  if (name !== 'auto' && name !== 'js' && name !== 'wasm' && name !== 'native') {
    throw new RnnkitError('INVALID_ARGUMENT', `setFusedBackend: name must be 'auto', 'js', 'wasm' or 'native', got ${String(name)}`);
  }
  if (name === 'wasm' && !wasmKernels()) {
    throw new RnnkitError('BACKEND_UNAVAILABLE', 'setFusedBackend: this runtime cannot compile WebAssembly SIMD (f32x4); use \'js\'');
  }
  if (name === 'native' && !wasmKernels()?.nativeMath) {
    throw new RnnkitError('BACKEND_UNAVAILABLE', `setFusedBackend: the native gemm is unavailable: ${nativeLoad().reason ?? 'WebAssembly SIMD is missing'}; use 'wasm'`);
  }
  preference = name;
  applyThreads();
  return fusedBackend();
}

/** The backend the fused kernels use now. */
export function fusedBackend(): FusedBackendName {
  if (preference === 'js') return 'js';
  const kernels = wasmKernels();
  if (!kernels) return 'js';
  if (preference === 'wasm') return 'wasm';
  return kernels.nativeMath ? 'native' : 'wasm';
}

/** The backends this runtime can run, slowest first (`js` always). */
export function availableFusedBackends(): FusedBackendName[] {
  const kernels = wasmKernels();
  return ['js', ...(kernels ? (['wasm'] as const) : []), ...(kernels?.nativeMath ? (['native'] as const) : [])];
}

/** Why the native gemm is not in use (null when it is available). */
export function nativeGemmUnavailableReason(): string | null {
  return nativeLoad().reason;
}

/** The arithmetic for a backend name (default: the current one). */
export function fusedMath(name: FusedBackendName = fusedBackend()): FusedMath {
  if (name === 'js') return jsMath;
  const kernels = wasmKernels();
  if (!kernels) throw new RnnkitError('BACKEND_UNAVAILABLE', 'fused kernels: WebAssembly SIMD is not available in this runtime');
  if (name === 'wasm') return kernels.math;
  if (!kernels.nativeMath) throw new RnnkitError('BACKEND_UNAVAILABLE', `fused kernels: the native gemm is unavailable: ${nativeLoad().reason ?? ''}`);
  return kernels.nativeMath;
}
