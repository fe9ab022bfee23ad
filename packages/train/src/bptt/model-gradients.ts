// Gradients of a whole model by backpropagation: a training forward pass through the layers,
// keeping each layer's cache, then backward from the last layer to the first — a recurrent
// layer by BPTT over its time steps, any other layer by its own `backward`.

import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import { FusedTrace, RnnkitError, canFuse, canFuseBidirectional, fusedBidirectionalForward, fusedForward, isBidirectional, isRnnLayer } from '@rnnkit/core';
import type { ForwardContext, Rng } from '@rnnkit/core';
import type { NamedTensors } from '../optimizers/optimizer.js';
import { isBidirectionalLayer, isRecurrentLayer } from './model-layers.js';
import type { TrainableLayer, TrainableModel } from './model-layers.js';
import { recurrentLayerBackward } from './recurrent-layer-backward.js';

/** Options of {@link forwardModel}. */
export interface ModelForwardOptions {
  /**
   * Training mode (dropout on).
   * @default true
   */
  training?: boolean;
  /**
   * Stream the dropout masks are drawn from.
   * @default each layer's own seeded stream
   */
  rng?: Rng;
  /**
   * Time mask `[batch, T]` of the input.
   * @default null
   */
  mask?: Tensor | null;
  /**
   * Initial states of recurrent layers, by layer index (carried from a previous chunk).
   * @default zeros
   */
  initialStates?: ReadonlyMap<number, readonly Tensor2D[]>;
  /**
   * Run recurrent and bidirectional layers on @rnnkit/core's fused sequence kernels when they
   * can (`canFuse`); `false` forces the step-by-step path (cell.step per time step).
   * @default true
   */
  fused?: boolean;
}

/** One layer's part of a forward pass. */
export type LayerTrace = { layer: TrainableLayer; input: Tensor; inputMask: Tensor | null; cache: unknown };

/** A model's training forward pass; release it with {@link disposeModelTrace}. */
export type ModelTrace = {
  output: Tensor;
  /** The mask that comes out of the last layer (a sequence output's time mask), or `null`. */
  outputMask: Tensor | null;
  layers: LayerTrace[];
  /** Final states of the recurrent layers, by layer index (owned by the layer caches). */
  finalStates: Map<number, Tensor2D[]>;
  /** The caller's tensors (input, mask): never freed with the trace. */
  external: Set<Tensor>;
};

/**
 * Runs the model's training forward pass, keeping every layer's cache for the backward pass.
 *
 * @example
 * ```ts
 * const trace = forwardModel(model, x, { rng });
 * // … loss, backwardModel(model, trace, dOutput) …
 * disposeModelTrace(trace);
 * ```
 */
export function forwardModel(model: TrainableModel, x: Tensor, options: ModelForwardOptions = {}): ModelTrace {
  const { training = true, rng, initialStates } = options;
  let current = x;
  let mask = options.mask ?? null;
  const layers: LayerTrace[] = [];
  const finalStates = new Map<number, Tensor2D[]>();
  model.layers.forEach((layer, index) => {
    const initialState = initialStates?.get(index);
    const ctx: ForwardContext = { training, ...(rng ? { rng } : {}), mask, ...(initialState ? { initialState } : {}) };
    const { output, cache } = layerForward(layer, current, ctx, options.fused ?? true);
    layers.push({ layer, input: current, inputMask: mask, cache });
    if (isRecurrentLayer(layer)) finalStates.set(index, (cache as { finalState: Tensor2D[] }).finalState);
    if (isBidirectionalLayer(layer)) {
      const c = cache as { forward: { finalState: Tensor2D[] }; backward: { finalState: Tensor2D[] } };
      finalStates.set(index, [...c.forward.finalState, ...c.backward.finalState]);
    }
    const nextMask = layer.computeMask(current, mask);
    current = output;
    mask = nextMask;
  });
  const external = new Set<Tensor>([x, ...(options.mask ? [options.mask] : []), ...[...(initialStates?.values() ?? [])].flat()]);
  return { output: current, outputMask: mask, layers, finalStates, external };
}

// [fused path — performance, issue 9] A recurrent layer the fused kernels can run returns a
// FusedRnnCache (same `finalState`; BPTT over it is `fusedBackward`, see
// recurrent-layer-backward.ts); every other layer runs its own `forward`.
function layerForward(layer: TrainableLayer, x: Tensor, ctx: ForwardContext, fused: boolean): { output: Tensor; cache: unknown } {
  if (fused && isRnnLayer(layer) && canFuse(layer, ctx)) return fusedForward(layer, x, ctx, { keepTrace: true });
  if (fused && isBidirectional(layer) && canFuseBidirectional(layer, ctx)) return fusedBidirectionalForward(layer, x, ctx, { keepTrace: true });
  return layer.forward(x, ctx);
}

/** Frees everything a forward pass made (outputs, masks, caches), not the model input. */
export function disposeModelTrace(trace: ModelTrace): void {
  const seen = new Set<Tensor>(trace.external);
  const free = (value: unknown): void => {
    if (value === null || value === undefined) return;
    if (value instanceof FusedTrace) return value.release(); // [fused path] kernel buffers
    if (typeof value === 'object' && 'dataId' in value && 'dispose' in value) {
      if (!seen.has(value as Tensor)) {
        seen.add(value as Tensor);
        (value as Tensor).dispose();
      }
      return;
    }
    if (Array.isArray(value)) value.forEach(free);
    else if (typeof value === 'object') Object.values(value).forEach(free);
  };
  trace.layers.forEach((t) => {
    free(t.input);
    free(t.inputMask);
    free(t.cache);
  });
  free(trace.output);
  free(trace.outputMask);
}

/** Options of {@link backwardModel}. */
export interface ModelBackwardOptions {
  /**
   * ∂L/∂(final states) of recurrent layers by layer index (truncated BPTT across chunks).
   * @default zeros
   */
  dFinalStates?: ReadonlyMap<number, readonly (Tensor2D | null)[]>;
  /**
   * Record ‖∂L/∂h_t‖ for every step of every recurrent layer.
   * @default false
   */
  recordHiddenGradNorms?: boolean;
  /**
   * Return ∂L/∂(initial states) of the recurrent layers (else they are freed).
   * @default false
   */
  initialStateGradients?: boolean;
}

/** Gradients of every trainable weight by name, plus what BPTT recorded. */
export type ModelGradients = {
  grads: NamedTensors;
  /** ∂L/∂(initial states) of recurrent layers, by layer index (when asked for). */
  dInitialStates: Map<number, Tensor2D[]>;
  /** ‖∂L/∂h_k‖ per processing step, by recurrent layer name (when recorded). */
  hiddenGradNorms: Record<string, number[]>;
};

/**
 * Backpropagates ∂L/∂output through the model: BPTT through recurrent layers (t = T−1 … 0 over
 * the cell's analytic backward step), each other layer's own `backward`.
 *
 * @example
 * ```ts
 * const { grads } = backwardModel(model, trace, lossGradient);
 * ```
 */
export function backwardModel(model: TrainableModel, trace: ModelTrace, dOutput: Tensor, options: ModelBackwardOptions = {}): ModelGradients {
  const grads: NamedTensors = {};
  const dInitialStates = new Map<number, Tensor2D[]>();
  const hiddenGradNorms: Record<string, number[]> = {};
  let d: Tensor | null = dOutput;
  for (let index = trace.layers.length - 1; index >= 0; index--) {
    const { layer, cache } = trace.layers[index] as LayerTrace;
    if (d === null) {
      throw new RnnkitError('UNSUPPORTED', `backwardModel: layer '${layer.name}' sits above a layer with integer inputs (no gradient flows further down)`);
    }
    const dHere: Tensor = d;
    let dx: Tensor | null;
    if (isRecurrentLayer(layer) || isBidirectionalLayer(layer)) {
      const dFinalState = options.dFinalStates?.get(index);
      const r = recurrentLayerBackward(layer, cache, dHere, { ...(dFinalState ? { dFinalState } : {}), recordHiddenGradNorms: options.recordHiddenGradNorms ?? false });
      Object.assign(grads, r.grads);
      Object.assign(hiddenGradNorms, r.hiddenGradNorms);
      if (options.initialStateGradients) dInitialStates.set(index, r.dInitialState);
      else r.dInitialState.forEach((t) => t.dispose());
      dx = r.dx;
    } else if (layer.backward) {
      const r = layer.backward(cache as never, dHere);
      layer.weights.forEach((weight, i) => {
        const g = r.grads[i];
        if (!g) return;
        if (weight.trainable) grads[weight.name] = g;
        else g.dispose();
      });
      dx = r.dx;
    } else {
      throw new RnnkitError('UNSUPPORTED', `backwardModel: layer '${layer.name}' (${layer.className}) has no backward pass`, { layer: layer.name });
    }
    if (dHere !== dOutput) dHere.dispose();
    d = dx;
  }
  // ∂L/∂(model input) is not needed by training.
  if (d && d !== dOutput) d.dispose();
  return { grads, dInitialStates, hiddenGradNorms };
}
