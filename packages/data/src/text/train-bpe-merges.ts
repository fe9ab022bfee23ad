// Incremental BPE training (Sennrich et al. 2016, as in GPT-2 / HF tokenizers): count adjacent
// symbol pairs over the unique words (weighted by word count), repeatedly merge the most
// frequent pair, and update only the counts around each merged occurrence — a pair → positions
// index and a lazy max-heap make each merge cost O(occurrences), not a full recount.
// Tie-break: equal counts → the smallest (left id, right id). Merges within a word run left to right.

import { PairHeap } from './pair-heap.js';

const KEY = 2 ** 21;

/** A unique pre-token as symbol ids (bytes) with its corpus count. */
export interface WordCount {
  readonly symbols: ArrayLike<number>;
  readonly count: number;
}

/**
 * Learns up to `numMerges` merges; merge r creates id `firstId + r`. Returns the merged pairs
 * in order, flattened `[left0, right0, left1, right1, …]`. Stops early when no pair is left.
 */
export function trainBpeMerges(words: readonly WordCount[], numMerges: number, firstId: number): number[] {
  let total = 0;
  for (const w of words) total += w.symbols.length;
  const sym = new Int32Array(total);
  const next = new Int32Array(total);
  const prev = new Int32Array(total);
  const weight = new Float64Array(total);
  const counts = new Map<number, number>();
  const positions = new Map<number, number[]>();

  const add = (key: number, pos: number, w: number): void => {
    counts.set(key, (counts.get(key) ?? 0) + w);
    const list = positions.get(key);
    if (list) list.push(pos);
    else positions.set(key, [pos]);
  };

  let p = 0;
  for (const word of words) {
    const n = word.symbols.length;
    for (let i = 0; i < n; i++) {
      sym[p + i] = word.symbols[i] as number;
      prev[p + i] = i === 0 ? -1 : p + i - 1;
      next[p + i] = i === n - 1 ? -1 : p + i + 1;
      weight[p + i] = word.count;
      if (i > 0) add((word.symbols[i - 1] as number) * KEY + (word.symbols[i] as number), p + i - 1, word.count);
    }
    p += n;
  }

  const heap = new PairHeap();
  for (const [key, count] of counts) heap.push(count, key);

  const merges: number[] = [];
  while (merges.length / 2 < numMerges && heap.size > 0) {
    const key = heap.topKey();
    const count = heap.topCount();
    heap.pop();
    const current = counts.get(key) ?? 0;
    if (current !== count) {
      if (current > 0) heap.push(current, key); // stale: counts dropped since it was pushed
      continue;
    }
    const a = Math.floor(key / KEY);
    const b = key - a * KEY;
    const z = firstId + merges.length / 2;
    merges.push(a, b);

    let list = positions.get(key) ?? [];
    if (a === b) list = Int32Array.from(list).sort() as unknown as number[]; // overlapping runs: left to right
    const changed = new Set<number>();
    for (const pos of list) {
      const right = next[pos] as number;
      if (sym[pos] !== a || right < 0 || sym[right] !== b) continue; // stale position
      const w = weight[pos] as number;
      const before = prev[pos] as number;
      const after = next[right] as number;
      if (before >= 0) decrement(counts, (sym[before] as number) * KEY + a, w);
      if (after >= 0) decrement(counts, b * KEY + (sym[after] as number), w);
      decrement(counts, key, w);
      sym[pos] = z;
      sym[right] = -1;
      next[pos] = after;
      if (after >= 0) prev[after] = pos;
      if (before >= 0) {
        const k = (sym[before] as number) * KEY + z;
        add(k, before, w);
        changed.add(k);
      }
      if (after >= 0) {
        const k = z * KEY + (sym[after] as number);
        add(k, pos, w);
        changed.add(k);
      }
    }
    counts.delete(key);
    positions.delete(key);
    for (const k of changed) {
      const c = counts.get(k); // may be gone: (z, a) formed, then absorbed by the next merge in the same word
      if (c !== undefined) heap.push(c, k);
    }
  }
  return merges;
}

function decrement(counts: Map<number, number>, key: number, w: number): void {
  const c = (counts.get(key) ?? 0) - w;
  if (c <= 0) counts.delete(key);
  else counts.set(key, c);
}
