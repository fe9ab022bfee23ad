// Seeded pseudo-random numbers: every random choice in rnnkit draws from one of these.
// Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, PractRand-clean),
// seeded through splitmix32 so that nearby seeds give unrelated streams.

import { RnnkitError } from './errors.js';

/** The four 32-bit words of an sfc32 state; plain numbers, safe to JSON.stringify. */
export type RngState = readonly [number, number, number, number];

/** A seeded random source. Same seed, same numbers, on every platform. */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform float in [low, high). */
  uniform(low: number, high: number): number;
  /** Standard normal draw (Box–Muller), scaled: mean + std · N(0, 1). */
  normal(mean?: number, std?: number): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Fisher–Yates shuffle of `items` in place; returns it. */
  shuffle<T>(items: T[]): T[];
  /** A child seed for an independent stream (e.g. one per layer). */
  fork(): Rng;
  /** The current state, to save in a checkpoint. */
  getState(): RngState;
  /** Restores a state from {@link Rng.getState}. */
  setState(state: RngState): void;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * Creates a seeded random source.
 *
 * @param seed - any integer (or a finite number, floored). The same seed always gives the same stream.
 * @example
 * ```ts
 * const rng = createRng(42);
 * rng.next();        // 0.…, the same on every machine
 * rng.normal(0, 1);
 * ```
 */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) {
    throw new RnnkitError('INVALID_ARGUMENT', `createRng: seed must be a finite number, got ${String(seed)}`);
  }
  const mix = splitmix32(Math.floor(seed) >>> 0);
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const nextUint32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  // Warm up, as sfc32's reference does.
  for (let i = 0; i < 12; i++) nextUint32();

  const rng: Rng = {
    next: () => nextUint32() / 4294967296,
    uniform: (low, high) => low + (high - low) * rng.next(),
    normal: (mean = 0, std = 1) => {
      // Box–Muller; 1 - u keeps log away from 0.
      const u = 1 - rng.next();
      const v = rng.next();
      return mean + std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    int: (n) => {
      if (!Number.isInteger(n) || n <= 0) {
        throw new RnnkitError('INVALID_ARGUMENT', `rng.int: n must be a positive integer, got ${n}`);
      }
      return Math.floor(rng.next() * n);
    },
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        const tmp = items[i] as (typeof items)[number];
        items[i] = items[j] as (typeof items)[number];
        items[j] = tmp;
      }
      return items;
    },
    fork: () => createRng(nextUint32()),
    getState: () => [a >>> 0, b >>> 0, c >>> 0, d >>> 0],
    setState: (state) => {
      if (!Array.isArray(state) || state.length !== 4 || state.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffffffff)) {
        throw new RnnkitError('INVALID_ARGUMENT', 'rng.setState: expected four unsigned 32-bit integers');
      }
      [a, b, c, d] = state;
    },
  };
  return rng;
}
