// Options shared by the commands that train (demo, forecast, text train): the model size, the
// optimizer, checkpoints, the output directory. One definition, so the help texts agree.

import { Option } from 'commander';
import type { Command } from 'commander';
import { fraction, nonNegativeInt, positiveInt, positiveNumber } from './parse-option.js';

/** Recurrent cells the CLI builds models from. */
export const CELL_CHOICES = ['rnn', 'lstm', 'gru'] as const;
/** A value of --cell. */
export type CellChoice = (typeof CELL_CHOICES)[number];

/** Optimizers of @rnnkit/train, by their CLI names. */
export const OPTIMIZER_CHOICES = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adagrad', 'adam', 'adamw'] as const;
/** A value of --optimizer. */
export type OptimizerChoice = (typeof OPTIMIZER_CHOICES)[number];

/** Defaults that differ between the commands that train. */
export interface TrainingDefaults {
  readonly cell: CellChoice;
  readonly units: number;
  readonly layers: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly optimizer: OptimizerChoice;
  readonly clip: number | undefined;
  readonly val: number;
  readonly out: string;
}

/** The parsed training options. */
export interface TrainingOptions extends TrainingDefaults {
  readonly seed: number;
  readonly force: boolean;
  readonly resume: string | undefined;
}

/**
 * Adds the training options to `command`.
 *
 * @example
 * ```ts
 * addTrainingOptions(new Command('forecast'), { cell: 'lstm', units: 32, layers: 1, epochs: 20, … });
 * ```
 */
export function addTrainingOptions(command: Command, defaults: TrainingDefaults): Command {
  return command
    .addOption(new Option('--cell <kind>', 'recurrent cell').choices(CELL_CHOICES).default(defaults.cell))
    .addOption(new Option('--units <n>', 'units per recurrent layer').argParser(positiveInt).default(defaults.units))
    .addOption(new Option('--layers <n>', 'stacked recurrent layers').argParser(positiveInt).default(defaults.layers))
    .addOption(new Option('--epochs <n>', 'passes over the training data').argParser(positiveInt).default(defaults.epochs))
    .addOption(new Option('--batch-size <n>', 'samples per gradient step').argParser(positiveInt).default(defaults.batchSize))
    .addOption(new Option('--lr <rate>', 'learning rate').argParser(positiveNumber).default(defaults.lr))
    .addOption(new Option('--optimizer <name>', 'optimizer').choices(OPTIMIZER_CHOICES).default(defaults.optimizer))
    .addOption(
      new Option('--clip <norm>', 'clip gradients to this global norm').argParser(positiveNumber).default(defaults.clip, defaults.clip === undefined ? 'no clipping' : undefined),
    )
    .addOption(new Option('--val <fraction>', 'fraction held out for validation').argParser(fraction).default(defaults.val))
    .addOption(new Option('--seed <n>', 'seed of every random choice (same seed, same numbers on the cpu backend)').argParser(nonNegativeInt).default(0))
    .addOption(new Option('--out <dir>', 'output directory (written atomically)').default(defaults.out))
    .addOption(new Option('--force', 'replace an existing --out directory').default(false))
    .addOption(new Option('--resume <dir>', 'continue the run saved in this checkpoint directory (after Ctrl-C)'));
}
