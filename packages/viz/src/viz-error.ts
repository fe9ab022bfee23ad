// The error @rnnkit/viz throws on bad input. viz stands alone (it imports no other rnnkit
// package), so it cannot throw core's RnnkitError; VizError has the same shape instead:
// `name` is 'RnnkitError', a stable `code` from core's vocabulary, `details`, and a
// message saying where, what was expected and what was found.

/** Machine-readable reasons a viz renderer refuses its input (a subset of core's codes). */
export type VizErrorCode = 'INVALID_ARGUMENT' | 'NON_FINITE' | 'EMPTY_INPUT' | 'SHAPE_MISMATCH' | 'UNSUPPORTED';

/** Extra facts attached to an error (index, lengths, value…). */
export interface VizErrorDetails {
  readonly [key: string]: unknown;
}

/**
 * Error thrown by every @rnnkit/viz renderer for bad input. Its `name` is `'RnnkitError'`
 * so code that branches on `error.name` and `error.code` treats it like core's errors.
 *
 * @example
 * ```ts
 * try { lossCurve({ train: [] }); } catch (e) {
 *   if (e instanceof VizError && e.code === 'EMPTY_INPUT') console.error(e.message);
 * }
 * ```
 */
export class VizError extends Error {
  readonly code: VizErrorCode;
  readonly details: VizErrorDetails;

  constructor(code: VizErrorCode, message: string, details: VizErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RnnkitError';
    this.code = code;
    this.details = details;
  }
}

/** `true` when `error` is a {@link VizError}, optionally with the given code. */
export function isVizError(error: unknown, code?: VizErrorCode): error is VizError {
  return error instanceof VizError && (code === undefined || error.code === code);
}
