// Picking the next token from a row of logits z (char-rnn's sample.lua, plus top-k):
//   greedy:       argmax z
//   temperature:  p_k ∝ exp(z_k / τ)          (τ < 1 sharper, τ > 1 flatter)
//   top-k:        the same over the k largest logits only (Fan et al. 2018)
// Plain JS over a number array, with an injected seeded rng.

import { RnnkitError } from '@rnnkit/core';
import type { Rng } from '@rnnkit/core';

/** How to pick a token. */
export interface SamplingOptions {
  /**
   * `'greedy'` (argmax), `'temperature'` (sample from softmax(z/τ)) or `'topK'` (the same,
   * restricted to the `topK` largest logits).
   * @default 'temperature'
   */
  method?: 'greedy' | 'temperature' | 'topK';
  /**
   * Temperature τ > 0 of `'temperature'` and `'topK'`.
   * @default 1
   */
  temperature?: number;
  /**
   * How many candidates `'topK'` keeps.
   * @default 40
   */
  topK?: number;
}

/** Index of the largest value (the first one on ties). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

/**
 * The probabilities the sampler draws from: softmax(z/τ), zero outside the top k for `'topK'`,
 * one-hot at the argmax for `'greedy'`.
 *
 * @example
 * ```ts
 * samplingDistribution([2, 1, 0], { temperature: 0.5 }); // softmax([4, 2, 0])
 * ```
 */
export function samplingDistribution(logits: ArrayLike<number>, options: SamplingOptions = {}): number[] {
  const { method = 'temperature', temperature = 1, topK = 40 } = options;
  const n = logits.length;
  if (n === 0) throw new RnnkitError('EMPTY_INPUT', 'sampleToken: logits are empty');
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(logits[i] as number)) {
      throw new RnnkitError('NON_FINITE', `sampleToken: logit ${i} is ${String(logits[i])}`, { index: i });
    }
  }
  if (method === 'greedy') return Array.from({ length: n }, (_, i) => (i === argmax(logits) ? 1 : 0));
  if (method !== 'temperature' && method !== 'topK') {
    throw new RnnkitError('INVALID_ARGUMENT', `sampleToken: method must be 'greedy', 'temperature' or 'topK', got '${String(method)}'`);
  }
  if (!(temperature > 0) || !Number.isFinite(temperature)) {
    throw new RnnkitError('INVALID_ARGUMENT', `sampleToken: temperature must be a positive finite number, got ${String(temperature)}`);
  }
  let allowed: Set<number> | null = null;
  if (method === 'topK') {
    if (!Number.isInteger(topK) || topK < 1) throw new RnnkitError('INVALID_ARGUMENT', `sampleToken: topK must be a positive integer, got ${String(topK)}`);
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (logits[b] as number) - (logits[a] as number) || a - b);
    allowed = new Set(order.slice(0, topK));
  }
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) if (!allowed || allowed.has(i)) max = Math.max(max, logits[i] as number);
  const weights = Array.from({ length: n }, (_, i) => (!allowed || allowed.has(i) ? Math.exp(((logits[i] as number) - max) / temperature) : 0));
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

/**
 * Picks a token index from a row of logits.
 *
 * @example
 * ```ts
 * const rng = createRng(42);
 * sampleToken([2.0, 0.5, -1], { method: 'topK', topK: 2, temperature: 0.8 }, rng); // 0 or 1
 * ```
 */
export function sampleToken(logits: ArrayLike<number>, options: SamplingOptions, rng: Rng): number {
  const p = samplingDistribution(logits, options);
  if (options.method === 'greedy') return argmax(p);
  const u = rng.next();
  let cumulative = 0;
  for (let i = 0; i < p.length; i++) {
    cumulative += p[i] as number;
    if (u < cumulative) return i;
  }
  // Rounding left u ≥ Σp: the last token with non-zero probability.
  for (let i = p.length - 1; i >= 0; i--) if ((p[i] as number) > 0) return i;
  return 0;
}
