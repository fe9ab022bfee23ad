// Which arithmetic the fused kernels run on: the plain-JavaScript gemm, or the WebAssembly
// SIMD build shipped inside the package (wasm/, compiled by the package's own build). 'auto'
// uses WASM SIMD where the runtime can compile it, else JavaScript.

import { RnnkitError } from '../errors.js';
import { jsMath } from './js-math.js';
import type { FusedMath } from './sequence-types.js';
import { loadWasmKernels } from './wasm-kernels.js';
import type { WasmKernels } from './wasm-kernels.js';

/** Names of the fused kernels' arithmetic backends. */
export type FusedBackendName = 'js' | 'wasm';

let preference: FusedBackendName | 'auto' = 'auto';
let wasm: WasmKernels | null | undefined;

/** The WASM SIMD kernels, compiled on first use; `null` where WebAssembly SIMD is missing. */
export function wasmKernels(): WasmKernels | null {
  if (wasm === undefined) wasm = loadWasmKernels();
  return wasm;
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
