// Evaluation: the loss and metrics of a model over a batch source, in inference mode
// (dropout off), batch-size-weighted like Keras's `evaluate`.

import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import { disposeModelTrace, forwardModel } from '../bptt/model-gradients.js';
import type { TrainableModel } from '../bptt/model-layers.js';
import type { Loss } from '../losses/loss.js';
import { meanSquaredError } from '../losses/mean-squared-error.js';
import { addTotals } from '../metrics/metric.js';
import type { Metric, MetricTotals } from '../metrics/metric.js';
import { epochBatches, sourceYieldsFreshTensors, toBatch } from './batches.js';
import type { BatchSource } from './batches.js';
import { alignInput, alignTargets, combineMasks } from './train-step.js';
import { createRng } from '@rnnkit/core';

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /**
   * The loss to report.
   * @default meanSquaredError()
   */
  loss?: Loss;
  /**
   * Metrics to report by name.
   * @default []
   */
  metrics?: readonly Metric[];
  /**
   * Carry recurrent states from each batch into the next (char-rnn's contiguous batches).
   * @default false
   */
  carryState?: boolean;
  /**
   * Epoch number handed to a function source.
   * @default 0
   */
  epoch?: number;
}

/**
 * Loss and metrics of `model` over `data`: `{ loss, [metric name]: value }`.
 *
 * @example
 * ```ts
 * const { loss, rmse } = evaluate(model, testBatches, { metrics: [rmse()] });
 * ```
 */
export function evaluate(model: TrainableModel, data: BatchSource, options: EvaluateOptions = {}): Record<string, number> {
  const { loss = meanSquaredError(), metrics = [], carryState = false, epoch = 0 } = options;
  const fresh = sourceYieldsFreshTensors(data);
  let lossSum = 0;
  let samples = 0;
  const totals = metrics.map((): MetricTotals => ({ sum: 0, count: 0 }));
  let carried: Map<number, Tensor2D[]> | null = null;
  let index = 0;
  for (const input of epochBatches(data, epoch, false, createRng(0))) {
    const batch = toBatch(input, `evaluate: batch ${index++}`);
    const x = alignInput(model, batch.x);
    const trace = forwardModel(model, x, { training: false, ...(carried ? { initialStates: carried } : {}) });
    const y = alignTargets(trace.output, batch.y);
    const mask = combineMasks(trace.outputMask, batch.mask ?? null);
    const value = loss.value(trace.output, y, mask);
    const size = x.shape[0] as number;
    lossSum += (value.dataSync()[0] as number) * size;
    samples += size;
    metrics.forEach((m, i) => {
      totals[i] = addTotals(totals[i] as MetricTotals, m.accumulate(trace.output, y, mask));
    });
    const previous = carried;
    carried = carryState ? new Map([...trace.finalStates].map(([i, s]) => [i, s.map((t) => t.clone())])) : null;
    previous?.forEach((s) => s.forEach((t) => t.dispose()));
    disposeModelTrace(trace);
    const made: (Tensor | null)[] = [value, mask, y === batch.y ? null : y, x === batch.x ? null : x];
    if (batch.owned || fresh) made.push(batch.x, batch.y, batch.mask ?? null);
    made.forEach((t) => t?.dispose());
  }
  carried?.forEach((s) => s.forEach((t) => t.dispose()));
  const logs: Record<string, number> = { loss: samples === 0 ? Number.NaN : lossSum / samples };
  metrics.forEach((m, i) => {
    logs[m.name] = m.finalize(totals[i] as MetricTotals);
  });
  return logs;
}
