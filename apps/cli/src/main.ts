// One run of the CLI: parse, run the command, turn any failure into one line on stderr and an
// exit code (EXIT). Returns the code instead of exiting, so the process ends on its own and
// stdout is fully flushed.

import { CommanderError } from 'commander';
import type { CliContext } from './command-scope.js';
import { describeError } from './describe-error.js';
import { EXIT } from './exit-codes.js';
import { buildProgram } from './program.js';

/** Exit codes commander reports for help and version output, which are not failures. */
const COMMANDER_SUCCESS = new Set(['commander.helpDisplayed', 'commander.version']);

/**
 * Runs the CLI with `argv` (as `process.argv`: node, script, …args) and returns the exit code.
 *
 * @example
 * ```ts
 * process.exitCode = await main(process.argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, argv: process.argv });
 * ```
 */
export async function main(argv: readonly string[], context: CliContext): Promise<number> {
  try {
    await buildProgram(context).parseAsync([...argv]);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has already printed the message (and the help, for `rnnkit` alone).
      return COMMANDER_SUCCESS.has(error.code) ? EXIT.ok : EXIT.usage;
    }
    const { kind, line } = describeError(error);
    context.stderr.write(`${line}\n`);
    if (argv.includes('--debug') && error instanceof Error) context.stderr.write(`${stackWithCauses(error)}\n`);
    return EXIT[kind];
  }
}

function stackWithCauses(error: Error): string {
  const parts = [error.stack ?? String(error)];
  let cause: unknown = error.cause;
  while (cause instanceof Error) {
    parts.push(`caused by: ${cause.stack ?? String(cause)}`);
    cause = cause.cause;
  }
  return parts.join('\n');
}
