// Data extents turned into scale domains that never collapse to a single value.

import { extent } from 'd3-array';

/** [min, max] of the finite values, widened when all values are equal. */
export function linearDomain(values: Iterable<number>): [number, number] {
  const [lo, hi] = extent(Array.from(values).filter(Number.isFinite));
  if (lo === undefined || hi === undefined) return [0, 1];
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return [lo - pad, hi + pad];
  }
  return [lo, hi];
}

/** [min, max] of the finite positive values, widened by a factor √10 when equal. */
export function logDomain(values: Iterable<number>): [number, number] {
  const [lo, hi] = extent(Array.from(values).filter((v) => Number.isFinite(v) && v > 0));
  if (lo === undefined || hi === undefined) return [1, 10];
  return lo === hi ? [lo / Math.sqrt(10), hi * Math.sqrt(10)] : [lo, hi];
}
