// Loads the WebAssembly SIMD kernels (wasm-module.ts, built from wasm/gemm.ts) and wraps them
// as a FusedMath. Buffers that already live in the module's memory (`alloc`) are used in
// place; other operands are copied into a scratch area behind the persistent allocations.
// A B operand the kernels marked constant (weights, Uᵀ) stays resident across calls (2 slots),
// so the per-step recurrent matmul does not copy U every step.

import type { Gemm } from './gemm.js';
import type { FusedMath } from './sequence-types.js';
import { WASM_KERNELS_BASE64 } from './wasm-module.js';

type Exports = {
  memory: WebAssembly.Memory;
  HEAP_BASE: WebAssembly.Global;
  gemm(transA: number, m: number, n: number, k: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number, accumulate: number): void;
};

/** The WASM kernels: their FusedMath and an allocator of buffers inside their memory. */
export type WasmKernels = {
  math: FusedMath;
  /** A Float32Array of `length` floats inside the module memory (16-byte aligned), until `free`. */
  alloc(length: number): WasmBuffer;
  free(buffer: WasmBuffer): void;
  /** y[M×N] = (acc ? y : 0) + x[M×K]·w[K×N] on buffers in module memory (no copies). */
  gemmInPlace(m: number, n: number, k: number, x: WasmBuffer, w: WasmBuffer, y: WasmBuffer, accumulate: boolean): void;
};

/** A buffer in module memory; `view()` re-creates the Float32Array after the memory grew. */
export type WasmBuffer = { readonly byteOffset: number; readonly length: number; view(): Float32Array };

type Slot = { array: Float32Array | null; offset: number; k: number; n: number; ldb: number; at: number };

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Compiles and instantiates the kernels synchronously; `null` where WebAssembly SIMD is unavailable. */
export function loadWasmKernels(): WasmKernels | null {
  let exports: Exports;
  try {
    if (typeof WebAssembly !== 'object') return null;
    const module = new WebAssembly.Module(decodeBase64(WASM_KERNELS_BASE64) as BufferSource);
    exports = new WebAssembly.Instance(module, {}).exports as unknown as Exports;
  } catch {
    return null;
  }
  const { memory } = exports;
  const align = (n: number): number => (n + 15) & ~15;
  let top = align(Number(exports.HEAP_BASE.value)); // end of persistent allocations
  const freeLists = new Map<number, number[]>(); // bytes → offsets
  const constants = new WeakSet<Float32Array>();
  const slots: Slot[] = [0, 1].map(() => ({ array: null, offset: 0, k: 0, n: 0, ldb: 0, at: -1 }));
  let slotTurn = 0;
  let heap = new Float32Array(memory.buffer);

  const ensure = (bytes: number): void => {
    const missing = bytes - memory.buffer.byteLength;
    if (missing > 0) memory.grow(Math.ceil(missing / 65536));
    if (heap.buffer !== memory.buffer) heap = new Float32Array(memory.buffer);
  };
  const invalidateSlots = (): void => slots.forEach((s) => (s.array = null));

  const alloc = (length: number): WasmBuffer => {
    const bytes = align(length * 4);
    const reused = freeLists.get(bytes)?.pop();
    let byteOffset: number;
    if (reused !== undefined) byteOffset = reused;
    else {
      byteOffset = top;
      top += bytes;
      ensure(top);
      invalidateSlots(); // scratch lived above `top`
    }
    return { byteOffset, length, view: () => new Float32Array(memory.buffer, byteOffset, length) };
  };
  const free = (buffer: WasmBuffer): void => {
    const bytes = align(buffer.length * 4);
    const list = freeLists.get(bytes) ?? [];
    list.push(buffer.byteOffset);
    freeLists.set(bytes, list);
  };

  /** Copies a rows×cols block (leading dimension ld) compactly to byte offset `at`. */
  const copyIn = (src: Float32Array, offset: number, rows: number, cols: number, ld: number, at: number): void => {
    const base = at >> 2;
    if (ld === cols) heap.set(src.subarray(offset, offset + rows * cols), base);
    else for (let r = 0; r < rows; r++) heap.set(src.subarray(offset + r * ld, offset + r * ld + cols), base + r * cols);
  };
  const inModule = (x: Float32Array): boolean => x.buffer === memory.buffer;

  const gemm: Gemm = (transA, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc, accumulate) => {
    if (m === 0 || n === 0) return;
    // Scratch layout above `top`: [slot 0 | slot 1 | A | C].
    const slotBytes = slots.map((s) => (s.array ? align(s.k * s.n * 4) : 0));
    let cursor = top + slotBytes[0]! + slotBytes[1]!;
    // B: resident slot, in module, or copied.
    let bPtr: number;
    let ldbUsed = ldb;
    if (inModule(b)) bPtr = b.byteOffset + bOffset * 4;
    else {
      const hit = slots.find((s) => s.array === b && s.offset === bOffset && s.k === k && s.n === n && s.ldb === ldb);
      if (hit) bPtr = hit.at;
      else if (constants.has(b)) {
        // Re-lay the two slots: the new one replaces the older.
        const keep = slots[1 - slotTurn] as Slot;
        const replace = slots[slotTurn] as Slot;
        slotTurn = 1 - slotTurn;
        const keepBytes = keep.array ? align(keep.k * keep.n * 4) : 0;
        const keepAt = top;
        if (keep.array && keep.at !== keepAt) {
          ensure(keepAt + keepBytes);
          heap.copyWithin(keepAt >> 2, keep.at >> 2, (keep.at >> 2) + keep.k * keep.n);
          keep.at = keepAt;
        }
        const at = keepAt + keepBytes;
        ensure(at + align(k * n * 4));
        copyIn(b, bOffset, k, n, ldb, at);
        Object.assign(replace, { array: b, offset: bOffset, k, n, ldb, at });
        bPtr = at;
        cursor = at + align(k * n * 4);
      } else {
        ensure(cursor + align(k * n * 4));
        copyIn(b, bOffset, k, n, ldb, cursor);
        bPtr = cursor;
        cursor += align(k * n * 4);
      }
      ldbUsed = n;
    }
    // A: [m×k] (or [k×m] when transposed), compact.
    let aPtr: number;
    let ldaUsed = lda;
    if (inModule(a)) aPtr = a.byteOffset + aOffset * 4;
    else {
      const [rows, cols] = transA ? [k, m] : [m, k];
      ensure(cursor + align(rows * cols * 4));
      copyIn(a, aOffset, rows, cols, lda, cursor);
      aPtr = cursor;
      ldaUsed = cols;
      cursor += align(rows * cols * 4);
    }
    // C: in place when in module; else copied in (to accumulate) and out.
    if (inModule(c)) {
      exports.gemm(transA ? 1 : 0, m, n, k, aPtr, ldaUsed, bPtr, ldbUsed, c.byteOffset + cOffset * 4, ldc, accumulate ? 1 : 0);
      return;
    }
    ensure(cursor + align(m * n * 4));
    if (accumulate) copyIn(c, cOffset, m, n, ldc, cursor);
    exports.gemm(transA ? 1 : 0, m, n, k, aPtr, ldaUsed, bPtr, ldbUsed, cursor, n, accumulate ? 1 : 0);
    const base = cursor >> 2;
    for (let r = 0; r < m; r++) c.set(heap.subarray(base + r * n, base + (r + 1) * n), cOffset + r * ldc);
  };

  const math: FusedMath = { name: 'wasm', gemm, constant: (array) => void constants.add(array) };
  return {
    math,
    alloc,
    free,
    gemmInPlace: (m, n, k, x, w, y, accumulate) => exports.gemm(0, m, n, k, x.byteOffset, k, w.byteOffset, n, y.byteOffset, n, accumulate ? 1 : 0),
  };
}
