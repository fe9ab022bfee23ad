import { describe, expect, it } from 'vitest';
import { minMaxScaler } from './min-max-scaler.js';

describe('minMaxScaler', () => {
  it('maps the training min and max to the feature range (worked by hand)', () => {
    const scaler = minMaxScaler().fit([2, 4, 10]);
    expect(scaler.transform([2, 4, 10])).toEqual([0, 0.25, 1]);
    expect(minMaxScaler({ featureRange: [-1, 1] }).fit([2, 4, 10]).transform([2, 6, 10])).toEqual([-1, 0, 1]);
  });

  it('is fitted on the training part only: test values outside the training range are not clipped', () => {
    const scaler = minMaxScaler().fit([10, 20]);
    expect(scaler.transform([5, 30])).toEqual([-0.5, 2]);
    expect(scaler.toJSON()).toMatchObject({ min: [10], max: [20] });
  });

  it('scales each column of a matrix with its own statistics and keeps names and dates', () => {
    const train = { values: Float32Array.of(0, 100, 10, 300), rows: 2, columns: 2, columnNames: ['a', 'b'], dates: ['d1', 'd2'] };
    const scaler = minMaxScaler().fit(train);
    const out = scaler.transform(train);
    expect(Array.from(out.values)).toEqual([0, 0, 1, 1]);
    expect(out.dates).toEqual(['d1', 'd2']);
    // 1-D predictions of column 'b' are un-scaled with column b's statistics
    expect(scaler.inverse([0.5], { column: 'b' })).toEqual([200]);
    expect(scaler.inverse(Float32Array.of(0.5), { column: 0 })).toEqual(Float32Array.of(5));
  });

  it('treats a constant column as range 1 (scikit-learn)', () => {
    expect(minMaxScaler().fit([3, 3]).transform([3, 4])).toEqual([0, 1]);
  });

  it('treats a range under 10·eps as constant, so a denormal range never yields NaN (found by fast-check)', () => {
    const scaler = minMaxScaler().fit([0, 5e-324]);
    expect(scaler.transform([0, 5e-324])).toEqual([0, 5e-324]);
    expect(scaler.inverse([0, 1])).toEqual([0, 1]);
  });
});
