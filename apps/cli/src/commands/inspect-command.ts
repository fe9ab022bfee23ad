// `rnnkit inspect <model-dir>`: what a model is (layers, shapes, parameters, how it was
// trained) and, with --trace, what happens inside it for one input.

import { Command, Option } from 'commander';
import { withDefaults } from '../command-defaults.js';
import { runInScope } from '../command-scope.js';
import type { CliContext } from '../command-scope.js';

/** The parsed options of `rnnkit inspect`. */
export interface InspectOptions {
  readonly trace: string | undefined;
  readonly out: string;
  readonly force: boolean;
}

const HELP = `
Prints the layers with their output shapes and parameter counts, and what the model directory
says about its training (data, settings, history). With --trace it runs the model on one input
(for a forecaster: a CSV file, whose last window is used; for a language model: a text, or a
.txt file) and draws the hidden state and each gate over time as heatmaps, and the gradient
norm |dL/dh_t| at every step (the vanishing-gradient picture) - in the terminal and as SVG
files in --out.

Examples:
  $ rnnkit inspect rnnkit-demo
  $ rnnkit inspect rnnkit-demo --trace temps.csv --out trace
  $ rnnkit inspect char-model --trace "To be, or not to be" --json`;

/** Defines `rnnkit inspect`. */
export function inspectCommand(context: CliContext): Command {
  return withDefaults(new Command('inspect'), context)
    .description('show a model summary; --trace draws its hidden states, gates and gradient flow')
    .argument('<model-dir>', 'directory holding model.json')
    .option('--trace <input>', 'trace the model on this input (CSV file for a forecaster, text or .txt for a language model)')
    .addOption(new Option('--out <dir>', 'where --trace writes its SVG charts').default('rnnkit-trace'))
    .addOption(new Option('--force', 'replace an existing --out directory').default(false))
    .addHelpText('after', HELP)
    .action((modelDir: string, options: InspectOptions, cmd: Command) =>
      runInScope(cmd, context, async (scope) => (await import('../inspect/run-inspect.js')).runInspect(modelDir, options, scope)),
    );
}
