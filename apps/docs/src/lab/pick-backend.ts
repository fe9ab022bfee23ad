// Chooses the best tfjs backend this browser has with @rnnkit/core's initBackend: webgl, then
// wasm, then cpu. The backend packages are imported here (a bundle cannot import them by name
// at run time), and the wasm binaries are Vite assets of this site — never a CDN.
import { initBackend } from '@rnnkit/core';
import { getBackend, setBackend, square, sum, tensor1d, tidy } from '@tensorflow/tfjs-core';
import * as cpuBackend from '@tensorflow/tfjs-backend-cpu';
import * as webglBackend from '@tensorflow/tfjs-backend-webgl';
import * as wasmBackend from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { backendOrder } from './protocol.js';
import type { BackendName } from './protocol.js';

const modules: Record<string, unknown> = {
  '@tensorflow/tfjs-backend-cpu': cpuBackend,
  '@tensorflow/tfjs-backend-webgl': webglBackend,
  '@tensorflow/tfjs-backend-wasm': wasmBackend,
};
const wasmPaths = {
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': simdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdUrl,
};

/**
 * Whether WebGL here is a software rasterizer (SwiftShader, llvmpipe: headless or GPU-less
 * browsers), which is slower than WebAssembly for these small models.
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

/** Whether the active backend computes a small op correctly (a broken WebGL can start yet fail). */
async function works(): Promise<boolean> {
  const probe = tidy(() => sum(square(tensor1d([1, 2, 3]))));
  const value = (await probe.data())[0];
  probe.dispose();
  return value === 14;
}

/**
 * Sets the first backend of `webgl → wasm → cpu` that starts and computes correctly, starting at
 * `preferred` when given (the page's `?backend=` query). A software WebGL is skipped unless asked
 * for by name. Returns the name of the backend in use.
 */
export async function pickBackend(preferred: BackendName | null = null): Promise<BackendName> {
  const candidates = (preferred ? backendOrder.slice(backendOrder.indexOf(preferred)) : backendOrder).filter(
    (name) => name !== 'webgl' || preferred === 'webgl' || !webglIsSoftware(),
  );
  for (let index = 0; index < candidates.length; index++) {
    try {
      const order = candidates.slice(index);
      const info = await initBackend({ environment: 'browser', order, wasmPaths, importModule: async (specifier) => modules[specifier] });
      if (await works()) return info.name as BackendName;
    } catch {
      // none of `order` started; the loop has nothing left to try either
    }
  }
  await setBackend('cpu');
  return getBackend() as BackendName;
}
