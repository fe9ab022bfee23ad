// One batch of training: its update windows (the whole sequence, or truncated BPTT's windows),
// each a `trainStep`, with recurrent states carried from window to window and into the next
// batch. Reports every update through `onUpdate`.

import { concat, mul, ones, reshape, slice, zeros } from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import { RnnkitError, formatShape } from '@rnnkit/core';
import type { Rng } from '@rnnkit/core';
import type { ModelTrace } from '../bptt/model-gradients.js';
import type { RecurrentTrainableLayer, TrainableModel } from '../bptt/model-layers.js';
import { recurrentSpectralRadius } from '../bptt/recurrent-spectral-radius.js';
import type { GateSpectralRadius } from '../bptt/recurrent-spectral-radius.js';
import { truncationWindows } from '../bptt/truncated-bptt.js';
import type { TruncatedBpttOptions, TruncationWindow } from '../bptt/truncated-bptt.js';
import type { Loss } from '../losses/loss.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import type { LearningRateSchedule } from '../schedules/schedule.js';
import type { OwnedBatch } from './batches.js';
import type { DivergenceReport } from './divergence.js';
import type { divergenceGuard } from './divergence-guard.js';
import { trainStep } from './train-step.js';
import type { ClipOptions } from './train-step.js';
import type { BatchLogs, RecordOptions } from './train-options.js';

/** Recurrent states by layer index. */
export type States = Map<number, Tensor2D[]>;

export const disposeStates = (states: States | null | undefined): void => states?.forEach((s) => s.forEach((t) => t.dispose()));

/** What stays the same for every batch of a run. */
export type BatchRunner = {
  model: TrainableModel;
  loss: Loss;
  optimizer: Optimizer;
  clip: ClipOptions;
  rng: Rng;
  schedule: LearningRateSchedule | undefined;
  truncatedBptt: TruncatedBpttOptions | undefined;
  /** [fused path] Run recurrent layers on the fused kernels when they can. */
  fused: boolean;
  record: RecordOptions;
  recurrentLayers: RecurrentTrainableLayer[];
  guard: ReturnType<typeof divergenceGuard>;
  /** Sees every forward pass (metrics). */
  inspect: (trace: ModelTrace, y: Tensor, mask: Tensor | null) => void;
  /** After every applied update. */
  onUpdate: (logs: BatchLogs) => Promise<void>;
  /** Checked after every update. */
  signal: AbortSignal | undefined;
};

/** A time slice [start, end) of a `[batch, T, …]` tensor. */
function sliceTime(t: Tensor, start: number, end: number): Tensor {
  return slice(
    t,
    t.shape.map((_, axis) => (axis === 1 ? start : 0)),
    t.shape.map((d, axis) => (axis === 1 ? end - start : d)),
  );
}

/** Loss weights of a window: 0 on [start, lossStart), the batch mask (or 1) on [lossStart, end). */
function windowLossMask(batch: OwnedBatch, w: TruncationWindow): Tensor {
  const size = batch.x.shape[0] as number;
  const counted = batch.mask && batch.mask.rank === 2 ? sliceTime(batch.mask, w.lossStart, w.end) : ones([size, w.end - w.lossStart]);
  const weighted = batch.mask && batch.mask.rank === 1 ? mul(counted, reshape(batch.mask, [size, 1])) : counted;
  return w.lossStart === w.start ? weighted : concat([zeros([size, w.lossStart - w.start]), weighted], 1);
}

/**
 * Trains on one batch, starting from `carried` states (taken over). Returns the final states
 * (the caller keeps or frees them), the updates done, the loss totals, and a divergence report
 * if a step was not finite (training must stop then).
 */
export async function trainOnBatch(
  run: BatchRunner,
  batch: OwnedBatch,
  carried: States | null,
  place: { epoch: number; batch: number; step: number },
): Promise<{ finalStates: States | null; updates: number; lossSum: number; lossCount: number; divergence: DivergenceReport | null }> {
  const { model, truncatedBptt, record } = run;
  const timeSteps = batch.x.shape[1] ?? 1;
  if (truncatedBptt && batch.y.shape[1] !== timeSteps) {
    throw new RnnkitError('UNSUPPORTED', `train: truncated BPTT needs a target per time step; y is ${formatShape(batch.y.shape)}, x ${formatShape(batch.x.shape)}`);
  }
  const windows = truncatedBptt ? truncationWindows(timeSteps, truncatedBptt) : [{ start: 0, lossStart: 0, end: timeSteps }];
  // States at window boundaries by time index (windows restart there).
  const boundary = new Map<number, States | null>([[0, carried]]);
  const release = (keep: (t: number) => boolean): void => {
    for (const [t, states] of [...boundary]) {
      if (keep(t)) continue;
      disposeStates(states);
      boundary.delete(t);
    }
  };
  const size = batch.x.shape[0] as number;
  let [updates, lossSum, lossCount] = [0, 0, 0];

  for (const [i, w] of windows.entries()) {
    const step = place.step + updates;
    const whole = w.start === 0 && w.end === timeSteps;
    const ownMask = !whole || w.lossStart > w.start;
    const x = whole ? batch.x : sliceTime(batch.x, w.start, w.end);
    const y = whole ? batch.y : sliceTime(batch.y, w.start, w.end);
    const lossMask = ownMask ? windowLossMask(batch, w) : (batch.mask ?? null);
    const learningRate = run.schedule ? run.schedule.rate({ step, epoch: place.epoch }) : run.optimizer.learningRate;
    run.optimizer.learningRate = learningRate;
    const recording = step % (record.every ?? 1) === 0;
    const initialStates = boundary.get(w.start) ?? undefined;
    run.guard.beforeStep();

    const out = trainStep({
      model,
      x,
      y,
      lossMask,
      loss: run.loss,
      optimizer: run.optimizer,
      clip: run.clip,
      rng: run.rng,
      ...(initialStates ? { initialStates } : {}),
      recordHiddenGradNorms: recording && (record.hiddenGradNorms ?? false),
      fused: run.fused,
      inspect: run.inspect,
    });
    if (!whole) [x, y].forEach((t) => t.dispose());
    if (ownMask) lossMask?.dispose();

    if (!out.applied) {
      const divergence = run.guard.failed(out, { step, epoch: place.epoch, batch: place.batch, inputs: [batch.x, batch.y, batch.mask] });
      disposeStates(out.finalStates);
      release(() => false);
      return { finalStates: null, updates, lossSum, lossCount, divergence };
    }
    run.guard.passed(out.gradNorm);
    lossSum += out.loss * (w.end - w.lossStart) * size;
    lossCount += (w.end - w.lossStart) * size;
    // The states at `end` start later windows (and the next batch); earlier ones are done with.
    boundary.set(w.end, out.finalStates);
    const nextStart = windows[i + 1]?.start ?? timeSteps;
    release((t) => t >= nextStart);
    updates += 1;

    const logs: BatchLogs = { epoch: place.epoch, batch: place.batch, step, loss: out.loss, gradNorm: out.gradNorm, learningRate };
    if (recording && record.hiddenGradNorms) logs.hiddenGradNorms = out.hiddenGradNorms;
    if (recording && record.paramGradNorms) logs.paramGradNorms = out.paramGradNorms;
    if (recording && record.spectralRadius) {
      const radii: Record<string, GateSpectralRadius[]> = {};
      for (const layer of run.recurrentLayers) radii[layer.name] = recurrentSpectralRadius(layer.cell, layer.params);
      logs.spectralRadius = radii;
    }
    await run.onUpdate(logs);
    if (run.signal?.aborted) break;
  }
  const finalStates = boundary.get(timeSteps) ?? null;
  boundary.delete(timeSteps);
  release(() => false);
  return { finalStates, updates, lossSum, lossCount, divergence: null };
}
