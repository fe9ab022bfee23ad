// Input checks shared by the renderers: each fails with a VizError that says where, what
// was expected and what was found, before any scale or path sees the data.

import { VizError } from './viz-error.js';

/** How a series treats NaN: as a gap in the line, or as an error. */
export interface SeriesCheckOptions {
  /** NaN marks a missing value (a gap) instead of an error. */
  allowNaN?: boolean;
  /** Every finite value must be > 0 (log axes). */
  positive?: boolean;
}

/**
 * Throws unless `values` is a non-empty array of numbers with at least one finite value.
 * ±Infinity is always an error; NaN is one unless `allowNaN`.
 */
export function checkSeries(where: string, what: string, values: unknown, options: SeriesCheckOptions = {}): readonly number[] {
  if (!Array.isArray(values) && !ArrayBuffer.isView(values)) {
    throw new VizError('INVALID_ARGUMENT', `${where}: ${what} must be an array of numbers, got ${describe(values)}`);
  }
  const list = Array.from(values as ArrayLike<unknown>);
  if (list.length === 0) throw new VizError('EMPTY_INPUT', `${where}: ${what} is empty; expected at least one value`);
  let finite = 0;
  list.forEach((v, i) => {
    if (typeof v !== 'number') {
      throw new VizError('INVALID_ARGUMENT', `${where}: ${what}[${i}] must be a number, got ${describe(v)}`, { index: i });
    }
    if (Number.isNaN(v)) {
      if (!options.allowNaN) throw new VizError('NON_FINITE', `${where}: ${what}[${i}] is NaN; expected a finite number`, { index: i, value: v });
      return;
    }
    if (!Number.isFinite(v)) {
      throw new VizError('NON_FINITE', `${where}: ${what}[${i}] is ${v}; expected a finite number`, { index: i, value: v });
    }
    if (options.positive && v <= 0) {
      throw new VizError('INVALID_ARGUMENT', `${where}: ${what}[${i}] is ${v}; a log axis needs values > 0`, { index: i, value: v });
    }
    finite++;
  });
  if (finite === 0) throw new VizError('EMPTY_INPUT', `${where}: ${what} has no finite values (all ${list.length} are NaN)`);
  return list as number[];
}

/** Throws `SHAPE_MISMATCH` unless `actual` equals `expected`. */
export function checkLength(where: string, what: string, actual: number, expected: number, expectedWhat: string): void {
  if (actual !== expected) {
    throw new VizError(
      'SHAPE_MISMATCH',
      `${where}: ${what} has length ${actual}, expected ${expected} (the length of ${expectedWhat})`,
      { expected, actual },
    );
  }
}

/** Throws `INVALID_ARGUMENT` unless `value` is an integer in [min, max]. */
export function checkInt(where: string, name: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new VizError('INVALID_ARGUMENT', `${where}: ${name} must be an integer ${range}, got ${describe(value)}`, { [name]: value });
  }
  return value;
}

/** Throws `INVALID_ARGUMENT` unless `value` is a finite number >= `min`. */
export function checkNumber(where: string, name: string, value: unknown, min = -Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new VizError('INVALID_ARGUMENT', `${where}: ${name} must be a finite number >= ${min}, got ${describe(value)}`, { [name]: value });
  }
  return value;
}

/** Short description of a value for messages: `"abc"`, `42`, `an object`, `undefined`. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return `a ${typeof value}`;
}
