// A binary max-heap of (count, pair key) entries for BPE training: the largest count first,
// ties to the smallest key (key = left id · 2²¹ + right id, so the smallest (left, right) pair).
// Entries go stale when counts drop; the trainer checks each popped entry against its map.

/** Max-heap of `(count, key)`. */
export class PairHeap {
  private readonly counts: number[] = [];
  private readonly keys: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  push(count: number, key: number): void {
    this.counts.push(count);
    this.keys.push(key);
    let i = this.keys.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes the top entry; returns false when empty. Read it first with `topCount`/`topKey`. */
  pop(): boolean {
    const last = this.keys.length - 1;
    if (last < 0) return false;
    this.swap(0, last);
    this.counts.pop();
    this.keys.pop();
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let best = i;
      if (left < last && this.before(left, best)) best = left;
      if (right < last && this.before(right, best)) best = right;
      if (best === i) return true;
      this.swap(i, best);
      i = best;
    }
  }

  topCount(): number {
    return this.counts[0] as number;
  }

  topKey(): number {
    return this.keys[0] as number;
  }

  private before(i: number, j: number): boolean {
    const ci = this.counts[i] as number;
    const cj = this.counts[j] as number;
    return ci > cj || (ci === cj && (this.keys[i] as number) < (this.keys[j] as number));
  }

  private swap(i: number, j: number): void {
    const c = this.counts[i] as number;
    this.counts[i] = this.counts[j] as number;
    this.counts[j] = c;
    const k = this.keys[i] as number;
    this.keys[i] = this.keys[j] as number;
    this.keys[j] = k;
  }
}
