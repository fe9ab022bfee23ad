// The training loop: epochs over batches, each batch cut into update windows (one, or many
// with truncated BPTT), each window one `trainStep` (forward → loss → BPTT → clip → update).
// Around it: validation, metrics, early stopping, a NaN/Inf guard, checkpoints and resume,
// AbortSignal. It talks to the outside only through callbacks.

import { concat, mul, ones, reshape, slice, zeros } from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import { RnnkitError, checkPositiveInt, createRng } from '@rnnkit/core';
import type { Rng } from '@rnnkit/core';
import { isBidirectionalLayer, isRecurrentLayer, trainableWeights } from '../bptt/model-layers.js';
import type { TrainableModel } from '../bptt/model-layers.js';
import { recurrentSpectralRadius } from '../bptt/recurrent-spectral-radius.js';
import type { GateSpectralRadius } from '../bptt/recurrent-spectral-radius.js';
import { checkTruncatable, truncationWindows } from '../bptt/truncated-bptt.js';
import type { TruncationWindow } from '../bptt/truncated-bptt.js';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, loadCheckpoint, saveCheckpoint } from '../io/checkpoint.js';
import type { Checkpoint } from '../io/checkpoint.js';
import { meanSquaredError } from '../losses/mean-squared-error.js';
import { addTotals } from '../metrics/metric.js';
import type { MetricTotals } from '../metrics/metric.js';
import { adam } from '../optimizers/adam.js';
import { epochBatches, fastForward, sourceYieldsFreshTensors, toBatch } from './batches.js';
import type { OwnedBatch } from './batches.js';
import { diagnoseDivergence } from './divergence.js';
import type { DivergenceReport } from './divergence.js';
import { earlyStopper } from './early-stopping.js';
import { evaluate } from './evaluate.js';
import { trainStep } from './train-step.js';
import type { StepOutput } from './train-step.js';
import type { BatchLogs, EpochLogs, TrainOptions, TrainResult } from './train-options.js';
import { decodeSnapshot, disposeSnapshot, encodeSnapshot, restoreWeights, snapshotWeights } from './weight-snapshot.js';
import type { WeightSnapshot } from './weight-snapshot.js';

type States = Map<number, Tensor2D[]>;

const disposeStates = (states: States | null | undefined): void => states?.forEach((s) => s.forEach((t) => t.dispose()));

/** Lets timers and abort events run between updates. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

const capitalize = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

/** A time slice [start, end) of a `[batch, T, …]` tensor. */
function sliceTime(t: Tensor, start: number, end: number): Tensor {
  const begin = t.shape.map((_, axis) => (axis === 1 ? start : 0));
  const size = t.shape.map((d, axis) => (axis === 1 ? end - start : d));
  return slice(t, begin, size);
}

/** Loss weights of a window: 0 on [start, lossStart), the batch mask (or 1) on [lossStart, end). */
function windowLossMask(batch: OwnedBatch, w: TruncationWindow): Tensor {
  const size = batch.x.shape[0] as number;
  const counted = batch.mask && batch.mask.rank === 2 ? sliceTime(batch.mask, w.lossStart, w.end) : ones([size, w.end - w.lossStart]);
  const weighted = batch.mask && batch.mask.rank === 1 ? mul(counted, reshape(batch.mask, [size, 1])) : counted;
  if (w.lossStart === w.start) return weighted;
  return concat([zeros([size, w.lossStart - w.start]), weighted], 1);
}

/**
 * Trains `model` on `data`.
 *
 * @example
 * ```ts
 * const result = await train(model, batches, {
 *   epochs: 20,
 *   optimizer: adam({ learningRate: 1e-3 }),
 *   validationData,
 *   earlyStopping: { patience: 3 },
 *   callbacks: { onEpochEnd: (logs) => console.log(logs.epoch, logs.loss, logs.valLoss) },
 * });
 * ```
 */
export async function train(model: TrainableModel, data: Parameters<typeof epochBatches>[0], options: TrainOptions = {}): Promise<TrainResult> {
  const {
    epochs = 1,
    loss = meanSquaredError(),
    optimizer = adam(),
    metrics = [],
    validationData,
    shuffle = false,
    seed = 0,
    clip = {},
    schedule,
    truncatedBptt,
    carryState = false,
    earlyStopping,
    signal,
    callbacks = {},
    checkpoint,
    record = {},
    onNonFinite = 'stop',
  } = options;
  checkPositiveInt('train', 'epochs', epochs);
  if (truncatedBptt) checkTruncatable(model);
  const disposeBatches = options.disposeBatches ?? sourceYieldsFreshTensors(data);
  const recordEvery = record.every ?? 1;
  checkPositiveInt('train', 'record.every', recordEvery);
  const monitor = earlyStopping?.monitor ?? (validationData ? 'valLoss' : 'loss');
  if (monitor === 'valLoss' && earlyStopping && !validationData) {
    throw new RnnkitError('INVALID_ARGUMENT', "train: earlyStopping.monitor 'valLoss' needs validationData");
  }
  const rng: Rng = createRng(seed);
  const stopper = earlyStopping ? earlyStopper(earlyStopping) : null;
  const restoreBest = earlyStopping?.restoreBestWeights ?? true;
  let bestWeights: WeightSnapshot | null = null;
  let history: EpochLogs[] = [];
  let startEpoch = 0;
  let step = 0;

  // ── resume ──────────────────────────────────────────────────────────────────────────────
  if (options.resumeFrom !== undefined) {
    const saved = typeof options.resumeFrom === 'string' ? await loadCheckpoint(options.resumeFrom) : options.resumeFrom;
    const weights = decodeSnapshot(saved.weights, 'resumeFrom');
    restoreWeights(model, weights, 'train (resumeFrom)');
    disposeSnapshot(weights);
    optimizer.setState(saved.optimizer);
    rng.setState(saved.rng);
    if (schedule && saved.schedule) schedule.setState(saved.schedule);
    if (stopper && saved.earlyStopping) {
      Object.assign(stopper.state, { best: saved.earlyStopping.best, bestEpoch: saved.earlyStopping.bestEpoch, wait: saved.earlyStopping.wait });
      if (saved.earlyStopping.bestWeights) bestWeights = decodeSnapshot(saved.earlyStopping.bestWeights, 'resumeFrom best');
    }
    history = saved.history.map((h) => ({ ...h }) as EpochLogs);
    startEpoch = saved.epoch;
    step = saved.step;
    fastForward(data, startEpoch);
    if (validationData) fastForward(validationData, startEpoch);
  }

  let lastGood: WeightSnapshot | null = null;
  const recentGradNorms: number[] = [];
  let divergence: DivergenceReport | null = null;
  let stopReason: TrainResult['stopReason'] = 'completed';

  const recurrentLayers = model.layers.flatMap((layer) =>
    isBidirectionalLayer(layer) ? [layer.forwardLayer, layer.backwardLayer] : isRecurrentLayer(layer) ? [layer] : [],
  );

  epochs: for (let epoch = startEpoch; epoch < epochs; epoch++) {
    const started = performance.now();
    let lossSum = 0;
    let lossCount = 0;
    const totals = metrics.map((): MetricTotals => ({ sum: 0, count: 0 }));
    let carried: States | null = null;
    let batchIndex = 0;

    for (const input of epochBatches(data, epoch, shuffle, rng)) {
      if (signal?.aborted) {
        stopReason = 'aborted';
        break;
      }
      const batch = toBatch(input, `train: epoch ${epoch} batch ${batchIndex}`);
      const timeSteps = batch.x.shape[1] ?? 1;
      const windows: TruncationWindow[] = truncatedBptt ? truncationWindows(timeSteps, truncatedBptt) : [{ start: 0, lossStart: 0, end: timeSteps }];
      if (truncatedBptt && batch.y.shape[1] !== timeSteps) {
        throw new RnnkitError('UNSUPPORTED', `train: truncated BPTT needs a target per time step, y ${JSON.stringify(batch.y.shape)} vs x ${JSON.stringify(batch.x.shape)}`);
      }
      // States at window boundaries by time index (windows restart there); owns `carried`.
      const boundary: Map<number, States | null> = new Map([[0, carried]]);
      carried = null;
      const releaseBoundaries = (keep: (t: number) => boolean): void => {
        for (const [t, states] of [...boundary]) {
          if (keep(t)) continue;
          disposeStates(states);
          boundary.delete(t);
        }
      };

      for (const [wi, w] of windows.entries()) {
        const whole = w.start === 0 && w.end === timeSteps;
        const x = whole ? batch.x : sliceTime(batch.x, w.start, w.end);
        const y = whole ? batch.y : sliceTime(batch.y, w.start, w.end);
        const ownMask = !whole || w.lossStart > w.start;
        const lossMask = ownMask ? windowLossMask(batch, w) : (batch.mask ?? null);
        const initialStates = boundary.get(w.start) ?? undefined;
        const learningRate = schedule ? schedule.rate({ step, epoch }) : optimizer.learningRate;
        optimizer.learningRate = learningRate;
        const recording = step % recordEvery === 0;
        const previousGood = lastGood;
        lastGood = snapshotWeights(model);

        const out: StepOutput = trainStep({
          model,
          x,
          y,
          lossMask,
          loss,
          optimizer,
          clip,
          rng,
          ...(initialStates ? { initialStates } : {}),
          recordHiddenGradNorms: recording && (record.hiddenGradNorms ?? false),
          inspect: (trace, yy) => {
            metrics.forEach((m, i) => {
              totals[i] = addTotals(totals[i] as MetricTotals, m.accumulate(trace.output, yy, trace.outputMask));
            });
          },
        });
        if (!whole) [x, y].forEach((t) => t.dispose());
        if (ownMask) lossMask?.dispose();

        // ── NaN/Inf guard ──
        if (!out.applied) {
          const diagnosis = diagnoseDivergence({
            inputs: [batch.x, batch.y, batch.mask],
            weights: trainableWeights(model).map((tw) => tw.variable),
            loss: out.loss,
            gradNorm: out.gradNorm,
            recentGradNorms,
          });
          // The current weights produced the bad step; unless the data is to blame, go back
          // to the weights of the last step that was finite.
          const keepCurrent = diagnosis.cause === 'nonFiniteInput' || !previousGood;
          if (!keepCurrent && previousGood) restoreWeights(model, previousGood, 'train (non-finite guard)');
          divergence = {
            step,
            epoch,
            batch: batchIndex,
            loss: out.loss,
            gradNorm: out.gradNorm,
            recentGradNorms: [...recentGradNorms],
            cause: diagnosis.cause,
            restored: keepCurrent ? 'currentWeights' : 'lastGoodWeights',
            message: `train: non-finite ${Number.isFinite(out.loss) ? 'gradient' : 'loss'} at step ${step} (epoch ${epoch}, batch ${batchIndex}); likely cause: ${diagnosis.advice}`,
          };
          disposeSnapshot(previousGood);
          disposeStates(out.finalStates);
          releaseBoundaries(() => false);
          if (batch.owned || disposeBatches) [batch.x, batch.y, batch.mask].forEach((t) => t?.dispose());
          stopReason = 'diverged';
          break epochs;
        }
        disposeSnapshot(previousGood);
        recentGradNorms.push(out.gradNorm);
        if (recentGradNorms.length > 20) recentGradNorms.shift();
        const counted = w.end - w.lossStart;
        lossSum += out.loss * counted * (batch.x.shape[0] as number);
        lossCount += counted * (batch.x.shape[0] as number);

        // States at `end` start later windows (and the next batch); earlier ones are done with.
        boundary.set(w.end, out.finalStates);
        const nextStart = windows[wi + 1]?.start ?? timeSteps;
        releaseBoundaries((t) => t >= nextStart);

        const logs: BatchLogs = { epoch, batch: batchIndex, step, loss: out.loss, gradNorm: out.gradNorm, learningRate };
        if (recording && record.hiddenGradNorms) logs.hiddenGradNorms = out.hiddenGradNorms;
        if (recording && record.paramGradNorms) logs.paramGradNorms = out.paramGradNorms;
        if (recording && record.spectralRadius) {
          const radii: Record<string, GateSpectralRadius[]> = {};
          for (const layer of recurrentLayers) radii[layer.name] = recurrentSpectralRadius(layer.cell, layer.params);
          logs.spectralRadius = radii;
        }
        step += 1;
        await callbacks.onBatchEnd?.(logs);
        await yieldToEventLoop();
        if (signal?.aborted) break;
      }

      // ── carry the final states into the next batch (detached), free the rest ──
      const last: States | null = boundary.get(timeSteps) ?? null;
      boundary.delete(timeSteps);
      releaseBoundaries(() => false);
      if (carryState) carried = last;
      else disposeStates(last);
      if (batch.owned || disposeBatches) [batch.x, batch.y, batch.mask].forEach((t) => t?.dispose());
      batchIndex += 1;
      if (signal?.aborted) {
        stopReason = 'aborted';
        break;
      }
    }
    disposeStates(carried);
    if (stopReason === 'aborted') break;

    // ── epoch end: logs, validation, schedule, early stopping, checkpoint ──
    const logs: EpochLogs = {
      epoch,
      loss: lossCount > 0 ? lossSum / lossCount : Number.NaN,
      learningRate: optimizer.learningRate,
      seconds: 0,
    } as EpochLogs;
    metrics.forEach((m, i) => {
      logs[m.name] = m.finalize(totals[i] as MetricTotals);
    });
    if (validationData) {
      const v = evaluate(model, validationData, { loss, metrics, carryState, epoch });
      for (const [name, value] of Object.entries(v)) logs[`val${capitalize(name)}`] = value;
    }
    logs.seconds = (performance.now() - started) / 1000;
    schedule?.observe?.(logs[monitor] as number);
    let stop = false;
    if (stopper) {
      const { improved, stop: shouldStop } = stopper.update(epoch, logs[monitor] as number);
      if (improved && restoreBest) {
        disposeSnapshot(bestWeights);
        bestWeights = snapshotWeights(model);
      }
      stop = shouldStop;
    }
    history.push(logs);
    await callbacks.onEpochEnd?.(logs);
    if (checkpoint && ((epoch + 1) % (checkpoint.everyEpochs ?? 1) === 0 || epoch + 1 === epochs || stop)) {
      await saveCheckpoint(checkpoint.path, makeCheckpoint(epoch + 1), checkpoint.fileSystem ? { fileSystem: checkpoint.fileSystem } : {});
    }
    if (stop) {
      stopReason = 'earlyStopping';
      break;
    }
  }

  disposeSnapshot(lastGood);
  let bestEpoch: number | null = null;
  if (stopper && restoreBest && bestWeights && stopReason !== 'diverged') {
    restoreWeights(model, bestWeights, 'train (restore best weights)');
    bestEpoch = stopper.state.bestEpoch;
  }
  disposeSnapshot(bestWeights);
  if (divergence && onNonFinite === 'throw') {
    const report: DivergenceReport = divergence;
    throw new RnnkitError('TRAINING_DIVERGED', report.message, { ...report });
  }
  return { history, epochs: history.length, steps: step, stopReason, bestEpoch, divergence };

  function makeCheckpoint(epochsDone: number): Checkpoint {
    const weights = snapshotWeights(model);
    const encoded = encodeSnapshot(weights);
    disposeSnapshot(weights);
    return {
      format: CHECKPOINT_FORMAT,
      version: CHECKPOINT_VERSION,
      epoch: epochsDone,
      step,
      weights: encoded,
      optimizer: optimizer.getState(),
      // Unsigned words: core's sfc32 state can hold signed ints that its own setState refuses.
      rng: rng.getState().map((w) => w >>> 0) as unknown as Checkpoint['rng'],
      schedule: schedule ? schedule.getState() : null,
      earlyStopping: stopper
        ? { ...stopper.state, bestWeights: bestWeights ? encodeSnapshot(bestWeights) : null }
        : null,
      history,
    };
  }
}
