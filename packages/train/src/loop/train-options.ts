// Options, logs and result of `train`.

import type { GateSpectralRadius } from '../bptt/recurrent-spectral-radius.js';
import type { TruncatedBpttOptions } from '../bptt/truncated-bptt.js';
import type { AtomicWriteFileSystem } from '../io/atomic-write.js';
import type { Checkpoint } from '../io/checkpoint.js';
import type { Loss } from '../losses/loss.js';
import type { Metric } from '../metrics/metric.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import type { LearningRateSchedule } from '../schedules/schedule.js';
import type { BatchSource } from './batches.js';
import type { DivergenceReport } from './divergence.js';
import type { EarlyStoppingOptions } from './early-stopping.js';
import type { ClipOptions } from './train-step.js';

/** What is recorded for visualisation, as plain arrays in the batch logs. */
export interface RecordOptions {
  /**
   * ‖∂L/∂h_t‖ for every time step of every recurrent layer (the vanishing/exploding picture).
   * @default false
   */
  hiddenGradNorms?: boolean;
  /**
   * The L2 norm of each weight's gradient.
   * @default false
   */
  paramGradNorms?: boolean;
  /**
   * The spectral radius of each recurrent kernel's gate blocks.
   * @default false
   */
  spectralRadius?: boolean;
  /**
   * Record on every this many updates (the first update always).
   * @default 1
   */
  every?: number;
}

/** Logs handed to `onBatchEnd`, one per optimizer update (per chunk with truncated BPTT). */
export type BatchLogs = {
  epoch: number;
  /** Batch index within the epoch. */
  batch: number;
  /** Update index since the start of training (0-based). */
  step: number;
  loss: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
  learningRate: number;
  /** By recurrent layer (a bidirectional layer's halves as `<name>/forward`, `<name>/backward`). */
  hiddenGradNorms?: Record<string, number[]>;
  paramGradNorms?: Record<string, number>;
  spectralRadius?: Record<string, GateSpectralRadius[]>;
};

/** Logs handed to `onEpochEnd` and kept in the history: `loss`, metrics, `valLoss`, `val<Metric>`. */
export type EpochLogs = { epoch: number; loss: number; learningRate: number; seconds: number } & Record<string, number>;

/** Callbacks: the loop's only way of talking to the outside. They may be async. */
export interface TrainCallbacks {
  /**
   * After every optimizer update.
   * @default undefined
   */
  onBatchEnd?(logs: BatchLogs): void | Promise<void>;
  /**
   * After every epoch (after validation).
   * @default undefined
   */
  onEpochEnd?(logs: EpochLogs): void | Promise<void>;
}

/** Options of `train`. */
export interface TrainOptions {
  /**
   * Epochs to run (in total, counting those of a resumed checkpoint).
   * @default 1
   */
  epochs?: number;
  /**
   * The training loss.
   * @default meanSquaredError()
   */
  loss?: Loss;
  /**
   * The optimizer (its state is checkpointed).
   * @default adam()
   */
  optimizer?: Optimizer;
  /**
   * Metrics reported per epoch on the training batches and on the validation data.
   * @default []
   */
  metrics?: readonly Metric[];
  /**
   * Validation batches, evaluated after each epoch (dropout off).
   * @default undefined
   */
  validationData?: BatchSource;
  /**
   * Shuffle the order of an array of batches every epoch (with the run's seeded stream).
   * @default false
   */
  shuffle?: boolean;
  /**
   * Seed of the run's random stream (shuffling, dropout masks).
   * @default 0
   */
  seed?: number;
  /**
   * Gradient clipping.
   * @default {} (none)
   */
  clip?: ClipOptions;
  /**
   * Learning-rate schedule, asked before every update.
   * @default undefined (the optimizer's rate)
   */
  schedule?: LearningRateSchedule;
  /**
   * Run recurrent layers on @rnnkit/core's fused sequence kernels (WASM SIMD or JS) where they
   * can; `false` forces the readable step-by-step path. Same results either way.
   * @default true
   */
  fused?: boolean;
  /**
   * Truncated BPTT(k1, k2) over each batch's time axis.
   * @default undefined (full BPTT)
   */
  truncatedBptt?: TruncatedBpttOptions;
  /**
   * Carry recurrent states from each batch into the next within an epoch (char-rnn's contiguous
   * batches, see @rnnkit/data's languageModelBatches); reset at every epoch.
   * @default false
   */
  carryState?: boolean;
  /**
   * Early stopping on the validation (or training) loss.
   * @default undefined
   */
  earlyStopping?: EarlyStoppingOptions;
  /**
   * Stops training cleanly after the current update — or, when `checkpoint` is set, after the
   * current batch (its remaining truncated-BPTT windows included), and writes a checkpoint of
   * that point.
   * @default undefined
   */
  signal?: AbortSignal;
  /**
   * Callbacks.
   * @default {}
   */
  callbacks?: TrainCallbacks;
  /**
   * Write a checkpoint (atomically) every `everyEpochs` epochs, and when `signal` aborts the run
   * inside an epoch (then of the exact batch reached; `resumeFrom` continues from that batch).
   * @default undefined
   */
  checkpoint?: { path: string; everyEpochs?: number; fileSystem?: AtomicWriteFileSystem };
  /**
   * Continue from a checkpoint (or its path): weights, optimizer, RNG, schedule, early stopping,
   * history — and, for a checkpoint written by an abort, the rest of the interrupted epoch.
   * @default undefined
   */
  resumeFrom?: Checkpoint | string;
  /**
   * What to record for visualisation.
   * @default {}
   */
  record?: RecordOptions;
  /**
   * On a non-finite loss or gradient: stop and report (`'stop'`), or also throw a
   * `TRAINING_DIVERGED` RnnkitError (`'throw'`). Either way the update is not applied and the
   * last good weights are restored.
   * @default 'stop'
   */
  onNonFinite?: 'stop' | 'throw';
  /**
   * Dispose the batch tensors after use.
   * @default true for iterables and functions (they make new tensors), false for arrays
   */
  disposeBatches?: boolean;
}

/** Why training ended. */
export type StopReason = 'completed' | 'earlyStopping' | 'aborted' | 'diverged';

/** What `train` returns. */
export type TrainResult = {
  history: EpochLogs[];
  /** Epochs completed. */
  epochs: number;
  /** Updates done. */
  steps: number;
  stopReason: StopReason;
  /** Epoch whose weights the model holds after early stopping restored the best ones. */
  bestEpoch: number | null;
  divergence: DivergenceReport | null;
};

