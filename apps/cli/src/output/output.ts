// Where each kind of output goes. stdout carries the result: human text (tables, CSV, plots)
// normally, or exactly one JSON document under --json. stderr carries status lines, warnings
// and progress. --quiet keeps only the result itself (no plots, status or progress) and errors.

import type { Writable } from 'node:stream';

/** A stream the output writes to; `isTTY`/`columns` as on `process.stderr`. */
export type OutputStream = Pick<Writable, 'write'> & { readonly isTTY?: boolean; readonly columns?: number };

/** Options of {@link createOutput}. */
export interface OutputOptions {
  /**
   * Print nothing but the result and errors.
   * @default false
   */
  readonly quiet?: boolean;
  /**
   * Print the result as one JSON document on stdout, and nothing else on stdout.
   * @default false
   */
  readonly json?: boolean;
  /**
   * Where the result goes.
   * @default process.stdout
   */
  readonly stdout?: OutputStream;
  /**
   * Where status, warnings and progress go.
   * @default process.stderr
   */
  readonly stderr?: OutputStream;
}

/** The command's voice. */
export interface Output {
  readonly quiet: boolean;
  readonly json: boolean;
  /** Where progress is drawn (stderr). */
  readonly progressStream: OutputStream;
  /** The result as text (a score table, CSV, generated text): stdout, also under --quiet; not under --json. */
  data(text: string): void;
  /** Extra human-readable output (a plot, a hint): stdout, not under --json or --quiet. */
  print(text: string): void;
  /** What the command is doing ("loading data.csv"); stderr, not under --quiet. */
  status(text: string): void;
  /** Something the user should know; stderr, also under --quiet. */
  warn(text: string): void;
  /** The machine-readable result; stdout as JSON under --json, nothing otherwise. */
  result(value: unknown): void;
}

function line(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

/**
 * Creates the output for one command run.
 *
 * @example
 * ```ts
 * const out = createOutput({ json: true });
 * out.status('training…');     // stderr
 * out.result({ rmse: 1.23 });  // stdout: {"rmse":1.23}
 * ```
 */
export function createOutput(options: OutputOptions = {}): Output {
  const { quiet = false, json = false, stdout = process.stdout, stderr = process.stderr } = options;
  return {
    quiet,
    json,
    progressStream: stderr,
    data: (text) => {
      if (!json) stdout.write(line(text));
    },
    print: (text) => {
      if (!json && !quiet) stdout.write(line(text));
    },
    status: (text) => {
      if (!quiet) stderr.write(line(text));
    },
    warn: (text) => {
      stderr.write(line(`warning: ${text}`));
    },
    result: (value) => {
      if (json) stdout.write(`${JSON.stringify(value, jsonReplacer, 2)}\n`);
    },
  };
}

/** Non-finite numbers become null in JSON; typed arrays become arrays. */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  return value;
}
