// The NaN/Inf guard's bookkeeping: references to the weights before the last two updates (so
// the last weights whose step was finite can be put back) and the recent gradient norms.

import type { Tensor } from '@tensorflow/tfjs-core';
import { trainableWeights } from '../bptt/model-layers.js';
import type { TrainableModel } from '../bptt/model-layers.js';
import { diagnoseDivergence } from './divergence.js';
import type { DivergenceReport } from './divergence.js';
import type { StepOutput } from './train-step.js';
import { disposeSnapshot, restoreWeights, snapshotWeights } from './weight-snapshot.js';
import type { WeightSnapshot } from './weight-snapshot.js';

/** Where a failing step happened, and the batch it read. */
export type StepPlace = { step: number; epoch: number; batch: number; inputs: readonly (Tensor | null | undefined)[] };

/** Tracks good weights across updates; on a bad step, restores and reports. */
export function divergenceGuard(model: TrainableModel): {
  /** Before every update. */
  beforeStep(): void;
  /** After an update that was applied. */
  passed(gradNorm: number): void;
  /** After a step whose loss or gradient was not finite: restores weights, returns the report. */
  failed(out: StepOutput, place: StepPlace): DivergenceReport;
  dispose(): void;
} {
  // W_{s−1} (weights before the previous update) and W_s (before this one).
  let previous: WeightSnapshot | null = null;
  let current: WeightSnapshot | null = null;
  const recent: number[] = [];
  return {
    beforeStep() {
      disposeSnapshot(previous);
      previous = current;
      current = snapshotWeights(model);
    },
    passed(gradNorm) {
      disposeSnapshot(previous);
      previous = null;
      recent.push(gradNorm);
      if (recent.length > 20) recent.shift();
    },
    failed(out, place) {
      const { cause, advice } = diagnoseDivergence({
        inputs: place.inputs,
        weights: trainableWeights(model).map((w) => w.variable),
        loss: out.loss,
        gradNorm: out.gradNorm,
        recentGradNorms: recent,
      });
      // W_s produced the bad step; unless the data is to blame, go back to W_{s−1}, whose step
      // was finite (before the first update there is nothing older than W_s).
      const keepCurrent = cause === 'nonFiniteInput' || !previous;
      if (!keepCurrent && previous) restoreWeights(model, previous, 'train (non-finite guard)');
      const what = Number.isFinite(out.loss) ? 'gradient' : 'loss';
      return {
        step: place.step,
        epoch: place.epoch,
        batch: place.batch,
        loss: out.loss,
        gradNorm: out.gradNorm,
        recentGradNorms: [...recent],
        cause,
        restored: keepCurrent ? 'currentWeights' : 'lastGoodWeights',
        message: `train: non-finite ${what} at step ${place.step} (epoch ${place.epoch}, batch ${place.batch}); likely cause: ${advice}`,
      };
    },
    dispose() {
      disposeSnapshot(previous);
      disposeSnapshot(current);
      previous = null;
      current = null;
    },
  };
}
