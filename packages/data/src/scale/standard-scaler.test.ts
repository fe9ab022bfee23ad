import { describe, expect, it } from 'vitest';
import { standardScaler } from './standard-scaler.js';

describe('standardScaler', () => {
  it('uses the population mean and standard deviation (ddof 0)', () => {
    // mean 5, population variance ((−3)² + (−1)² + 1² + 3²) / 4 = 5
    const scaler = standardScaler().fit([2, 4, 6, 8]);
    const json = scaler.toJSON();
    expect(json).toMatchObject({ kind: 'standard', mean: [5] });
    expect((json as { readonly std: readonly number[] }).std[0]).toBeCloseTo(Math.sqrt(5), 12);
    const z = scaler.transform([2, 5, 8]);
    expect(z[0]).toBeCloseTo(-3 / Math.sqrt(5), 12);
    expect(z[1]).toBe(0);
  });

  it('is stable far from zero (two-pass variance)', () => {
    const scaler = standardScaler().fit([1e9 + 1, 1e9 + 2, 1e9 + 3]);
    expect((scaler.toJSON() as { readonly std: readonly number[] }).std[0]).toBeCloseTo(Math.sqrt(2 / 3), 9);
  });

  it('standardises rows column by column', () => {
    const scaler = standardScaler().fit([[1, 10], [3, 30]]);
    expect(scaler.transform([[2, 20], [3, 30]])).toEqual([[0, 0], [1, 1]]);
  });
});
