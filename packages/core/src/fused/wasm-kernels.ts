// Loads the WebAssembly SIMD kernels (wasm-module.ts, built from wasm/*.ts) and wraps them as a
// FusedMath. Buffers laid out with `bind` live inside the module's memory, so the gemm and the
// gate passes run on them in place; if the memory has to grow, every bound target gets fresh
// views (its properties are re-set), and a target's block is reused once released (or
// garbage-collected). Operands outside module memory are copied into a scratch area above the
// allocations.
// Where SharedArrayBuffer exists the shared-memory build is used, so that a multiply big enough
// to pay for the hand-off can be split over worker threads (gemm-threads.ts, Node only).

import type { Activation } from '../cell.js';
import type { Gemm } from './gemm.js';
import { canUseThreads, createGemmPool } from './gemm-threads.js';
import type { GemmCall, GemmPool } from './gemm-threads.js';
import { bindPlain } from './js-math.js';
import type { NativeAddon } from './native-gemm.js';
import type { BufferLayout, FusedMath, GateKernels } from './sequence-types.js';
import { WASM_KERNELS_BASE64, WASM_KERNELS_SHARED_BASE64 } from './wasm-module.js';

type Exports = {
  memory: WebAssembly.Memory;
  HEAP_BASE: WebAssembly.Global;
  gemm(transA: number, m: number, n: number, k: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number, accumulate: number, pack: number): void;
  activate(kind: number, ptr: number, n: number): void;
  lstmGates(gates: number, cPrev: number, cNext: number, tc: number, hNext: number, batch: number, units: number): void;
  lstmBackwardGates(dOut: number, gH: number, gC: number, gates: number, tc: number, cPrev: number, dA: number, batch: number, units: number): number;
  tanhBackward(dOut: number, gH: number, h: number, dz: number, n: number): number;
  gruGatesAfter(gates: number, u: number, bRec: number, extra: number, hPrev: number, hNext: number, batch: number, units: number): void;
  gruGatesBeforeZr(gates: number, hm: number, rhm: number, batch: number, units: number): void;
  gruGatesBeforeH(gates: number, hPrev: number, hNext: number, batch: number, units: number): void;
  adam(theta: number, g: number, m: number, v: number, out: number, n: number, beta1: number, beta2: number, stepSize: number, rootScale: number, epsilon: number): void;
  gruBackwardGates(dh: number, gates: number, hPrev: number, extra: number, dA: number, dAu: number, dhDirect: number, batch: number, units: number, resetAfter: number): void;
};

/** How the WASM gemm uses threads: `threads` in all (the caller's included), split from `minMacs` multiply-adds. */
export type ThreadSettings = { threads: number; minMacs: number };

/** The WASM kernels as a FusedMath. */
export type WasmKernels = {
  math: FusedMath;
  /** The same kernels with the native addon's gemm (same memory, same gate passes); null without the addon. */
  nativeMath: FusedMath | null;
  memory: WebAssembly.Memory;
  /** Whether this build can split a gemm over worker threads (shared memory and Node's worker_threads). */
  readonly threadable: boolean;
  /** Sets the threads (starting or stopping workers); returns the setting in force. */
  setThreads(settings: ThreadSettings): ThreadSettings;
  /** The setting in force. */
  threadSettings(): ThreadSettings;
  /** Threads a large gemm is split over right now (the caller plus the workers that run). */
  activeThreads(): number;
  /** Gemms split over threads, and gemms run whole because splitting did not pay (since the pool started). */
  threadStats(): { split: number; suspended: number };
  /** Resolves once the workers of the current setting run. */
  threadsReady(): Promise<void>;
  /**
   * Adam's update (wasm/adam.ts) on buffers bound in module memory (`bind`): m and v in place,
   * `out` (may be `theta`) ← θ − stepSize·m/(√v·rootScale + ε).
   */
  adam(buffers: { theta: Float32Array; g: Float32Array; m: Float32Array; v: Float32Array; out: Float32Array }, n: number, hyper: { beta1: number; beta2: number; stepSize: number; rootScale: number; epsilon: number }): void;
};

/** Most threads a gemm is split over; each has a KC·8-float pack scratch below the allocations. */
export const MAX_THREADS = 8;
const PACK_BYTES = 256 * 8 * 4;

type Block = { offset: number; bytes: number };

const align = (n: number): number => (n + 15) & ~15;

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

type Loaded = { exports: Exports; memory: WebAssembly.Memory; shared: WebAssembly.Module | null };

/** The shared-memory build on a fresh shared memory, or null where SharedArrayBuffer is missing. */
function instantiateShared(): Loaded | null {
  if (typeof SharedArrayBuffer !== 'function') return null;
  try {
    const module = new WebAssembly.Module(decodeBase64(WASM_KERNELS_SHARED_BASE64) as BufferSource);
    const memory = new WebAssembly.Memory({ initial: 16, maximum: 65536, shared: true });
    const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Exports;
    return { exports, memory, shared: module };
  } catch {
    return null;
  }
}

function instantiate(): Loaded | null {
  try {
    if (typeof WebAssembly !== 'object') return null;
    const shared = instantiateShared();
    if (shared) return shared;
    const module = new WebAssembly.Module(decodeBase64(WASM_KERNELS_BASE64) as BufferSource);
    const exports = new WebAssembly.Instance(module, {}).exports as unknown as Exports;
    return { exports, memory: exports.memory, shared: null };
  } catch {
    return null;
  }
}

/** Compiles and instantiates the kernels synchronously; `null` where WebAssembly SIMD is unavailable. */
export function loadWasmKernels(native: NativeAddon | null = null): WasmKernels | null {
  const loaded = instantiate();
  if (!loaded) return null;
  const { exports, memory } = loaded;
  let heap = new Float32Array(memory.buffer);
  const packBase = align(Number(exports.HEAP_BASE.value));
  const packOf = (thread: number): number => packBase + thread * PACK_BYTES;
  let top = packBase + MAX_THREADS * PACK_BYTES; // end of the allocated blocks; scratch lives above
  if (top > memory.buffer.byteLength) memory.grow(Math.ceil((top - memory.buffer.byteLength) / 65536));
  heap = new Float32Array(memory.buffer);
  const threadable = loaded.shared !== null && canUseThreads();
  let settings: ThreadSettings = { threads: 1, minMacs: 1 << 20 };
  let pool: GemmPool | null = null;
  const call: GemmCall = { transA: 0, m: 0, n: 0, k: 0, a: 0, lda: 0, b: 0, ldb: 0, c: 0, ldc: 0, accumulate: 0 };
  /** The WASM gemm on byte pointers: split over the pool when it pays, else on this thread. */
  function runGemm(transA: number, m: number, n: number, k: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number, accumulate: number): void {
    if (pool && m * n * k >= settings.minMacs && pool.active > 1) {
      Object.assign(call, { transA, m, n, k, a, lda, b, ldb, c, ldc, accumulate });
      pool.run(call, exports.gemm, packOf);
      return;
    }
    exports.gemm(transA, m, n, k, a, lda, b, ldb, c, ldc, accumulate, packOf(0));
  }
  const freeBlocks = new Map<number, number[]>(); // bytes → offsets
  const bound = new Map<number, { target: WeakRef<object>; layout: BufferLayout; block: Block }>();
  const blockOf = new WeakMap<object, Block>();
  const finalizer = new FinalizationRegistry<Block>((block) => freeBlock(block));

  function layoutViews(target: object, layout: BufferLayout, block: Block): void {
    let cursor = block.offset;
    bindPlain(target, layout, (n) => {
      const view = new Float32Array(memory.buffer, cursor, n);
      cursor += align(n * 4);
      return view;
    });
  }
  /** Grows memory to `bytes`; re-binds every live target if the buffer moved. */
  function ensure(bytes: number): void {
    const missing = bytes - memory.buffer.byteLength;
    if (missing <= 0) return;
    memory.grow(Math.ceil(missing / 65536));
    heap = new Float32Array(memory.buffer);
    for (const [offset, entry] of bound) {
      const target = entry.target.deref();
      if (target) layoutViews(target, entry.layout, entry.block);
      else bound.delete(offset);
    }
  }
  function freeBlock(block: Block): void {
    if (!bound.has(block.offset)) return;
    bound.delete(block.offset);
    const list = freeBlocks.get(block.bytes) ?? [];
    list.push(block.offset);
    freeBlocks.set(block.bytes, list);
  }

  const bind = (target: object, layout: BufferLayout, written: readonly string[] = []): void => {
    const bytes = Object.values(layout).reduce<number>((sum, e) => sum + (typeof e === 'number' ? align(e * 4) : 0), 0);
    let offset = freeBlocks.get(bytes)?.pop();
    if (offset === undefined) {
      offset = top;
      top += bytes;
      ensure(top);
    }
    const block = { offset, bytes };
    bound.set(offset, { target: new WeakRef(target), layout, block });
    blockOf.set(target, block);
    finalizer.register(target, block, target);
    // Zero every buffer but those the caller promises to write in full (a reused block holds old data).
    let cursor = offset;
    for (const [name, entry] of Object.entries(layout)) {
      if (typeof entry !== 'number') continue;
      if (!written.includes(name)) new Float32Array(memory.buffer, cursor, entry).fill(0);
      cursor += align(entry * 4);
    }
    layoutViews(target, layout, block);
  };
  const release = (target: object): void => {
    const block = blockOf.get(target);
    if (!block) return;
    blockOf.delete(target);
    finalizer.unregister(target);
    freeBlock(block);
  };

  /** Copies a rows×cols block (leading dimension ld) compactly to byte offset `at`. */
  const copyIn = (src: Float32Array, offset: number, rows: number, cols: number, ld: number, at: number): void => {
    const base = at >> 2;
    if (ld === cols) heap.set(src.subarray(offset, offset + rows * cols), base);
    else for (let r = 0; r < rows; r++) heap.set(src.subarray(offset + r * ld, offset + r * ld + cols), base + r * cols);
  };
  const inModule = (x: Float32Array): boolean => x.buffer === memory.buffer;

  /** Byte pointer of B: in place, or copied to `cursor`. */
  function placeB(b: Float32Array, bOffset: number, k: number, n: number, ldb: number, cursor: number): { ptr: number; ld: number; cursor: number } {
    if (inModule(b)) return { ptr: b.byteOffset + bOffset * 4, ld: ldb, cursor };
    ensure(cursor + align(k * n * 4));
    copyIn(b, bOffset, k, n, ldb, cursor);
    return { ptr: cursor, ld: n, cursor: cursor + align(k * n * 4) };
  }

  /** Pinned byte ranges of module memory, each with a key no other pin had (the native packed-B cache's key). */
  const pins: { start: number; end: number; key: number }[] = [];
  let pinKeys = 0;
  const pin = (array: Float32Array): (() => void) => {
    if (!native || !inModule(array)) return () => undefined;
    const entry = { start: array.byteOffset, end: array.byteOffset + array.byteLength, key: ++pinKeys };
    pins.push(entry);
    return () => {
      const at = pins.indexOf(entry);
      if (at >= 0) pins.splice(at, 1);
      native.forget(entry.key); // a later pin gets a new key: the packing is of no further use
    };
  };
  /** The native gemm on the same byte pointers (it splits over its own threads); B inside a pin passes the pin's key. */
  function runNative(transA: number, m: number, n: number, k: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number, accumulate: number): void {
    let key = 0;
    for (const p of pins) if (b >= p.start && b + ((k - 1) * ldb + n) * 4 <= p.end) key = p.key;
    native?.gemm(heap, transA, m, n, k, a, lda, b, ldb, c, ldc, accumulate, key);
  }
  type Run = typeof runGemm;
  /** A Gemm on any Float32Arrays: operands outside module memory are placed in it, then `run` multiplies. */
  const gemmWith = (run: Run): Gemm => (transA, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc, accumulate) => {
    if (m === 0 || n === 0) return;
    const placed = placeB(b, bOffset, k, n, ldb, top); // scratch starts at `top`
    let cursor = placed.cursor;
    let aPtr = a.byteOffset + aOffset * 4;
    let ldaUsed = lda;
    if (!inModule(a)) {
      const [rows, cols] = transA ? [k, m] : [m, k];
      ensure(cursor + align(rows * cols * 4));
      copyIn(a, aOffset, rows, cols, lda, cursor);
      aPtr = cursor;
      ldaUsed = cols;
      cursor += align(rows * cols * 4);
    }
    if (inModule(c)) {
      run(transA ? 1 : 0, m, n, k, aPtr, ldaUsed, placed.ptr, placed.ld, c.byteOffset + cOffset * 4, ldc, accumulate ? 1 : 0);
      return;
    }
    ensure(cursor + align(m * n * 4));
    if (accumulate) copyIn(c, cOffset, m, n, ldc, cursor);
    run(transA ? 1 : 0, m, n, k, aPtr, ldaUsed, placed.ptr, placed.ld, cursor, n, accumulate ? 1 : 0);
    const base = cursor >> 2;
    for (let r = 0; r < m; r++) c.set(heap.subarray(base + r * n, base + (r + 1) * n), cOffset + r * ldc);
  };

  const kindCode: Partial<Record<Activation, number>> = { sigmoid: 0, tanh: 1, relu: 2 };
  /** The GRU's recurrent bias, copied into module memory for the SIMD pass (it arrives as a plain array). */
  const biasHolder = { v: new Float32Array(0) };
  const ptr = (view: Float32Array, offset: number): number => view.byteOffset + offset * 4;
  const gates: GateKernels = {
    activate(kind, buf, offset, n) {
      const code = kindCode[kind];
      if (code === undefined || !inModule(buf)) return false;
      exports.activate(code, ptr(buf, offset), n);
      return true;
    },
    lstm(g, gOffset, c, cPrevOffset, extra, extraOffset, h, hNextOffset, batch, units) {
      exports.lstmGates(ptr(g, gOffset), ptr(c, cPrevOffset), ptr(c, cPrevOffset + batch * units), ptr(extra, extraOffset), ptr(h, hNextOffset), batch, units);
    },
    lstmBackward(dOut, dOutOffset, gH, gC, trace, dA, k) {
      const { batch, spec } = trace.input;
      const bu = batch * spec.units;
      const dOutPtr = dOut ? ptr(dOut, dOutOffset) : 0;
      return exports.lstmBackwardGates(dOutPtr, ptr(gH, 0), ptr(gC, 0), ptr(trace.gates, k * bu * 4), ptr(trace.extra, k * bu), ptr(trace.c, k * bu), ptr(dA, k * bu * 4), batch, spec.units);
    },
    gruForward(trace, k, phase) {
      const { batch, spec } = trace.input;
      const bu = batch * spec.units;
      const gates = ptr(trace.gates, k * bu * 3);
      if (phase === 'zr') return exports.gruGatesBeforeZr(gates, ptr(trace.hm, k * bu), ptr(trace.rhm, k * bu), batch, spec.units);
      if (phase === 'h') return exports.gruGatesBeforeH(gates, ptr(trace.h, k * bu), ptr(trace.h, (k + 1) * bu), batch, spec.units);
      const bias = trace.input.biasRecurrent;
      let biasPtr = 0;
      if (bias) {
        if (biasHolder.v.length < bias.length) {
          release(biasHolder);
          bind(biasHolder, { v: bias.length });
        }
        biasHolder.v.set(bias);
        biasPtr = ptr(biasHolder.v, 0);
      }
      exports.gruGatesAfter(gates, ptr(trace.scratch, 0), biasPtr, ptr(trace.extra, k * bu), ptr(trace.h, k * bu), ptr(trace.h, (k + 1) * bu), batch, spec.units);
    },
    gruBackward(trace, rows, k, resetAfter) {
      const { batch, spec } = trace.input;
      const bu = batch * spec.units;
      const extra = resetAfter ? ptr(trace.extra, k * bu) : 0;
      exports.gruBackwardGates(ptr(rows.dh, 0), ptr(trace.gates, k * bu * 3), ptr(trace.h, k * bu), extra, ptr(rows.dA, k * bu * 3), ptr(rows.dAu, k * bu * 3), ptr(rows.dhDirect, 0), batch, spec.units, resetAfter ? 1 : 0);
    },
    tanhBackward(dOut, dOutOffset, gH, trace, dA, k) {
      const bu = trace.input.batch * trace.input.spec.units;
      return exports.tanhBackward(dOut ? ptr(dOut, dOutOffset) : 0, ptr(gH, 0), ptr(trace.gates, k * bu), ptr(dA, k * bu), bu);
    },
  };

  const math: FusedMath = { name: 'wasm', gemm: gemmWith(runGemm), pin, bind, release, gates };
  const nativeMath: FusedMath | null = native ? { ...math, name: 'native', gemm: gemmWith(runNative) } : null;
  const setThreads = (next: ThreadSettings): ThreadSettings => {
    const threads = threadable ? Math.max(1, Math.min(MAX_THREADS, Math.floor(next.threads))) : 1;
    if (threads !== settings.threads || (threads > 1 && !pool)) {
      pool?.dispose();
      pool = threads > 1 && loaded.shared ? createGemmPool(loaded.shared, memory, threads - 1, packOf) : null;
    }
    settings = { threads: pool ? threads : 1, minMacs: Math.max(0, next.minMacs) };
    return { ...settings };
  };
  const adam: WasmKernels['adam'] = ({ theta, g, m, v, out }, n, { beta1, beta2, stepSize, rootScale, epsilon }) => {
    for (const x of [theta, g, m, v, out]) if (!inModule(x) || x.length < n) throw new RangeError('adam: every buffer must be bound in module memory and hold n floats');
    exports.adam(theta.byteOffset, g.byteOffset, m.byteOffset, v.byteOffset, out.byteOffset, n, beta1, beta2, stepSize, rootScale, epsilon);
  };
  return { math, nativeMath, memory, threadable, adam, setThreads, threadSettings: () => ({ ...settings }), activeThreads: () => pool?.active ?? 1, threadStats: () => ({ ...(pool?.stats ?? { split: 0, suspended: 0 }) }), threadsReady: async () => pool?.ready() };
}
