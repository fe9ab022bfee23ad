// Taking a run's full state into a Checkpoint, and putting it back — at an epoch end, or in
// the middle of an epoch (a `partialEpoch`: next batch, epoch-start RNG, running totals,
// carried states).

import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import { RnnkitError } from '@rnnkit/core';
import type { Rng, RngState } from '@rnnkit/core';
import type { TrainableModel } from '../bptt/model-layers.js';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION } from '../io/checkpoint.js';
import type { Checkpoint, PartialEpoch } from '../io/checkpoint.js';
import { decodeTensor, encodeTensor } from '../io/tensor-codec.js';
import type { MetricTotals } from '../metrics/metric.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import type { LearningRateSchedule } from '../schedules/schedule.js';
import type { EarlyStoppingState } from './early-stopping.js';
import type { States } from './train-batch.js';
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

/** How far an aborted epoch got, in memory (carried states as tensors). */
export type EpochProgress = {
  batch: number;
  epochRng: RngState;
  lossSum: number;
  lossCount: number;
  metricTotals: MetricTotals[];
  carried: States | null;
};

/** Progress of a run: `epoch` epochs done, `step` updates, and `partial` if inside an epoch. */
export type RunProgress = { epoch: number; step: number; history: EpochLogs[]; bestWeights: WeightSnapshot | null; partial: EpochProgress | null };

function encodePartial(p: EpochProgress): PartialEpoch {
  const carried = p.carried ? Object.fromEntries([...p.carried].map(([layer, states]) => [String(layer), states.map((t) => encodeTensor(t))])) : null;
  const { batch, lossSum, lossCount } = p;
  return { batch, epochRng: p.epochRng.map((w) => w >>> 0) as unknown as RngState, lossSum, lossCount, metricTotals: p.metricTotals.map((t) => ({ ...t })), carried };
}

function decodePartial(p: PartialEpoch, where: string): EpochProgress {
  const carried: States | null = p.carried ? new Map() : null;
  const made: Tensor[] = [];
  try {
    for (const [layer, states] of Object.entries(p.carried ?? {})) {
      const decoded = states.map((e, i) => {
        const t = decodeTensor(e, `${where}.carried[${layer}][${i}]`);
        made.push(t);
        return t;
      });
      const bad = decoded.find((t) => t.rank !== 2);
      if (bad) throw new RnnkitError('CORRUPT_FILE', `${where}.carried[${layer}]: expected [batch, units] states, got rank ${bad.rank}`, { where, layer });
      carried?.set(Number(layer), decoded as Tensor2D[]);
    }
  } catch (error) {
    made.forEach((t) => t.dispose());
    throw error;
  }
  return { ...p, metricTotals: p.metricTotals.map((t) => ({ ...t })), carried };
}

/** A checkpoint of the run after `epoch` epochs and `step` updates (and `partial` batches more). */
export function captureCheckpoint(run: RunState, progress: RunProgress): Checkpoint {
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
    partialEpoch: progress.partial ? encodePartial(progress.partial) : null,
  };
}

/** Restores a run from a checkpoint; returns where it stopped and the saved best weights. */
export function restoreCheckpoint(run: RunState, saved: Checkpoint): RunProgress {
  const weights = decodeSnapshot(saved.weights, 'resumeFrom');
  restoreWeights(run.model, weights, 'train (resumeFrom)');
  disposeSnapshot(weights);
  const partial = saved.partialEpoch ? decodePartial(saved.partialEpoch, 'resumeFrom partialEpoch') : null;
  run.optimizer.setState(saved.optimizer);
  run.rng.setState(saved.rng);
  if (run.schedule && saved.schedule) run.schedule.setState(saved.schedule);
  let bestWeights: WeightSnapshot | null = null;
  if (run.stopping && saved.earlyStopping) {
    const { best, bestEpoch, wait } = saved.earlyStopping;
    Object.assign(run.stopping, { best, bestEpoch, wait });
    if (saved.earlyStopping.bestWeights) bestWeights = decodeSnapshot(saved.earlyStopping.bestWeights, 'resumeFrom best');
  }
  return { epoch: saved.epoch, step: saved.step, history: saved.history.map((h) => ({ ...h }) as EpochLogs), bestWeights, partial };
}
