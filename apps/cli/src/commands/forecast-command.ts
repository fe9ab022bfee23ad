// `rnnkit forecast <file.csv>`: train a recurrent forecaster on a CSV column, score it on the
// test split against the baselines, and save the model directory with its charts.

import { Command, Option } from 'commander';
import { withDefaults } from '../command-defaults.js';
import { runInScope } from '../command-scope.js';
import type { CliContext } from '../command-scope.js';
import { FORECAST_DEFAULTS } from '../forecast/forecast-settings.js';
import { fraction, nameList, positiveInt } from '../options/parse-option.js';
import { addTrainingOptions } from '../options/training-options.js';
import type { TrainingOptions } from '../options/training-options.js';

/** Missing-value policies of --missing (those of @rnnkit/data's CSV loader). */
export const MISSING_CHOICES = ['error', 'drop', 'ffill', 'interpolate'] as const;
/** A value of --missing. */
export type MissingChoice = (typeof MISSING_CHOICES)[number];

/** The parsed options of `rnnkit forecast`. */
export interface ForecastOptions extends TrainingOptions {
  readonly column: string | undefined;
  readonly dateColumn: string | undefined;
  readonly features: readonly string[] | undefined;
  readonly window: number;
  readonly horizon: number;
  readonly bidirectional: boolean;
  readonly test: number;
  readonly missing: MissingChoice;
}

const HELP = `
The CSV needs a header row. The target is --column (by default the only numeric column, or the
last one); --features lists the input columns (default: the target alone). Rows are split in
time order: train, then --val, then --test (the last rows). The scaler is fitted on the training
rows only. The model reads --window past rows and predicts the next --horizon values.

--out receives the model (model.json + weights, with the scaler and settings inside), loss and
forecast charts (SVG and PNG) and metrics.json. Ctrl-C saves a checkpoint to <out>-checkpoint;
run the same command with --resume <out>-checkpoint to continue.

Examples:
  $ rnnkit forecast temps.csv --column Temp --date-column Date --out temps-model
  $ rnnkit forecast air.csv --column pm25 --features pm25,temp,wind --window 48 --horizon 6 --cell gru
  $ rnnkit forecast sales.csv --missing interpolate --epochs 50 --lr 0.003 --clip 1 --json
  $ rnnkit forecast temps.csv --column Temp --resume rnnkit-forecast-checkpoint`;

/** Defines `rnnkit forecast`. */
export function forecastCommand(context: CliContext): Command {
  const command = withDefaults(new Command('forecast'), context)
    .description('train a recurrent forecaster on a CSV column and compare it with the baselines')
    .argument('<file.csv>', 'CSV file with a header row')
    .option('--column <name>', 'column to predict (default: the only numeric column, else the last)')
    .option('--date-column <name>', 'column holding the dates (kept as labels, not used as input)')
    .addOption(new Option('--features <names>', 'comma-separated input columns (default: the target)').argParser(nameList))
    .addOption(new Option('--window <n>', 'past rows the model reads').argParser(positiveInt).default(FORECAST_DEFAULTS.window))
    .addOption(new Option('--horizon <n>', 'future values predicted at once').argParser(positiveInt).default(FORECAST_DEFAULTS.horizon))
    .addOption(new Option('--bidirectional', 'read each window in both directions').default(false))
    .addOption(new Option('--test <fraction>', 'fraction of the last rows held out for the test').argParser(fraction).default(FORECAST_DEFAULTS.test))
    .addOption(new Option('--missing <policy>', 'what to do with empty cells').choices(MISSING_CHOICES).default('error'));
  return addTrainingOptions(command, FORECAST_DEFAULTS)
    .addHelpText('after', HELP)
    .action((file: string, options: ForecastOptions, cmd: Command) =>
      runInScope(cmd, context, async (scope) => (await import('../forecast/run-forecast.js')).runForecast(file, options, scope), { trains: true }),
    );
}
