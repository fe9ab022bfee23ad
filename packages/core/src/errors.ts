// The one error type rnnkit throws on bad input: a stable `code` to branch on and a
// message that says what was expected, what was found, and where.

/** Machine-readable reasons an rnnkit call refuses its input. */
export type RnnkitErrorCode =
  | 'SHAPE_MISMATCH'
  | 'RANK_MISMATCH'
  | 'INVALID_ARGUMENT'
  | 'NON_FINITE'
  | 'EMPTY_INPUT'
  | 'BACKEND_UNAVAILABLE'
  | 'NOT_BUILT'
  | 'DISPOSED'
  | 'PARSE_ERROR'
  | 'MISSING_VALUE'
  | 'UNSUPPORTED'
  | 'CORRUPT_FILE'
  | 'IO_ERROR'
  | 'ABORTED'
  | 'TRAINING_DIVERGED';

/** Extra facts attached to an error (row, column, layer name, shapes…). */
export interface RnnkitErrorDetails {
  readonly [key: string]: unknown;
}

/**
 * Error thrown by every rnnkit package for bad input or an impossible request.
 *
 * @example
 * ```ts
 * try { layer.apply(x); } catch (e) {
 *   if (e instanceof RnnkitError && e.code === 'SHAPE_MISMATCH') console.error(e.message);
 * }
 * ```
 */
export class RnnkitError extends Error {
  readonly code: RnnkitErrorCode;
  readonly details: RnnkitErrorDetails;

  constructor(code: RnnkitErrorCode, message: string, details: RnnkitErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RnnkitError';
    this.code = code;
    this.details = details;
  }
}

/** `true` when `error` is an {@link RnnkitError}, optionally with the given code. */
export function isRnnkitError(error: unknown, code?: RnnkitErrorCode): error is RnnkitError {
  return error instanceof RnnkitError && (code === undefined || error.code === code);
}

/** Formats a shape the way messages print it: `[32, 50, 1]`, `null` dims as `?`. */
export function formatShape(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}
