// Turns anything thrown into what the user sees: one line (what, where, how to fix) and an
// exit kind. RnnkitErrors keep their own message (it names what was expected and found) and
// get a hint by code; the API function name they start with is replaced by the CLI's context.

import { CliError, isCliError } from './cli-error.js';
import { isPackageError, kindOfRnnkitCode } from './exit-codes.js';
import type { ExitKind } from './exit-codes.js';

/** How to fix each kind of package error, when the call site has nothing more precise. */
const HINT_OF_CODE: Readonly<Record<string, string>> = {
  PARSE_ERROR: 'fix that cell in the file, or point --column/--date-column at other columns',
  MISSING_VALUE: 'fill the gap in the file, or pass --missing drop, ffill or interpolate',
  EMPTY_INPUT: 'give a file with data in it',
  NON_FINITE: 'remove the NaN or infinite values from the input',
  INVALID_ARGUMENT: 'check the option values (see --help)',
  SHAPE_MISMATCH: 'use the model with data shaped like the data it was trained on',
  RANK_MISMATCH: 'use the model with data shaped like the data it was trained on',
  CORRUPT_FILE: 'point at a directory written by rnnkit (it holds model.json and its weight files)',
  UNSUPPORTED: 'point at a directory written by rnnkit (it holds model.json and its weight files)',
  TRAINING_DIVERGED: 'lower --lr or pass --clip 1',
  BACKEND_UNAVAILABLE: 'pass --backend cpu',
  IO_ERROR: 'check the path and its permissions',
};

/** What to print and how to exit. */
export interface DescribedError {
  readonly kind: ExitKind;
  /** One line, no trailing newline. */
  readonly line: string;
}

const API_PREFIX = /^[A-Za-z_$][\w$]*(?:\.[\w$]+)*: /;

/** The message of a package error without the leading `functionName: `. */
function withoutApiName(message: string): string {
  return message.replace(API_PREFIX, '');
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

const SYSTEM_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  EROFS: 'read-only file system',
};

/**
 * One line and an exit kind for `error`.
 *
 * @example
 * ```ts
 * describeError(new CliError('data', 'data.csv does not exist', 'check the path'));
 * // { kind: 'data', line: 'rnnkit: data.csv does not exist; check the path' }
 * ```
 */
export function describeError(error: unknown): DescribedError {
  if (isCliError(error)) {
    return { kind: error.kind, line: `rnnkit: ${oneLine(error.message)}${error.hint ? `; ${oneLine(error.hint)}` : ''}` };
  }
  if (isPackageError(error)) {
    const hint = HINT_OF_CODE[error.code];
    return { kind: kindOfRnnkitCode(error.code), line: `rnnkit: ${oneLine(withoutApiName(error.message))}${hint ? `; ${hint}` : ''}` };
  }
  if (error instanceof Error && error.name === 'VizError') {
    return { kind: 'other', line: `rnnkit: a chart could not be drawn: ${oneLine(withoutApiName(error.message))}; rerun with --debug and report it` };
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code in SYSTEM_ERRORS) {
    const path = (error as { path?: unknown }).path;
    return { kind: 'other', line: `rnnkit: ${typeof path === 'string' ? `${path}: ` : ''}${SYSTEM_ERRORS[code]}; check the path and its permissions` };
  }
  const message = error instanceof Error ? error.message : String(error);
  const kernel = /Kernel '(\w+)' not registered for backend '(\w+)'/.exec(message);
  if (kernel) {
    return { kind: 'other', line: `rnnkit: the ${kernel[2]} backend lacks the ${kernel[1]} operation this model needs; pass --backend cpu` };
  }
  return { kind: 'other', line: `rnnkit: unexpected error: ${oneLine(message)}; rerun with --debug for the stack trace` };
}

/**
 * Runs `task`, rethrowing a package error as a {@link CliError} whose message starts with
 * `where` (a file, a model directory) and whose hint is `hint` when given.
 *
 * @example
 * ```ts
 * const series = await inContext('data.csv', () => loadCsvSeries('data.csv'), { MISSING_VALUE: 'pass --missing ffill' });
 * ```
 */
export async function inContext<T>(
  where: string,
  task: () => T | Promise<T>,
  hints: Readonly<Record<string, string>> = {},
  kind?: ExitKind,
): Promise<T> {
  try {
    return await task();
  } catch (error) {
    if (!isPackageError(error)) throw error;
    const message = `${where}: ${withoutApiName(error.message)}`;
    const hint = hints[error.code] ?? HINT_OF_CODE[error.code];
    throw new CliError(kind ?? kindOfRnnkitCode(error.code), message, hint, { cause: error });
  }
}
