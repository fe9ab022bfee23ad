// Argument checks shared by the package: each throws an RnnkitError naming the function,
// the argument, what was expected and what was given.

import { RnnkitError } from '@rnnkit/core';

/** Throws `INVALID_ARGUMENT` unless `value` is an integer ≥ 0. */
export function checkNonNegativeInt(where: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RnnkitError('INVALID_ARGUMENT', `${where}: ${name} must be an integer ≥ 0, got ${String(value)}`, { [name]: value });
  }
}

/** Throws `INVALID_ARGUMENT` unless `value` is a finite number in [low, high]. */
export function checkInRange(where: string, name: string, value: number, low: number, high: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < low || value > high) {
    throw new RnnkitError('INVALID_ARGUMENT', `${where}: ${name} must be a number in [${low}, ${high}], got ${String(value)}`, {
      [name]: value,
    });
  }
}

/** Throws `INVALID_ARGUMENT` unless `value` is one of `allowed`. */
export function checkOneOf<T extends string>(where: string, name: string, value: T, allowed: readonly T[]): void {
  if (!allowed.includes(value)) {
    throw new RnnkitError(
      'INVALID_ARGUMENT',
      `${where}: ${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${JSON.stringify(value)}`,
      { [name]: value },
    );
  }
}
