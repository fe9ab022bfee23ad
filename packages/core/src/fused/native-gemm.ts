// The optional native gemm (native/gemm.cc): a Node-API addon that @rnnkit/core's install step
// builds with node-gyp where a C++ compiler and Node's headers are present. It runs the same
// multiply as the WASM gemm, on the WASM kernels' memory, with AVX2+FMA or AVX-512 micro-kernels
// and its own native threads. Where the addon is missing (browsers, no compiler, a pnpm install
// that skipped build scripts, a CPU without AVX2+FMA) or `RNNKIT_NATIVE=0` is set, this returns
// null and rnnkit uses the WASM gemm: the addon only makes things faster, never required.

import { builtin } from './node-builtin.js';

/** The addon's exports (native/gemm.cc). */
export type NativeAddon = {
  /**
   * C = (accumulate ? C : 0) + op(A)·B on byte offsets into `heap` (bounds-checked: a RangeError
   * outside it). `key` ≠ 0 promises B is unchanged since the last call with that key (its packing is reused).
   */
  gemm(heap: Float32Array, transA: number, m: number, n: number, k: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number, accumulate: number, key: number): void;
  /** Native threads a multiply of at least `minMacs` multiply-adds is split over (the caller included); returns the count in force. */
  setThreads(threads: number, minMacs: number): number;
  /** Drops the packed copies of B made under `key` (its pin is over), freeing their memory. */
  forget(key: number): void;
  /** Native threads a large multiply is split over now. */
  threads(): number;
  /** The micro-kernel in use: 'avx512', 'avx2' or 'none'. */
  isa(): string;
  /** Restricts the micro-kernel to 'avx2' (tests) or back to the detected one ('auto'); returns the one in use. */
  useIsa(name: 'auto' | 'avx2'): string;
};

/** Where the build puts the addon, relative to this file (src/fused or dist/fused). */
const ADDON_PATH = '../../native/build/Release/rnnkit_native.node';

/** The addon, or why it is not in use. */
export type NativeLoad = { addon: NativeAddon; reason: null } | { addon: null; reason: string };

type ModuleBuiltin = { createRequire(url: string): (id: string) => unknown };
type ProcessLike = { env?: Record<string, string | undefined> };

const missing = (reason: string): NativeLoad => ({ addon: null, reason });

/** Loads the addon, or says why it cannot be used. */
export function loadNativeAddon(): NativeLoad {
  const env = (globalThis as { process?: ProcessLike }).process?.env ?? {};
  if (env['RNNKIT_NATIVE'] === '0') return missing('RNNKIT_NATIVE=0 is set');
  const moduleApi = builtin<ModuleBuiltin>('node:module');
  if (!moduleApi) return missing('not running in Node');
  let addon: NativeAddon;
  try {
    addon = moduleApi.createRequire(import.meta.url)(ADDON_PATH) as NativeAddon;
  } catch {
    return missing('the addon is not built (run `node native/build.mjs` in @rnnkit/core: it needs a C++ compiler and Node\'s headers)');
  }
  if (addon.isa() === 'none') return missing('this CPU has neither AVX2+FMA nor AVX-512');
  return { addon, reason: null };
}
