// `rnnkit demo`: the README's main job. The settings live in demo/demo-settings.ts; the flags
// only shorten it (--epochs, RNNKIT_DEMO_EPOCHS) or move its output.

import { Command, Option } from 'commander';
import { CliError } from '../cli-error.js';
import { withDefaults } from '../command-defaults.js';
import { runInScope } from '../command-scope.js';
import type { CliContext } from '../command-scope.js';
import { DEMO } from '../demo/demo-settings.js';
import { nonNegativeInt, positiveInt } from '../options/parse-option.js';

const HELP = `
The lecture's temperature example, end to end: an LSTM reads the last ${DEMO.window} days of Melbourne's
daily minimum temperature (bundled, 1981-1990) and predicts the next day. It is scored on the
held-out final year (1990) against persistence (tomorrow = today) and the lecture's windowed MLP
(${DEMO.mlpWindow} -> 10 -> 10 -> 1, ReLU). Prints the RMSE table and a plot of forecast vs actual, and writes
report.html (charts inline), the charts as SVG and the model to --out.

--out may be replaced without --force when it holds a previous demo's output (the .rnnkit-demo
marker file); any other existing directory needs --force.

Environment:
  RNNKIT_DEMO_EPOCHS   default for --epochs (CI runs the demo with a few epochs)

Examples:
  $ rnnkit demo
  $ rnnkit demo --epochs 3 --out /tmp/demo
  $ rnnkit demo --json > result.json
  $ rnnkit demo --resume rnnkit-demo-checkpoint     after Ctrl-C`;

/** The parsed options of `rnnkit demo`. */
export interface DemoOptions {
  readonly epochs: number;
  readonly seed: number;
  readonly out: string;
  readonly force: boolean;
  readonly resume: string | undefined;
}

function epochsFromEnv(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new CliError('usage', `RNNKIT_DEMO_EPOCHS is ${JSON.stringify(value)}, not a positive integer`, 'set it to a number of epochs such as 2, or unset it');
  }
  return Number(value);
}

/** Defines `rnnkit demo`. */
export function demoCommand(context: CliContext): Command {
  const envEpochs = context.env.RNNKIT_DEMO_EPOCHS;
  const epochs = new Option('--epochs <n>', 'training epochs').argParser(positiveInt).default(DEMO.epochs);
  if (envEpochs !== undefined && envEpochs !== '') epochs.default(epochsFromEnv(envEpochs), `${envEpochs}, from RNNKIT_DEMO_EPOCHS`);
  return withDefaults(new Command('demo'), context)
    .description('train an LSTM on Melbourne temperatures and compare it with persistence and the windowed MLP')
    .addOption(epochs)
    .addOption(new Option('--seed <n>', 'seed of every random choice').argParser(nonNegativeInt).default(DEMO.seed))
    .addOption(new Option('--out <dir>', 'output directory').default(DEMO.out))
    .addOption(new Option('--force', 'replace --out even if it is not a previous demo output').default(false))
    .addOption(new Option('--resume <dir>', 'continue an interrupted demo from its checkpoint directory'))
    .addHelpText('after', HELP)
    .action((options: DemoOptions, command: Command) =>
      runInScope(command, context, async (scope) => (await import('../demo/run-demo.js')).runDemo(options, scope), { trains: true }),
    );
}
