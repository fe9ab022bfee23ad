// Chooses the best tfjs backend this browser has: webgl, then wasm, then cpu.
// The wasm binaries are Vite assets of this site (never a CDN): their URLs are fixed at build time.
import { getBackend, ready, setBackend, square, sum, tensor1d, tidy } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { backendOrder } from './protocol.js';
import type { BackendName } from './protocol.js';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': simdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdUrl,
});

/** Whether a backend computes a small op correctly (a software WebGL can start yet fail). */
async function works(): Promise<boolean> {
  const probe = tidy(() => sum(square(tensor1d([1, 2, 3]))));
  const value = (await probe.data())[0];
  probe.dispose();
  return value === 14;
}

/**
 * Whether WebGL here is a software rasterizer (SwiftShader, llvmpipe: headless or GPU-less
 * browsers), which is slower than WebAssembly for these models.
 */
function webglIsSoftware(): boolean {
  try {
    const canvas = typeof OffscreenCanvas === 'undefined' ? null : new OffscreenCanvas(1, 1);
    const gl = canvas?.getContext('webgl2') ?? canvas?.getContext('webgl');
    if (!gl) return true;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    return /swiftshader|llvmpipe|software|basic render/i.test(renderer);
  } catch {
    return true;
  }
}

/**
 * Sets the first backend in `webgl → wasm → cpu` that starts and computes correctly, starting at
 * `preferred` when given (the page's `?backend=` query). A software WebGL is skipped unless asked
 * for by name. Returns the name of the backend in use.
 */
export async function pickBackend(preferred: BackendName | null = null): Promise<BackendName> {
  const order = preferred ? backendOrder.slice(backendOrder.indexOf(preferred)) : backendOrder;
  for (const name of order) {
    if (name === 'webgl' && preferred !== 'webgl' && webglIsSoftware()) continue;
    try {
      if ((await setBackend(name)) && (await works())) return name;
    } catch {
      // this backend is not available here; try the next one
    }
  }
  await setBackend('cpu');
  await ready();
  return getBackend() as BackendName;
}
