// What every command runs inside: the global options, the output streams, the tfjs backend
// chosen by --backend, and a SIGINT watch whose signal stops training.

import type { Command } from 'commander';
import { selectBackend } from './backend.js';
import type { BackendChoice } from './backend.js';
import { watchInterrupt } from './interrupt.js';
import { createOutput } from './output/output.js';
import type { Output, OutputStream } from './output/output.js';

/** The process the CLI runs in (replaced in tests of the program object). */
export interface CliContext {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Options every command accepts. */
export interface GlobalOptions {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly debug: boolean;
  readonly backend: BackendChoice;
}

/** What a command's body is given. */
export interface CommandScope {
  readonly output: Output;
  readonly globals: GlobalOptions;
  readonly env: CliContext['env'];
  /** The tfjs backend in use. */
  readonly backend: string;
  /** Aborted on Ctrl-C. */
  readonly signal: AbortSignal;
}

/** The global options of `command` (they may be given before or after the command name). */
export function globalOptions(command: Command): GlobalOptions {
  const all = command.optsWithGlobals<Partial<GlobalOptions>>();
  return { json: all.json === true, quiet: all.quiet === true, debug: all.debug === true, backend: all.backend ?? 'auto' };
}

/**
 * Runs a command body with its scope; the SIGINT watch is removed afterwards.
 *
 * @example
 * ```ts
 * .action((file, options, command) => runInScope(command, context, (scope) => forecast(file, options, scope)))
 * ```
 */
export async function runInScope(command: Command, context: CliContext, body: (scope: CommandScope) => Promise<void>): Promise<void> {
  const globals = globalOptions(command);
  const output = createOutput({ quiet: globals.quiet, json: globals.json, stdout: context.stdout, stderr: context.stderr });
  const backend = await selectBackend(globals.backend);
  const interrupt = watchInterrupt((message) => context.stderr.write(message));
  try {
    await body({ output, globals, env: context.env, backend, signal: interrupt.signal });
  } finally {
    interrupt.dispose();
  }
}
