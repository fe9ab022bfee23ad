import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minMaxScaler } from './min-max-scaler.js';
import { scalerFromJSON } from './scaler-from-json.js';
import { standardScaler } from './standard-scaler.js';
import { errorCode } from '../__fixtures__/error-code.js';

describe('scaler JSON and inverse', () => {
  it('inverse(transform(x)) ≈ x and JSON round trips give identical outputs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 2, maxLength: 30 }),
        fc.boolean(),
        (values, useMinMax) => {
          const scaler = (useMinMax ? minMaxScaler() : standardScaler()).fit(values);
          const again = scalerFromJSON(JSON.parse(JSON.stringify(scaler.toJSON())));
          const scaled = scaler.transform(values);
          expect(again.transform(values)).toEqual(scaled);
          scaler.inverse(scaled).forEach((v, i) => expect(v).toBeCloseTo(values[i] as number, 6));
        },
      ),
      { numRuns: 100, seed: 12 },
    );
  });

  it('refuses empty training data, bad ranges, wrong widths and corrupt JSON', () => {
    expect(errorCode(() => minMaxScaler().fit([]))).toBe('EMPTY_INPUT');
    expect(errorCode(() => standardScaler().fit([1, NaN]))).toBe('NON_FINITE');
    expect(errorCode(() => minMaxScaler({ featureRange: [1, 0] }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => minMaxScaler().fit([[1, 2]]).transform([[1, 2, 3]]))).toBe('SHAPE_MISMATCH');
    expect(errorCode(() => minMaxScaler().fit([[1, 2]]).transform([1]))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => scalerFromJSON({ kind: 'standard', version: 1, mean: [1], std: [] }))).toBe('CORRUPT_FILE');
  });
});
