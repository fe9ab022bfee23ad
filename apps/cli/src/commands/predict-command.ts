// `rnnkit predict <model-dir> [file.csv]`: continue a series with a model from `rnnkit forecast`
// (or the demo), feeding each prediction back in for multi-step forecasts.

import { Command, Option } from 'commander';
import { withDefaults } from '../command-defaults.js';
import { runInScope } from '../command-scope.js';
import type { CliContext } from '../command-scope.js';
import { positiveInt } from '../options/parse-option.js';
import { MISSING_CHOICES } from './forecast-command.js';
import type { MissingChoice } from './forecast-command.js';

/** The parsed options of `rnnkit predict`. */
export interface PredictOptions {
  readonly steps: number | undefined;
  readonly missing: MissingChoice;
  readonly out: string | undefined;
  readonly force: boolean;
}

const HELP = `
Without file.csv the model continues the series it was trained on (its last window is saved in
the model directory). With file.csv it continues that file's series: the file needs the model's
input columns, and its last rows are the starting window. Each predicted value is fed back as
the next input, so any --steps works when the model's inputs are its targets; a model with
other input columns can predict at most its horizon.

Output: CSV (step, date when known, one column per target) on stdout or in --out; with --json,
one JSON document.

Examples:
  $ rnnkit predict temps-model --steps 30
  $ rnnkit predict temps-model recent.csv --steps 7 --out next-week.csv
  $ rnnkit predict rnnkit-demo --steps 14 --json`;

/** Defines `rnnkit predict`. */
export function predictCommand(context: CliContext): Command {
  return withDefaults(new Command('predict'), context)
    .description('forecast the next steps of a series with a trained model')
    .argument('<model-dir>', 'directory written by rnnkit forecast or rnnkit demo')
    .argument('[file.csv]', 'series to continue (default: the one the model was trained on)')
    .addOption(new Option('--steps <n>', 'steps to forecast (default: the model horizon)').argParser(positiveInt))
    .addOption(new Option('--missing <policy>', 'what to do with empty cells in file.csv').choices(MISSING_CHOICES).default('error'))
    .option('--out <file>', 'write the CSV here (atomically) instead of stdout')
    .addOption(new Option('--force', 'replace an existing --out file').default(false))
    .addHelpText('after', HELP)
    .action((modelDir: string, file: string | undefined, options: PredictOptions, cmd: Command) =>
      runInScope(cmd, context, async (scope) => (await import('../forecast/run-predict.js')).runPredict(modelDir, file, options, scope)),
    );
}
