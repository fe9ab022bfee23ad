// The `rnnkit` program: global options, the commands, and the help text with examples and
// exit codes. Parsing is commander's; every command body runs in a CommandScope.

import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { BACKEND_CHOICES } from './backend-choice.js';
import { withDefaults } from './command-defaults.js';
import type { CliContext } from './command-scope.js';
import { demoCommand } from './commands/demo-command.js';
import { forecastCommand } from './commands/forecast-command.js';
import { inspectCommand } from './commands/inspect-command.js';
import { predictCommand } from './commands/predict-command.js';
import { textCommand } from './commands/text-command.js';

/** The CLI's version, from its package.json. */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** The exit code table, as printed by `rnnkit --help` and README.md. */
export const EXIT_CODES_HELP = `Exit codes:
  0    success
  1    other failure (I/O error, training diverged, a bug)
  2    usage: unknown command or option, bad option value, --out exists without --force
  3    data: missing or unreadable input, parse error, gap under --missing error, empty text
  4    model: model or checkpoint directory missing, corrupt, or not written by rnnkit
  130  interrupted by Ctrl-C (training saves a checkpoint first; continue with --resume DIR)`;

const EXAMPLES = `Examples:
  $ rnnkit demo                                   LSTM vs baselines on Melbourne temperatures
  $ rnnkit forecast temps.csv --column Temp --date-column Date --out model
  $ rnnkit predict model --steps 30               continue the series 30 steps
  $ rnnkit text train shakespeare.txt --minutes 5 --out char-model
  $ rnnkit text sample char-model --prime "ROMEO:" --length 300
  $ rnnkit inspect model --trace temps.csv`;

/**
 * Builds the program for one run.
 *
 * @example
 * ```ts
 * await buildProgram({ stdout: process.stdout, stderr: process.stderr, env: process.env }).parseAsync(process.argv);
 * ```
 */
export function buildProgram(context: CliContext): Command {
  const program = withDefaults(new Command('rnnkit'), context)
    .description('Recurrent neural networks on TensorFlow.js: train, forecast, sample and look inside.')
    .version(cliVersion(), '-V, --version')
    .option('--json', 'print the result as JSON on stdout (and nothing else on stdout; progress goes to stderr)')
    .option('-q, --quiet', 'print no progress or status, only the result and errors')
    .option('--debug', 'print stack traces of errors')
    .option('--no-color', 'plain text plots (also when NO_COLOR is set or stdout is not a terminal)')
    .addOption(new Option('--backend <name>', 'tfjs backend (wasm loads from node_modules, no network)').choices(BACKEND_CHOICES).default('auto'))
    .addHelpText('after', `\n${EXAMPLES}\n\n${EXIT_CODES_HELP}\n`);

  for (const command of [demoCommand(context), forecastCommand(context), predictCommand(context), textCommand(context), inspectCommand(context)]) {
    program.addCommand(command);
  }
  return program;
}
