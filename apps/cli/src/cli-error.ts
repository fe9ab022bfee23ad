// The CLI's own error: a kind (which exit code) and one sentence saying what went wrong,
// where, and how to fix it. Package errors (RnnkitError) are turned into this at the edge.

import type { ExitKind } from './exit-codes.js';

/**
 * An error the `rnnkit` command reports as one line and an exit code.
 *
 * @example
 * ```ts
 * throw new CliError('usage', 'rnnkit-demo/ exists and is not rnnkit demo output', 'pass --force to replace it');
 * ```
 */
export class CliError extends Error {
  readonly kind: ExitKind;
  /** How to fix it, appended after the message. */
  readonly hint: string | undefined;

  constructor(kind: ExitKind, message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
    this.kind = kind;
    this.hint = hint;
  }
}

/** `true` when `error` is a {@link CliError}. */
export function isCliError(error: unknown): error is CliError {
  return error instanceof CliError;
}
