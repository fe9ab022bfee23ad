// Taking a run's full state into a Checkpoint, and putting it back.

import type { Rng } from '@rnnkit/core';
import type { TrainableModel } from '../bptt/model-layers.js';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION } from '../io/checkpoint.js';
import type { Checkpoint } from '../io/checkpoint.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import type { LearningRateSchedule } from '../schedules/schedule.js';
import type { EarlyStoppingState } from './early-stopping.js';
import type { EpochLogs } from './train-options.js';
import { decodeSnapshot, disposeSnapshot, encodeSnapshot, restoreWeights, snapshotWeights } from './weight-snapshot.js';
import type { WeightSnapshot } from './weight-snapshot.js';

/** The stateful parts of a run. */
export type RunState = {
  model: TrainableModel;
  optimizer: Optimizer;
  rng: Rng;
  schedule: LearningRateSchedule | undefined;
  stopping: EarlyStoppingState | null;
};

/** A checkpoint of the run after `epoch` epochs and `step` updates. */
export function captureCheckpoint(run: RunState, progress: { epoch: number; step: number; history: EpochLogs[]; bestWeights: WeightSnapshot | null }): Checkpoint {
  const weights = snapshotWeights(run.model);
  const encoded = encodeSnapshot(weights);
  disposeSnapshot(weights);
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    epoch: progress.epoch,
    step: progress.step,
    weights: encoded,
    optimizer: run.optimizer.getState(),
    // Unsigned words: core's sfc32 state can hold signed ints that its own setState refuses.
    rng: run.rng.getState().map((w) => w >>> 0) as unknown as Checkpoint['rng'],
    schedule: run.schedule ? run.schedule.getState() : null,
    earlyStopping: run.stopping ? { ...run.stopping, bestWeights: progress.bestWeights ? encodeSnapshot(progress.bestWeights) : null } : null,
    history: progress.history,
  };
}

/** Restores a run from a checkpoint; returns where it stopped and the saved best weights. */
export function restoreCheckpoint(run: RunState, saved: Checkpoint): { epoch: number; step: number; history: EpochLogs[]; bestWeights: WeightSnapshot | null } {
  const weights = decodeSnapshot(saved.weights, 'resumeFrom');
  restoreWeights(run.model, weights, 'train (resumeFrom)');
  disposeSnapshot(weights);
  run.optimizer.setState(saved.optimizer);
  run.rng.setState(saved.rng);
  if (run.schedule && saved.schedule) run.schedule.setState(saved.schedule);
  let bestWeights: WeightSnapshot | null = null;
  if (run.stopping && saved.earlyStopping) {
    const { best, bestEpoch, wait } = saved.earlyStopping;
    Object.assign(run.stopping, { best, bestEpoch, wait });
    if (saved.earlyStopping.bestWeights) bestWeights = decodeSnapshot(saved.earlyStopping.bestWeights, 'resumeFrom best');
  }
  return { epoch: saved.epoch, step: saved.step, history: saved.history.map((h) => ({ ...h }) as EpochLogs), bestWeights };
}
