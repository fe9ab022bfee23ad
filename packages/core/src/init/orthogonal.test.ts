import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { householderQ } from './__fixtures__/householder-qr.js';
import { orthogonal, orthogonalValues } from './orthogonal.js';
import { useCpuBackend } from '../testing/tf-setup.js';

/** max |M·Mᵀ − I| (rows) or |Mᵀ·M − I| (columns), whichever side is the short one, in float64. */
function orthogonalityError(values: Float32Array, rows: number, cols: number): number {
  const short = Math.min(rows, cols);
  const long = Math.max(rows, cols);
  const at = (k: number, i: number): number => (rows >= cols ? values[i * cols + k]! : values[k * cols + i]!);
  let worst = 0;
  for (let a = 0; a < short; a++) {
    for (let b = 0; b <= a; b++) {
      let dot = 0;
      for (let i = 0; i < long; i++) dot += at(a, i) * at(b, i);
      worst = Math.max(worst, Math.abs(dot - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

describe('orthogonal', () => {
  const shapes: number[][] = [
    [64, 256],
    [256, 64],
    [50, 50],
    [7, 13],
    [13, 7],
    [1, 5],
    [5, 1],
    [1, 1],
    [2, 3, 10],
  ];
  for (const shape of shapes) {
    it(`has orthonormal rows or columns for shape [${shape.join(', ')}]`, () => {
      const cols = shape[shape.length - 1]!;
      const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
      const values = orthogonalValues(shape, createRng(3));
      expect(values.length).toBe(rows * cols);
      expect(orthogonalityError(values, rows, cols)).toBeLessThanOrEqual(1e-6);
    });
  }

  for (const [rows, cols] of [
    [40, 24],
    [24, 40],
    [30, 30],
  ] as const) {
    it(`equals the Q of a Householder QR (positive diag R) of the same Gaussian draws: [${rows}, ${cols}]`, () => {
      const long = Math.max(rows, cols);
      const short = Math.min(rows, cols);
      // The draws orthogonal() makes: column by column of A [long, short].
      const rng = createRng(17);
      const columns = Array.from({ length: short }, () => Array.from({ length: long }, () => rng.normal()));
      const a = Array.from({ length: long }, (_, i) => columns.map((c) => c[i]!));
      const q = householderQ(a);
      const values = orthogonalValues([rows, cols], createRng(17));
      let worst = 0;
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) {
          const expected = rows >= cols ? q[i]![j]! : q[j]![i]!; // transposed when rows < cols
          worst = Math.max(worst, Math.abs(values[i * cols + j]! - expected));
        }
      }
      expect(worst).toBeLessThanOrEqual(1e-6);
    });
  }

  it('scales by gain, and the same seed gives the same matrix', () => {
    const base = orthogonalValues([6, 9], createRng(5));
    const scaled = orthogonalValues([6, 9], createRng(5), 2.5);
    expect(Math.max(...Array.from(scaled, (v, i) => Math.abs(v - 2.5 * base[i]!)))).toBeLessThanOrEqual(1e-6);
    expect(Math.max(...Array.from(base, Math.abs))).toBeGreaterThan(0.1);
    expect(Array.from(orthogonalValues([6, 9], createRng(5)))).toEqual(Array.from(base));
    expect(Array.from(orthogonalValues([6, 9], createRng(6)))).not.toEqual(Array.from(base));
  });

  it('initializes a 512×2048 recurrent kernel in under a second of CPU time', () => {
    // CPU time of this process, not wall time: the test machine's cores are shared.
    let best = Infinity;
    let values: Float32Array = new Float32Array(0);
    for (let run = 0; run < 2; run++) {
      const start = process.cpuUsage();
      values = orthogonalValues([512, 2048], createRng(run));
      const used = process.cpuUsage(start);
      best = Math.min(best, (used.user + used.system) / 1000);
    }
    expect(best).toBeLessThan(1000);
    // Orthonormality of 200 random row pairs and diagonal entries (the full check is O(n²·m)).
    const pick = createRng(99);
    const pairs = Array.from({ length: 200 }, (_, k) => (k % 4 === 0 ? [pick.int(512), -1] : [pick.int(512), pick.int(512)]));
    for (const [a, bOrSelf] of pairs as [number, number][]) {
      const b = bOrSelf < 0 ? a : bOrSelf;
      let dot = 0;
      for (let j = 0; j < 2048; j++) dot += values[a * 2048 + j]! * values[b * 2048 + j]!;
      expect(Math.abs(dot - (a === b ? 1 : 0))).toBeLessThanOrEqual(1e-5);
    }
  });

  it('returns a float32 tensor of the requested shape', async () => {
    await useCpuBackend();
    const t = orthogonal([3, 2, 4], createRng(1));
    expect(t.shape).toEqual([3, 2, 4]);
    expect(t.dtype).toBe('float32');
    expect(Array.from(t.dataSync())).toEqual(Array.from(orthogonalValues([3, 2, 4], createRng(1))));
    t.dispose();
  });

  it('rejects a shape with a zero or fractional dimension', () => {
    expect(() => orthogonalValues([0, 3], createRng(1))).toThrow(/orthogonal: every dimension must be a positive integer, got \[0, 3\]/);
    expect(() => orthogonalValues([2.5, 3], createRng(1))).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as Error);
  });
});
