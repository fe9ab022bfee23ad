// Runs @rnnkit/train's `train` for a command: progress on stderr, a checkpoint at the end of
// every epoch in the run's checkpoint directory, Ctrl-C (and --minutes) through the AbortSignal.
// Ctrl-C stops after the current batch, where train writes a checkpoint of that exact point; the
// command ends with exit 130 and a message naming the checkpoint to --resume from.

import { join } from 'node:path';
import { loadCheckpoint, train } from '@rnnkit/train';
import type { BatchSource, EpochLogs, Loss, Metric, Optimizer, TrainResult } from '@rnnkit/train';
import type { SequentialModel } from '@rnnkit/core';
import { CliError } from '../cli-error.js';
import type { CommandScope } from '../command-scope.js';
import { trainingProgress } from '../output/training-progress.js';
import { CHECKPOINT_FILE, hasCheckpoint } from './checkpoint-dir.js';

/** One training run. */
export interface TrainingRun {
  readonly model: SequentialModel;
  readonly data: BatchSource;
  /** Batches per epoch (for the progress bar and ETA). */
  readonly batchesPerEpoch: number;
  readonly validation?: BatchSource | undefined;
  /** Total epochs (counting those of a resumed checkpoint). */
  readonly epochs: number;
  readonly loss: Loss;
  readonly optimizer: Optimizer;
  /**
   * Metrics logged per epoch.
   * @default []
   */
  readonly metrics?: readonly Metric[];
  readonly seed: number;
  /** Global-norm clipping, or `undefined` for none. */
  readonly clip: number | undefined;
  /**
   * Truncated BPTT `[k1, k2]`.
   * @default undefined (full BPTT)
   */
  readonly truncatedBptt?: readonly [number, number] | undefined;
  /**
   * Carry hidden states across batches (language models).
   * @default false
   */
  readonly carryState?: boolean;
  /**
   * Stop after this many seconds (and keep the model as it is then).
   * @default undefined
   */
  readonly budgetSeconds?: number | undefined;
  /** Where checkpoints go. */
  readonly checkpointDir: string;
  /** Continue from this directory's checkpoint. */
  readonly resume: boolean;
  /** The command line that continues the run, shown when it is interrupted. */
  readonly resumeHint: string;
  /**
   * What is trained, for the progress header.
   * @default 'training'
   */
  readonly label?: string;
}

/** Epoch logs shown on each progress line: the losses and metrics, not the bookkeeping. */
function shownLogs(logs: EpochLogs): Record<string, number> {
  const hidden = new Set(['epoch', 'seconds', 'learningRate']);
  return Object.fromEntries(Object.entries(logs).filter((entry): entry is [string, number] => !hidden.has(entry[0]) && typeof entry[1] === 'number'));
}

/**
 * Trains, reporting progress, and turns Ctrl-C into an `interrupted` CliError (exit 130) after
 * the checkpoint is on disk.
 *
 * @example
 * ```ts
 * const result = await runTraining({ model, data, batchesPerEpoch: 90, epochs: 20, loss: meanSquaredError(), … }, scope);
 * ```
 */
export async function runTraining(run: TrainingRun, scope: CommandScope): Promise<TrainResult> {
  const checkpointPath = join(run.checkpointDir, CHECKPOINT_FILE);
  const budget = new AbortController();
  const timer = run.budgetSeconds === undefined ? undefined : setTimeout(() => budget.abort(), run.budgetSeconds * 1000);
  const { startEpoch, startBatch } = run.resume ? await savedPoint(checkpointPath) : { startEpoch: 0, startBatch: 0 };
  const progress = trainingProgress(scope.output, {
    epochs: run.budgetSeconds === undefined ? run.epochs : undefined,
    batches: run.batchesPerEpoch,
    startEpoch,
    startBatch,
    ...(run.budgetSeconds === undefined ? {} : { budgetSeconds: run.budgetSeconds }),
    label: run.label ?? 'training',
  });
  let result: TrainResult;
  try {
    result = await train(run.model, run.data, {
      epochs: run.epochs,
      loss: run.loss,
      optimizer: run.optimizer,
      metrics: run.metrics ?? [],
      ...(run.validation ? { validationData: run.validation } : {}),
      seed: run.seed,
      clip: run.clip === undefined ? {} : { clipGlobalNorm: run.clip },
      ...(run.truncatedBptt ? { truncatedBptt: { k1: run.truncatedBptt[0], k2: run.truncatedBptt[1] } } : {}),
      carryState: run.carryState ?? false,
      signal: AbortSignal.any([scope.signal, budget.signal]),
      checkpoint: { path: checkpointPath, everyEpochs: 1 },
      ...(run.resume ? { resumeFrom: checkpointPath } : {}),
      callbacks: {
        onBatchEnd: (logs) => progress.batch(logs.epoch + 1, logs.batch + 1, logs.loss),
        onEpochEnd: (logs) => progress.epoch(logs.epoch + 1, shownLogs(logs)),
      },
    });
  } finally {
    if (timer) clearTimeout(timer);
    progress.finish();
  }
  if (result.stopReason === 'aborted' && scope.signal.aborted) {
    if (await hasCheckpoint(run.checkpointDir)) {
      const saved = await loadCheckpoint(checkpointPath);
      const point = saved.partialEpoch ? `after batch ${saved.partialEpoch.batch} of epoch ${saved.epoch + 1}` : `after epoch ${saved.epoch}`;
      throw new CliError('interrupted', `interrupted during epoch ${saved.epoch + 1}; the checkpoint ${point} is in ${run.checkpointDir}`, `continue with: ${run.resumeHint}`);
    }
    throw new CliError('interrupted', 'interrupted before a checkpoint was written, so there is nothing to resume from', 'run the command again');
  }
  if (result.stopReason === 'diverged' && result.divergence) {
    throw new CliError('other', result.divergence.message.replace(/^train: /, 'training diverged: '), 'lower --lr or pass --clip 1');
  }
  return result;
}

/** Where a checkpoint stopped: epochs done, and batches done of the next one (a mid-epoch checkpoint). */
async function savedPoint(path: string): Promise<{ startEpoch: number; startBatch: number }> {
  const saved = await loadCheckpoint(path);
  return { startEpoch: saved.epoch, startBatch: saved.partialEpoch?.batch ?? 0 };
}
