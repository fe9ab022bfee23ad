// The plain-JavaScript FusedMath: jsGemm, buffers as ordinary Float32Arrays, no SIMD gates.

import { jsGemm } from './gemm.js';
import type { BufferLayout, FusedMath } from './sequence-types.js';

/** Sets `target[name]` to a fresh Float32Array (or a view into an earlier one) per layout entry. */
export function bindPlain(target: object, layout: BufferLayout, make: (length: number) => Float32Array): void {
  const views = target as Record<string, Float32Array>;
  for (const [name, entry] of Object.entries(layout)) {
    views[name] = typeof entry === 'number' ? make(entry) : (views[entry.of] as Float32Array).subarray(entry.start, entry.start + entry.length);
  }
}

export const jsMath: FusedMath = {
  name: 'js',
  gemm: jsGemm,
  pin: () => () => undefined,
  bind: (target, layout) => bindPlain(target, layout, (n) => new Float32Array(n)),
  release: () => undefined,
  gates: null,
};
