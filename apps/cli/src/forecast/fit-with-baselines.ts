// The training half shared by `rnnkit forecast` and `rnnkit demo`: open the run's checkpoint
// directory (warning when it replaces an interrupted run's), fit and score the recurrent
// forecaster (and persistence), then the lecture's windowed MLP baseline on the same rows.

import type { CommandScope } from '../command-scope.js';
import { openCheckpointDir } from '../training/checkpoint-dir.js';
import type { RunRecord } from '../training/checkpoint-dir.js';
import type { Score } from './evaluate-forecast.js';
import type { SplitRequest } from './forecast-data.js';
import { MLP_HIDDEN } from './forecast-settings.js';
import { fitForecaster } from './fit-forecaster.js';
import type { FittedForecaster, ForecasterSettings } from './fit-forecaster.js';
import type { LoadedSeries } from './load-series.js';
import { fitMlpBaseline } from './mlp-baseline.js';

/** What {@link fitWithBaselines} trains, and where it checkpoints. */
export interface BaselineRun {
  readonly loaded: LoadedSeries;
  readonly split: SplitRequest;
  /** The recurrent model's settings; the MLP shares its epochs, learning rate, batch size and seed. */
  readonly settings: ForecasterSettings;
  /** Rows per MLP input window. */
  readonly mlpWindow: number;
  /** What the checkpoint directory records (a resumed run must match it). */
  readonly record: RunRecord;
  readonly checkpointDir: string;
  /** Whether this run continues the checkpoint in `checkpointDir` (--resume). */
  readonly resuming: boolean;
  /** The data's name in messages (a file path). */
  readonly where: string;
}

/** The fitted forecaster (the caller disposes `fitted.model`) and the MLP's test score. */
export interface FittedWithBaselines {
  readonly fitted: FittedForecaster;
  readonly mlp: { readonly score: Score; readonly predicted: Float32Array };
}

/**
 * Opens the checkpoint directory, trains and scores the forecaster, then the MLP baseline. If
 * the MLP fails (or Ctrl-C stops it), the forecaster's model is disposed before rethrowing.
 *
 * @example
 * ```ts
 * const { fitted, mlp } = await fitWithBaselines({ loaded, split: { val: 0.1, test: 0.1 }, settings, mlpWindow: 30, record, checkpointDir, resuming: false, where: 'temps.csv' }, scope);
 * try { mlp.score.rmse; } finally { fitted.model.dispose(); }
 * ```
 */
export async function fitWithBaselines(run: BaselineRun, scope: CommandScope): Promise<FittedWithBaselines> {
  const { settings, checkpointDir } = run;
  const resumeHint = scope.resumeCommand(checkpointDir);
  const dropped = await openCheckpointDir(checkpointDir, run.record, { resuming: run.resuming });
  if (dropped) scope.output.warn(`${checkpointDir} held the checkpoint of an earlier interrupted run; this new run replaces it`);
  const fitted = await fitForecaster(run.loaded, run.split, settings, { dir: checkpointDir, resume: run.resuming, resumeHint }, scope, run.where);
  try {
    const mlp = await fitMlpBaseline(fitted.data, fitted.actual, {
      window: run.mlpWindow,
      hidden: MLP_HIDDEN,
      epochs: settings.epochs,
      learningRate: settings.lr,
      batchSize: settings.batchSize,
      seed: settings.seed,
      signal: scope.signal,
      resumeHint,
      output: scope.output,
    });
    return { fitted, mlp };
  } catch (error) {
    fitted.model.dispose();
    throw error;
  }
}
