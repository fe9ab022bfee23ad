// The rnnkit command's exit codes, and how an error maps to one. Documented in README.md and
// in `rnnkit --help`; scripts can branch on them.

import type { RnnkitError, RnnkitErrorCode } from '@rnnkit/core';

/**
 * Exit codes of the `rnnkit` command.
 *
 * @example
 * ```ts
 * process.exitCode = EXIT.data; // 3: the input data could not be used
 * ```
 */
export const EXIT = {
  /** Success. */
  ok: 0,
  /** Anything not covered below (a bug, an I/O failure, training that diverged). */
  other: 1,
  /** Usage: unknown command or option, a bad option value, an output that exists without `--force`. */
  usage: 2,
  /** Data: a missing or unreadable input file, a parse error, a gap under `--missing error`, empty text. */
  data: 3,
  /** Model: a model or checkpoint directory that is missing, corrupt, or from something else. */
  model: 4,
  /** Interrupted (Ctrl-C); a checkpoint was saved when training was running. */
  interrupted: 130,
} as const;

/** One of the {@link EXIT} kinds. */
export type ExitKind = keyof typeof EXIT;

/** Kind of failure for each RnnkitError code the packages throw (unknown codes: 'other'). */
const KIND_OF_CODE: Partial<Record<RnnkitErrorCode, ExitKind>> = {
  INVALID_ARGUMENT: 'usage',
  PARSE_ERROR: 'data',
  MISSING_VALUE: 'data',
  EMPTY_INPUT: 'data',
  NON_FINITE: 'data',
  SHAPE_MISMATCH: 'model',
  RANK_MISMATCH: 'model',
  CORRUPT_FILE: 'model',
  UNSUPPORTED: 'model',
  NOT_BUILT: 'model',
  ABORTED: 'interrupted',
  IO_ERROR: 'other',
  BACKEND_UNAVAILABLE: 'other',
  DISPOSED: 'other',
  TRAINING_DIVERGED: 'other',
};

/**
 * The exit kind of an RnnkitError code (`'other'` for a code this CLI does not know yet).
 *
 * @example
 * ```ts
 * kindOfRnnkitCode('MISSING_VALUE'); // 'data'
 * ```
 */
export function kindOfRnnkitCode(code: string): ExitKind {
  return (KIND_OF_CODE as Record<string, ExitKind | undefined>)[code] ?? 'other';
}

/**
 * `true` for an RnnkitError from any rnnkit package. Checked by shape (name and string code),
 * not `instanceof`, so that the CLI does not load @rnnkit/core to report a usage error, and an
 * error from a second copy of the package still counts.
 *
 * @example
 * ```ts
 * isPackageError(new RnnkitError('PARSE_ERROR', 'bad cell')); // true
 * ```
 */
export function isPackageError(error: unknown): error is RnnkitError {
  return error instanceof Error && error.name === 'RnnkitError' && typeof (error as { code?: unknown }).code === 'string';
}

/**
 * The exit kind of any thrown value: an RnnkitError by its code, anything else `'other'`.
 *
 * @example
 * ```ts
 * exitKindOf(new RnnkitError('CORRUPT_FILE', 'bad shard')); // 'model'
 * ```
 */
export function exitKindOf(error: unknown): ExitKind {
  return isPackageError(error) ? kindOfRnnkitCode(error.code) : 'other';
}
