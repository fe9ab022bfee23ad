// Parsers for option values. Each throws commander's InvalidArgumentError, which the CLI
// reports as a usage error (exit 2) naming the option and the value found.

import { InvalidArgumentError } from 'commander';

/**
 * A positive integer (`--epochs 20`).
 *
 * @example
 * ```ts
 * positiveInt('20'); // 20
 * positiveInt('0');  // throws: must be a positive integer, got "0"
 * ```
 */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError(`must be a positive integer, got ${JSON.stringify(value)}.`);
  }
  return n;
}

/**
 * An integer ≥ 0 (`--seed 0`).
 *
 * @example
 * ```ts
 * nonNegativeInt('0'); // 0
 * ```
 */
export function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n)) {
    throw new InvalidArgumentError(`must be an integer ≥ 0, got ${JSON.stringify(value)}.`);
  }
  return n;
}

/**
 * A finite number > 0 (`--lr 0.001`, `--minutes 1.5`).
 *
 * @example
 * ```ts
 * positiveNumber('1e-3'); // 0.001
 * ```
 */
export function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new InvalidArgumentError(`must be a number > 0, got ${JSON.stringify(value)}.`);
  }
  return n;
}

/**
 * A fraction in [0, 1) (`--val 0.1`).
 *
 * @example
 * ```ts
 * fraction('0.1'); // 0.1
 * ```
 */
export function fraction(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n >= 1) {
    throw new InvalidArgumentError(`must be a fraction in [0, 1), got ${JSON.stringify(value)}.`);
  }
  return n;
}

/**
 * A comma-separated list of non-empty names (`--features temp,humidity`).
 *
 * @example
 * ```ts
 * nameList('temp, humidity'); // ['temp', 'humidity']
 * ```
 */
export function nameList(value: string): string[] {
  const names = value.split(',').map((s) => s.trim());
  if (names.some((n) => n === '')) throw new InvalidArgumentError(`must be a comma-separated list of column names, got ${JSON.stringify(value)}.`);
  return names;
}

/**
 * Two positive integers `k1,k2` (`--tbptt 25,25`); one number `k` means `k,k`.
 *
 * @example
 * ```ts
 * intPair('20,40'); // [20, 40]
 * intPair('25');    // [25, 25]
 * ```
 */
export function intPair(value: string): [number, number] {
  const parts = value.split(',');
  if (parts.length > 2) throw new InvalidArgumentError(`must be k1,k2 (two positive integers), got ${JSON.stringify(value)}.`);
  try {
    const k1 = positiveInt(parts[0] ?? '');
    return [k1, parts[1] === undefined ? k1 : positiveInt(parts[1])];
  } catch {
    throw new InvalidArgumentError(`must be k1,k2 (two positive integers), got ${JSON.stringify(value)}.`);
  }
}
