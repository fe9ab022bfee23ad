// One optimizer update, char-rnn's feval read top to bottom:
//   forward → loss → backward (BPTT) → clip → guard → update
// The caller (train.ts, truncated-bptt.ts) decides which slice of which batch this is.

import { cast, clone, expandDims, mul, reshape, tidy } from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D, Variable } from '@tensorflow/tfjs-core';
import type { Rng } from '@rnnkit/core';
import { backwardModel, disposeModelTrace, forwardModel } from '../bptt/model-gradients.js';
import type { ModelTrace } from '../bptt/model-gradients.js';
import { isBidirectionalLayer, isRecurrentLayer, trainableWeights } from '../bptt/model-layers.js';
import type { TrainableModel } from '../bptt/model-layers.js';
import { clipByGlobalNorm, tensorNorms } from '../clip/clip-by-global-norm.js';
import { clipByNorm } from '../clip/clip-by-norm.js';
import { clipByValue } from '../clip/clip-by-value.js';
import type { Loss } from '../losses/loss.js';
import type { NamedTensors, Optimizer } from '../optimizers/optimizer.js';

/** Gradient clipping settings, applied in this order: value, per-tensor norm, global norm. */
export interface ClipOptions {
  /**
   * Clamp every gradient entry to [−clipValue, clipValue].
   * @default undefined (off)
   */
  clipValue?: number;
  /**
   * Rescale each gradient tensor to at most this L2 norm.
   * @default undefined (off)
   */
  clipNorm?: number;
  /**
   * Rescale all gradients together to at most this global L2 norm.
   * @default undefined (off)
   */
  clipGlobalNorm?: number;
}

/** What one step reads. */
export type StepInput = {
  model: TrainableModel;
  x: Tensor;
  y: Tensor;
  /** Loss weights `[batch]` or `[batch, T]` (1 = counts), combined with the model's output mask. */
  lossMask: Tensor | null;
  loss: Loss;
  optimizer: Optimizer;
  clip: ClipOptions;
  rng: Rng;
  /** Initial states of recurrent layers by layer index (carried across chunks/batches). */
  initialStates?: ReadonlyMap<number, readonly Tensor2D[]>;
  recordHiddenGradNorms: boolean;
  /** [fused path] Run recurrent layers on the fused kernels when they can (default true). */
  fused?: boolean;
  /** Called with the forward trace, the targets and the loss mask before they are freed (metrics). */
  inspect?: (trace: ModelTrace, y: Tensor, mask: Tensor | null) => void;
};

/** What one step reports. A non-finite `loss` or `gradNorm` means no update was applied. */
export type StepOutput = {
  loss: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
  /** Final states of recurrent layers (new tensors, owned by the caller). */
  finalStates: Map<number, Tensor2D[]>;
  hiddenGradNorms: Record<string, number[]>;
  /** Per-weight gradient L2 norms (before clipping), by weight name. */
  paramGradNorms: Record<string, number>;
  applied: boolean;
};

/** A float `[batch, T]` series fed to a recurrent first layer gets its feature axis: `[batch, T, 1]`. */
export function alignInput(model: TrainableModel, x: Tensor): Tensor {
  const first = model.layers[0];
  const recurrent = first !== undefined && (isRecurrentLayer(first) || isBidirectionalLayer(first));
  return recurrent && x.rank === 2 && x.dtype === 'float32' ? expandDims(x, -1) : x;
}

/** Regression targets with the output's element count take its shape (`[batch]` → `[batch, 1]`). */
export function alignTargets(output: Tensor, y: Tensor): Tensor {
  if (y.dtype !== 'float32' || y.size !== output.size || y.shape.join() === output.shape.join()) return y;
  return reshape(y, output.shape);
}

/** The loss mask: the output's time mask and the batch's weights, multiplied. */
export function combineMasks(outputMask: Tensor | null, lossMask: Tensor | null): Tensor | null {
  if (!outputMask) return lossMask ? clone(lossMask) : null;
  return tidy(() => {
    const m = cast(outputMask, 'float32');
    return lossMask ? mul(m, lossMask.rank < m.rank ? expandDims(lossMask, -1) : lossMask) : m;
  });
}

/** Applies the configured clipping; returns new tensors, or `grads` itself when nothing is set. */
function clipGradients(grads: NamedTensors, clip: ClipOptions): NamedTensors {
  let current = grads;
  const replace = (next: NamedTensors): void => {
    if (current !== grads) disposeAll(current);
    current = next;
  };
  if (clip.clipValue !== undefined) replace(clipByValue(current, clip.clipValue));
  if (clip.clipNorm !== undefined) replace(clipByNorm(current, clip.clipNorm));
  if (clip.clipGlobalNorm !== undefined) replace(clipByGlobalNorm(current, clip.clipGlobalNorm).grads);
  return current;
}

const disposeAll = (tensors: NamedTensors): void => Object.values(tensors).forEach((t) => t.dispose());

/**
 * One update of `model`'s trainable weights on one (slice of a) batch.
 *
 * @example
 * ```ts
 * const out = trainStep({ model, x, y, lossMask: null, loss, optimizer, clip: {}, rng, recordHiddenGradNorms: false });
 * ```
 */
export function trainStep(input: StepInput): StepOutput {
  const { model, loss, optimizer, clip, rng } = input;
  const x = alignInput(model, input.x);

  // ── forward ─────────────────────────────────────────────────────────────────────────────
  const trace = forwardModel(model, x, { training: true, rng, fused: input.fused ?? true, ...(input.initialStates ? { initialStates: input.initialStates } : {}) });
  const finalStates = new Map([...trace.finalStates].map(([i, s]) => [i, s.map((t) => clone(t))]));

  // ── loss ────────────────────────────────────────────────────────────────────────────────
  const y = alignTargets(trace.output, input.y);
  const mask = combineMasks(trace.outputMask, input.lossMask);
  const { value, gradient } = loss.valueAndGradient(trace.output, y, mask);
  const lossValue = value.dataSync()[0] as number;
  input.inspect?.(trace, y, mask);

  // ── backward: BPTT through every recurrent layer, t = T−1 … 0 ───────────────────────────
  const { grads, hiddenGradNorms } = backwardModel(model, trace, gradient, { recordHiddenGradNorms: input.recordHiddenGradNorms });
  disposeModelTrace(trace);
  [value, gradient, mask, y === input.y ? null : y, x === input.x ? null : x].forEach((t) => t?.dispose());
  // Norms before clipping: per weight, and global (what clipping and the guard look at).
  const paramGradNorms = tensorNorms(grads);
  const gradNorm = Math.hypot(...Object.values(paramGradNorms));

  // ── clip ────────────────────────────────────────────────────────────────────────────────
  const clipped = clipGradients(grads, clip);

  // ── guard: a non-finite loss or gradient is never applied ───────────────────────────────
  const applied = Number.isFinite(lossValue) && Number.isFinite(gradNorm);

  // ── update ──────────────────────────────────────────────────────────────────────────────
  if (applied) {
    const weights = trainableWeights(model);
    const params: NamedTensors = Object.fromEntries(weights.map((w) => [w.name, w.variable]));
    const next = optimizer.step(params, clipped);
    for (const w of weights) {
      const value = next[w.name] as Tensor;
      (w.variable as Variable).assign(value);
      value.dispose();
    }
  }
  disposeAll(grads);
  if (clipped !== grads) disposeAll(clipped);
  return { loss: lossValue, gradNorm, finalStates, hiddenGradNorms, paramGradNorms, applied };
}
