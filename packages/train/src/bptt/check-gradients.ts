// A gradient checker users can call: BPTT's gradient of each weight against central finite
// differences of the loss, (L(θ + ε) − L(θ − ε)) / 2ε, on a seeded sample of entries.
// tfjs computes in float32, so ε is large-ish (1e-2) and the tolerance is ~1e-2 relative.

import { tensor } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { createRng } from '@rnnkit/core';
import type { Loss } from '../losses/loss.js';
import { meanSquaredError } from '../losses/mean-squared-error.js';
import { toBatch } from '../loop/batches.js';
import type { BatchInput } from '../loop/batches.js';
import { alignInput, alignTargets, combineMasks } from '../loop/train-step.js';
import { backwardModel, disposeModelTrace, forwardModel } from './model-gradients.js';
import { trainableWeights } from './model-layers.js';
import type { TrainableModel } from './model-layers.js';

/** Options of {@link checkGradients}. */
export interface CheckGradientsOptions {
  /**
   * The loss whose gradient is checked.
   * @default meanSquaredError()
   */
  loss?: Loss;
  /**
   * Finite-difference step ε.
   * @default 1e-2
   */
  epsilon?: number;
  /**
   * Entries checked per weight (all of them if the weight is smaller).
   * @default 6
   */
  entriesPerWeight?: number;
  /**
   * Largest relative error |a − n| / max(|a|, |n|, 1e-3) that passes.
   * @default 1e-2
   */
  tolerance?: number;
  /**
   * Seed of the entry sample.
   * @default 0
   */
  seed?: number;
}

/** One checked entry. */
export type GradientCheckEntry = { weight: string; index: number; analytic: number; numeric: number; relativeError: number };

/** The checker's report. */
export type GradientCheckReport = { ok: boolean; maxRelativeError: number; entries: GradientCheckEntry[] };

/**
 * Compares BPTT's gradients with central finite differences (dropout off).
 *
 * @example
 * ```ts
 * const report = checkGradients(model, { x, y });
 * if (!report.ok) console.table(report.entries);
 * ```
 */
export function checkGradients(model: TrainableModel, batch: BatchInput, options: CheckGradientsOptions = {}): GradientCheckReport {
  const { loss = meanSquaredError(), epsilon = 1e-2, entriesPerWeight = 6, tolerance = 1e-2, seed = 0 } = options;
  const b = toBatch(batch, 'checkGradients');
  const x = alignInput(model, b.x);

  const lossAt = (withGradients: boolean): { value: number; grads: Record<string, Tensor> | null } => {
    const trace = forwardModel(model, x, { training: false });
    const y = alignTargets(trace.output, b.y);
    const mask = combineMasks(trace.outputMask, b.mask ?? null);
    const { value, gradient } = loss.valueAndGradient(trace.output, y, mask);
    const grads = withGradients ? backwardModel(model, trace, gradient).grads : null;
    const result = { value: value.dataSync()[0] as number, grads };
    disposeModelTrace(trace);
    [value, gradient, mask, y === b.y ? null : y].forEach((t) => t?.dispose());
    return result;
  };

  const analytic = lossAt(true).grads as Record<string, Tensor>;
  const rng = createRng(seed);
  const entries: GradientCheckEntry[] = [];
  for (const weight of trainableWeights(model)) {
    const original = weight.variable.dataSync().slice();
    const setValues = (values: typeof original): void => {
      const t = tensor(values, weight.variable.shape);
      weight.variable.assign(t);
      t.dispose();
    };
    const g = (analytic[weight.name] as Tensor).dataSync();
    const indices = original.length <= entriesPerWeight ? original.map((_, i) => i) : rng.shuffle(Array.from(original, (_, i) => i)).slice(0, entriesPerWeight);
    for (const index of indices) {
      const at = (delta: number): number => {
        const bumped = original.slice();
        bumped[index] = (original[index] as number) + delta;
        setValues(bumped);
        return lossAt(false).value;
      };
      const numeric = (at(epsilon) - at(-epsilon)) / (2 * epsilon);
      const a = g[index] as number;
      entries.push({ weight: weight.name, index, analytic: a, numeric, relativeError: Math.abs(a - numeric) / Math.max(Math.abs(a), Math.abs(numeric), 1e-3) });
    }
    setValues(original);
  }
  Object.values(analytic).forEach((t) => t.dispose());
  if (x !== b.x) x.dispose();
  if (b.owned) [b.x, b.y, b.mask].forEach((t) => t?.dispose());
  const maxRelativeError = Math.max(0, ...entries.map((e) => e.relativeError));
  return { ok: maxRelativeError <= tolerance, maxRelativeError, entries };
}
