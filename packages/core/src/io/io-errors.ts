// Typed refusals of the model-file code: a damaged or hostile file is CORRUPT_FILE, a valid
// file asking for something rnnkit does not do is UNSUPPORTED, a failing disk/network is IO_ERROR.
// Messages start with where the problem is (the file, the layer) and then say why.

import { RnnkitError } from '../errors.js';
import type { RnnkitErrorDetails } from '../errors.js';

/** `CORRUPT_FILE`: the file is damaged, forged or not a layers model. */
export function corruptFile(where: string, reason: string, details: RnnkitErrorDetails = {}): RnnkitError {
  return new RnnkitError('CORRUPT_FILE', `${where}: ${reason}`, { where, ...details });
}

/** `UNSUPPORTED`: a well-formed file uses a layer or option rnnkit does not implement. */
export function unsupported(where: string, reason: string, details: RnnkitErrorDetails = {}): RnnkitError {
  return new RnnkitError('UNSUPPORTED', `${where}: ${reason}`, { where, ...details });
}

/** `IO_ERROR` wrapping a failed read or write (the original error is the `cause`). */
export function ioError(where: string, reason: string, cause?: unknown, details: RnnkitErrorDetails = {}): RnnkitError {
  const why = cause instanceof Error ? ` (${cause.message})` : '';
  return new RnnkitError('IO_ERROR', `${where}: ${reason}${why}`, { where, ...details }, { cause });
}

/** A short printable form of any JSON value for messages (`'selu'`, `{…}`, `[3 items]`). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 57)}…` : value}'`;
  if (Array.isArray(value)) return `[${value.length} item${value.length === 1 ? '' : 's'}]`;
  if (value !== null && typeof value === 'object') return '{…}';
  return String(value);
}
