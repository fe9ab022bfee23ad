// What every command runs inside: the global options, the output streams, the tfjs backend
// chosen by --backend, and a SIGINT watch whose signal stops training.

import type { Command } from 'commander';
import type { BackendChoice } from './backend-choice.js';
import { watchInterrupt } from './interrupt.js';
import { createOutput } from './output/output.js';
import type { Output, OutputStream } from './output/output.js';

/** The process the CLI runs in (replaced in tests of the program object). */
export interface CliContext {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The process arguments (`process.argv`), to print the command line that resumes a run. */
  readonly argv: readonly string[];
}

/** Options every command accepts. */
export interface GlobalOptions {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly debug: boolean;
  readonly backend: BackendChoice;
  /** `false` under --no-color. */
  readonly color: boolean;
}

/** What a command's body is given. */
export interface CommandScope {
  readonly output: Output;
  readonly globals: GlobalOptions;
  readonly env: CliContext['env'];
  /** The tfjs backend in use. */
  readonly backend: string;
  /** Colour in terminal plots: stdout is a terminal, no --no-color, no NO_COLOR. */
  readonly color: boolean;
  /** Aborted on Ctrl-C. */
  readonly signal: AbortSignal;
  /** Options given on the command line (attribute names, e.g. `batchSize`), not defaults. */
  readonly explicit: readonly string[];
  /** `rnnkit …` as typed, with `--resume DIR` in place of any earlier --resume. */
  resumeCommand(dir: string): string;
}

/** The global options of `command` (they may be given before or after the command name). */
export function globalOptions(command: Command): GlobalOptions {
  const all = command.optsWithGlobals<Partial<GlobalOptions>>();
  return { json: all.json === true, quiet: all.quiet === true, debug: all.debug === true, backend: all.backend ?? 'auto', color: all.color !== false };
}

/**
 * Runs a command body with its scope; the SIGINT watch is removed afterwards.
 *
 * @example
 * ```ts
 * .action((file, options, command) => runInScope(command, context, (scope) => forecast(file, options, scope)))
 * ```
 */
export async function runInScope(
  command: Command,
  context: CliContext,
  body: (scope: CommandScope) => Promise<void>,
  options: {
    /** Trains: the first Ctrl-C stops training for a checkpoint instead of ending the process. */
    readonly trains?: boolean;
  } = {},
): Promise<void> {
  const globals = globalOptions(command);
  const output = createOutput({ quiet: globals.quiet, json: globals.json, stdout: context.stdout, stderr: context.stderr });
  // Loaded here, not at the top: --help and usage errors never load tfjs.
  const { selectBackend } = await import('./backend.js');
  const backend = await selectBackend(globals.backend, context.env);
  // Commands that do not train keep Node's default: Ctrl-C ends them at once.
  const interrupt = options.trains ? watchInterrupt((message) => context.stderr.write(message)) : { signal: new AbortController().signal, dispose: () => undefined };
  try {
    const explicit = command.options.map((o) => o.attributeName()).filter((key) => command.getOptionValueSource(key) === 'cli');
    const resumeCommand = (dir: string): string => ['rnnkit', ...withoutResume(context.argv.slice(2)), '--resume', dir].map(shellQuote).join(' ');
    const color = globals.color && context.stdout.isTTY === true && (context.env.NO_COLOR ?? '') === '';
    await body({ output, globals, env: context.env, backend, color, signal: interrupt.signal, explicit, resumeCommand });
  } finally {
    interrupt.dispose();
  }
}

function withoutResume(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--resume') i++;
    else if (!arg.startsWith('--resume=')) out.push(arg);
  }
  return out;
}

/** Quotes an argument for a POSIX shell when it needs it. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
