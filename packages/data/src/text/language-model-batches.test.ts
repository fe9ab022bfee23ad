import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../__fixtures__/tf-setup.js';
import { splitSeries } from '../series/split-series.js';
import { languageModelBatches } from './language-model-batches.js';

beforeAll(useCpuBackend);

/**
 * Reference: char-rnn's CharSplitLMMinibatchLoader, transcribed: trim the data to a multiple
 * of batch_size·seq_length, ydata = data shifted by one with ydata[-1] = data[1] (wrap),
 * x_batches = data:view(batch_size, -1):split(seq_length, 2).
 */
function charRnnBatches(data: number[], batchSize: number, seqLength: number): { x: number[][]; y: number[][] }[] {
  const len = batchSize * seqLength * Math.floor(data.length / (batchSize * seqLength));
  const d = data.slice(0, len);
  const yd = [...d.slice(1), d[0] as number];
  const view = (v: number[]): number[][] => Array.from({ length: batchSize }, (_, i) => v.slice((i * len) / batchSize, ((i + 1) * len) / batchSize));
  const [xv, yv] = [view(d), view(yd)];
  return Array.from({ length: len / (batchSize * seqLength) }, (_, k) => ({
    x: xv.map((row) => row.slice(k * seqLength, (k + 1) * seqLength)),
    y: yv.map((row) => row.slice(k * seqLength, (k + 1) * seqLength)),
  }));
}

const rows = (flat: Int32Array, width: number): number[][] => Array.from({ length: flat.length / width }, (_, i) => Array.from(flat.subarray(i * width, (i + 1) * width)));

describe('languageModelBatches', () => {
  it('lays out the stream as char-rnn does (worked example)', () => {
    const lm = languageModelBatches(Int32Array.from({ length: 13 }, (_, i) => i), { batchSize: 2, seqLength: 3 });
    expect(lm.numBatches).toBe(2);
    expect(rows(lm.batch(0).xs, 3)).toEqual([[0, 1, 2], [6, 7, 8]]);
    expect(rows(lm.batch(0).ys, 3)).toEqual([[1, 2, 3], [7, 8, 9]]);
    expect(rows(lm.batch(1).xs, 3)).toEqual([[3, 4, 5], [9, 10, 11]]);
    expect(rows(lm.batch(1).ys, 3)).toEqual([[4, 5, 6], [10, 11, 12]]);
  });

  it("equals char-rnn's loader on the stream it keeps, except that the last target is the real next token, not a wrap-around", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 7 }), (b, s, nb, extra) => {
        const n = b * s * nb + 1 + (extra % (b * s)); // 1 … b·s tokens beyond the kept ones: still nb batches
        const stream = Array.from({ length: n }, (_, i) => (i * 7919) % 1000);
        const kept = b * s * nb;
        const ref = charRnnBatches(stream.slice(0, kept), b, s);
        const lm = languageModelBatches(stream, { batchSize: b, seqLength: s });
        expect(lm.numBatches).toBe(nb);
        for (let k = 0; k < nb; k++) {
          const ours = lm.batch(k);
          expect(rows(ours.xs, s)).toEqual(ref[k]?.x);
          const ys = rows(ours.ys, s);
          const refY = ref[k]?.y as number[][];
          if (k === nb - 1) {
            refY[b - 1]![s - 1] = stream[kept] as number; // char-rnn wraps to data[1]; we use the next token
          }
          expect(ys).toEqual(refY);
        }
      }),
      { numRuns: 200, seed: 8 },
    );
  });

  it('batch k+1 continues batch k row by row, and targets are inputs shifted by one', () => {
    const stream = Int32Array.from({ length: 1000 }, (_, i) => i);
    const lm = languageModelBatches(stream, { batchSize: 4, seqLength: 10 });
    for (let k = 0; k + 1 < lm.numBatches; k++) {
      const [a, b] = [lm.batch(k), lm.batch(k + 1)];
      for (let i = 0; i < 4; i++) {
        expect(b.xs[i * 10]).toBe((a.xs[i * 10 + 9] as number) + 1);
        for (let t = 0; t < 10; t++) expect(a.ys[i * 10 + t]).toBe((a.xs[i * 10 + t] as number) + 1);
      }
    }
  });

  it('train and validation parts built from a chronological split share no token', () => {
    const stream = Int32Array.from({ length: 1000 }, (_, i) => i);
    const { train, validation } = splitSeries(stream, { train: 0.9, validation: 0.1 });
    const seen = (lm: ReturnType<typeof languageModelBatches>): Set<number> => new Set([...lm].flatMap((b) => [...b.xs, ...b.ys]));
    const a = seen(languageModelBatches(train, { batchSize: 4, seqLength: 10 }));
    const b = seen(languageModelBatches(validation, { batchSize: 2, seqLength: 10 }));
    expect([...a].some((t) => b.has(t))).toBe(false);
    expect(Math.max(...a)).toBeLessThan(900);
  });

  it('yields int32 tensors one batch at a time, owned by the caller (no leaks)', () => {
    const lm = languageModelBatches(Int32Array.from({ length: 101 }, (_, i) => i), { batchSize: 2, seqLength: 5 });
    const before = tf.memory().numTensors;
    let k = 0;
    for (const { xs, ys } of lm.batches({ as: 'tensors' })) {
      expect(tf.memory().numTensors).toBe(before + 2);
      expect(xs.dtype).toBe('int32');
      expect(xs.shape).toEqual([2, 5]);
      expect(Array.from(ys.dataSync())).toEqual(Array.from(lm.batch(k).ys));
      tf.dispose([xs, ys]);
      k++;
    }
    expect(k).toBe(10);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses an empty stream, a stream too short for one batch and bad sizes', () => {
    expect(() => languageModelBatches([], { batchSize: 1, seqLength: 1 })).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    expect(() => languageModelBatches([1, 2, 3], { batchSize: 1, seqLength: 3 })).toThrow(/3 tokens are too few.*needs 4/);
    expect(() => languageModelBatches([1, 2, 3], { batchSize: 0, seqLength: 1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => languageModelBatches([1, 2, 3], { batchSize: 1, seqLength: 1 }).batch(2)).toThrow(/out of range/);
  });
});
