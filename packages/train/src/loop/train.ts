// The training loop: epochs over batches; each batch is trained window by window (train-batch.ts),
// each window one update (train-step.ts: forward → loss → BPTT → clip → update). Around it:
// validation, metrics, a learning-rate schedule, early stopping, the NaN/Inf guard,
// checkpoints and resume (at epoch ends, and at the batch an abort stopped), AbortSignal. It talks
// to the outside only through callbacks.

import { RnnkitError, checkPositiveInt, createRng } from '@rnnkit/core';
import { isBidirectionalLayer, isRecurrentLayer } from '../bptt/model-layers.js';
import type { TrainableModel } from '../bptt/model-layers.js';
import { checkTruncatable } from '../bptt/truncated-bptt.js';
import { loadCheckpoint, saveCheckpoint } from '../io/checkpoint.js';
import { meanSquaredError } from '../losses/mean-squared-error.js';
import { addTotals } from '../metrics/metric.js';
import type { MetricTotals } from '../metrics/metric.js';
import { adam } from '../optimizers/adam.js';
import { epochBatches, fastForward, skipBatches, sourceYieldsFreshTensors, toBatch } from './batches.js';
import type { BatchInput, BatchSource } from './batches.js';
import { captureCheckpoint, restoreCheckpoint } from './checkpointing.js';
import type { EpochProgress, RunState } from './checkpointing.js';
import type { DivergenceReport } from './divergence.js';
import { divergenceGuard } from './divergence-guard.js';
import { earlyStopper } from './early-stopping.js';
import { evaluate } from './evaluate.js';
import { disposeStates, trainOnBatch } from './train-batch.js';
import type { BatchRunner, States } from './train-batch.js';
import type { EpochLogs, TrainOptions, TrainResult } from './train-options.js';
import { disposeSnapshot, restoreWeights, snapshotWeights } from './weight-snapshot.js';
import type { WeightSnapshot } from './weight-snapshot.js';

/** Lets timers and abort events run between updates. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

const capitalize = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

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
export async function train(model: TrainableModel, data: BatchSource, options: TrainOptions = {}): Promise<TrainResult> {
  const { epochs = 1, loss = meanSquaredError(), optimizer = adam(), metrics = [], validationData, shuffle = false, seed = 0 } = options;
  const { clip = {}, schedule, truncatedBptt, fused = true, carryState = false, earlyStopping, signal, callbacks = {}, checkpoint, record = {} } = options;
  checkPositiveInt('train', 'epochs', epochs);
  checkPositiveInt('train', 'record.every', record.every ?? 1);
  if (checkpoint) checkPositiveInt('train', 'checkpoint.everyEpochs', checkpoint.everyEpochs ?? 1);
  if (truncatedBptt) checkTruncatable(model);
  const monitor = earlyStopping?.monitor ?? (validationData ? 'valLoss' : 'loss');
  if (monitor === 'valLoss' && earlyStopping && !validationData) {
    throw new RnnkitError('INVALID_ARGUMENT', "train: earlyStopping.monitor 'valLoss' needs validationData");
  }
  const disposeBatches = options.disposeBatches ?? sourceYieldsFreshTensors(data);
  const stopper = earlyStopping ? earlyStopper(earlyStopping) : null;
  const run: RunState = { model, optimizer, rng: createRng(seed), schedule, stopping: stopper?.state ?? null };

  // ── resume ──────────────────────────────────────────────────────────────────────────────
  let [startEpoch, step] = [0, 0];
  let history: EpochLogs[] = [];
  let bestWeights: WeightSnapshot | null = null;
  // Set when the checkpoint was written inside an epoch: the first epoch continues from there.
  let resumed: EpochProgress | null = null;
  if (options.resumeFrom !== undefined) {
    const saved = typeof options.resumeFrom === 'string' ? await loadCheckpoint(options.resumeFrom) : options.resumeFrom;
    ({ epoch: startEpoch, step, history, bestWeights, partial: resumed } = restoreCheckpoint(run, saved));
    checkResumable(resumed, metrics.length, carryState, () => {
      disposeStates(resumed?.carried);
      disposeSnapshot(bestWeights);
    });
    fastForward(data, startEpoch);
    if (validationData) fastForward(validationData, startEpoch);
  }

  const guard = divergenceGuard(model);
  let divergence: DivergenceReport | null = null;
  let stopReason: TrainResult['stopReason'] = 'completed';
  let totals: MetricTotals[] = [];
  const runner: BatchRunner = {
    model,
    loss,
    optimizer,
    clip,
    rng: run.rng,
    schedule,
    truncatedBptt,
    fused,
    record,
    recurrentLayers: model.layers.flatMap((l) => (isBidirectionalLayer(l) ? [l.forwardLayer, l.backwardLayer] : isRecurrentLayer(l) ? [l] : [])),
    guard,
    inspect: (trace, y, mask) => {
      totals = totals.map((t, i) => addTotals(t, (metrics[i] as (typeof metrics)[number]).accumulate(trace.output, y, mask)));
    },
    onUpdate: async (logs) => {
      await callbacks.onBatchEnd?.(logs);
      await yieldToEventLoop();
    },
    // With a checkpoint, an abort is taken at the next batch boundary (not between truncated-BPTT
    // windows) so that the mid-epoch checkpoint is a point an uninterrupted run also passes.
    signal: checkpoint ? undefined : signal,
  };

  for (let epoch = startEpoch; epoch < epochs && stopReason === 'completed'; epoch++) {
    const started = performance.now();
    let epochRng = run.rng.getState();
    let [lossSum, lossCount, batchIndex] = [0, 0, 0];
    totals = metrics.map(() => ({ sum: 0, count: 0 }));
    let carried: States | null = null;
    let batches: Iterable<BatchInput>;
    if (resumed) {
      // Resumed inside this epoch: replay its batch order from the epoch-start stream, skip the
      // batches done, and continue the stream (dropout) and the totals from the abort point.
      const now = run.rng.getState();
      run.rng.setState(resumed.epochRng);
      batches = skipBatches(epochBatches(data, epoch, shuffle, run.rng), resumed.batch, disposeBatches);
      run.rng.setState(now);
      ({ epochRng, lossSum, lossCount, batch: batchIndex, metricTotals: totals, carried } = resumed);
      resumed = null;
    } else {
      batches = epochBatches(data, epoch, shuffle, run.rng);
    }

    // ── one epoch of batches ──
    for (const input of batches) {
      if (signal?.aborted) break;
      const batch = toBatch(input, `train: epoch ${epoch} batch ${batchIndex}`);
      const out = await trainOnBatch(runner, batch, carried, { epoch, batch: batchIndex, step });
      step += out.updates;
      lossSum += out.lossSum;
      lossCount += out.lossCount;
      // Carried states are detached copies: no gradient crosses a batch boundary.
      if (carryState) carried = out.finalStates;
      else disposeStates(out.finalStates);
      if (batch.owned || disposeBatches) [batch.x, batch.y, batch.mask].forEach((t) => t?.dispose());
      batchIndex += 1;
      if (out.divergence) {
        divergence = out.divergence;
        stopReason = 'diverged';
        break;
      }
      if (signal?.aborted) break; // before the source is asked for another batch
    }
    if (signal?.aborted && stopReason === 'completed') stopReason = 'aborted';
    if (stopReason === 'aborted' && checkpoint) {
      const partial = { batch: batchIndex, epochRng, lossSum, lossCount, metricTotals: totals, carried };
      const saved = captureCheckpoint(run, { epoch, step, history, bestWeights, partial });
      await saveCheckpoint(checkpoint.path, saved, checkpoint.fileSystem ? { fileSystem: checkpoint.fileSystem } : {});
    }
    disposeStates(carried);
    if (stopReason !== 'completed') break;

    // ── epoch end: logs, validation, schedule, early stopping, checkpoint ──
    const logs = { epoch, loss: lossCount > 0 ? lossSum / lossCount : Number.NaN, learningRate: optimizer.learningRate, seconds: 0 } as EpochLogs;
    metrics.forEach((m, i) => {
      logs[m.name] = m.finalize(totals[i] as MetricTotals);
    });
    if (validationData) {
      const v = evaluate(model, validationData, { loss, metrics, carryState, epoch });
      for (const [name, value] of Object.entries(v)) logs[`val${capitalize(name)}`] = value;
    }
    logs.seconds = (performance.now() - started) / 1000;
    schedule?.observe?.(logs[monitor] as number);
    const verdict = stopper?.update(epoch, logs[monitor] as number);
    if (verdict?.improved && (earlyStopping?.restoreBestWeights ?? true)) {
      disposeSnapshot(bestWeights);
      bestWeights = snapshotWeights(model);
    }
    history.push(logs);
    await callbacks.onEpochEnd?.(logs);
    if (verdict?.stop) stopReason = 'earlyStopping';
    const due = (epoch + 1) % (checkpoint?.everyEpochs ?? 1) === 0 || epoch + 1 === epochs || verdict?.stop;
    if (checkpoint && due) {
      const saved = captureCheckpoint(run, { epoch: epoch + 1, step, history, bestWeights, partial: null });
      await saveCheckpoint(checkpoint.path, saved, checkpoint.fileSystem ? { fileSystem: checkpoint.fileSystem } : {});
    }
  }

  // ── end: best weights back, bookkeeping freed ──
  guard.dispose();
  disposeStates(resumed?.carried); // a resumed epoch that `epochs` no longer reaches
  let bestEpoch: number | null = null;
  if (stopper && bestWeights && stopReason !== 'diverged') {
    restoreWeights(model, bestWeights, 'train (restore best weights)');
    bestEpoch = stopper.state.bestEpoch;
  }
  disposeSnapshot(bestWeights);
  if (divergence && options.onNonFinite === 'throw') {
    throw new RnnkitError('TRAINING_DIVERGED', divergence.message, { ...divergence });
  }
  return { history, epochs: history.length, steps: step, stopReason, bestEpoch, divergence };
}

/** Refuses a mid-epoch checkpoint this run cannot continue exactly (after `release`). */
function checkResumable(partial: EpochProgress | null, metricCount: number, carryState: boolean, release: () => void): void {
  if (!partial) return;
  let problem = '';
  if (partial.metricTotals.length !== metricCount) problem = `it holds totals of ${partial.metricTotals.length} metrics, this run has ${metricCount}`;
  else if (partial.carried && !carryState) problem = 'it carries recurrent states, this run has carryState off';
  if (!problem) return;
  release();
  throw new RnnkitError('INVALID_ARGUMENT', `train (resumeFrom): the checkpoint was written after batch ${partial.batch} of an epoch and ${problem}`);
}
