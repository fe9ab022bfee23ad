// The backward pass of one recurrent layer of a model: BPTT over its cache, with the cell's
// weight gradients named as the model names the weights. A bidirectional layer is two such
// layers: the merge's gradient is split between the halves, BPTT runs on each, and ∂L/∂x adds up.

import { add } from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import { FusedTrace, fusedBackward } from '@rnnkit/core';
import type { FusedRnnCache, RnnLayer } from '@rnnkit/core';
import type { NamedTensors } from '../optimizers/optimizer.js';
import { backpropThroughTime } from './backprop-through-time.js';
import type { RecurrentTrace } from './backprop-through-time.js';
import { isBidirectionalLayer } from './model-layers.js';
import type { BidirectionalTrainableLayer, RecurrentTrainableLayer } from './model-layers.js';

/** What one recurrent (or bidirectional) layer's backward pass gives. All tensors are new. */
export type RecurrentLayerGradients = {
  /** Gradients of the layer's trainable weights, by model weight name. */
  grads: NamedTensors;
  dx: Tensor;
  /** ∂L/∂(initial states): a bidirectional layer's forward half first. */
  dInitialState: Tensor2D[];
  /** ‖∂L/∂h_k‖ per step, by layer (`<name>/forward`, `<name>/backward` for the halves). */
  hiddenGradNorms: Record<string, number[]>;
};

type Half = { layer: RecurrentTrainableLayer; trace: RecurrentTrace | FusedRnnCache; dOutput: Tensor; label: string };

/** [fused path] `true` for the cache of @rnnkit/core's `fusedForward`. */
const isFusedCache = (cache: unknown): cache is FusedRnnCache => typeof cache === 'object' && cache !== null && (cache as { fused?: unknown }).fused instanceof FusedTrace;

function halvesOf(layer: RecurrentTrainableLayer | BidirectionalTrainableLayer, cache: unknown, dOutput: Tensor): Half[] {
  if (!isBidirectionalLayer(layer)) return [{ layer, trace: cache as RecurrentTrace, dOutput, label: layer.name }];
  const c = cache as { forward: RecurrentTrace; backward: RecurrentTrace };
  const split = layer.splitGradient(cache as never, dOutput);
  return [
    { layer: layer.forwardLayer, trace: c.forward, dOutput: split.forward, label: `${layer.name}/forward` },
    { layer: layer.backwardLayer, trace: c.backward, dOutput: split.backward, label: `${layer.name}/backward` },
  ];
}

/**
 * BPTT through a recurrent or bidirectional layer of a model.
 *
 * @example
 * ```ts
 * const { grads, dx } = recurrentLayerBackward(layer, cache, dOutput);
 * ```
 */
export function recurrentLayerBackward(
  layer: RecurrentTrainableLayer | BidirectionalTrainableLayer,
  cache: unknown,
  dOutput: Tensor,
  options: { dFinalState?: readonly (Tensor2D | null)[]; recordHiddenGradNorms?: boolean } = {},
): RecurrentLayerGradients {
  // The model's names for the weights, found by variable (a bidirectional layer names its
  // halves' weights '<bidirectional>/<half>/kernel').
  const named = new Map(layer.weights.map((w) => [w.variable, w]));
  const grads: NamedTensors = {};
  const dInitialState: Tensor2D[] = [];
  const dxs: Tensor[] = [];
  const hiddenGradNorms: Record<string, number[]> = {};
  let offset = 0;
  for (const half of halvesOf(layer, cache, dOutput)) {
    const stateCount = half.layer.cell.stateSizes.length;
    const dFinalState = options.dFinalState?.slice(offset, offset + stateCount);
    offset += stateCount;
    const bpttOptions = { ...(dFinalState ? { dFinalState } : {}), recordHiddenGradNorms: options.recordHiddenGradNorms ?? false };
    // [fused path — performance, issue 9] a trace from the fused kernels is backpropagated by
    // the fused backward kernel (same results and shapes as backpropThroughTime).
    const r = isFusedCache(half.trace)
      ? fusedBackward(half.layer as unknown as RnnLayer, half.trace, half.dOutput, bpttOptions)
      : backpropThroughTime(half.layer.cell, half.layer.params, half.trace, half.dOutput, bpttOptions);
    if (half.dOutput !== dOutput) half.dOutput.dispose();
    const { kernel, recurrentKernel, bias } = half.layer.paramWeights;
    for (const [weight, g] of [[kernel, r.dParams.kernel], [recurrentKernel, r.dParams.recurrentKernel], [bias, r.dParams.bias]] as const) {
      const w = weight ? named.get(weight.variable) : undefined;
      if (w?.trainable) grads[w.name] = g;
      else g.dispose(); // no bias, or a frozen weight
    }
    dInitialState.push(...r.dInitialState);
    dxs.push(r.dx);
    if (r.hiddenGradNorms) hiddenGradNorms[half.label] = r.hiddenGradNorms;
  }
  const dx = dxs.length === 1 ? (dxs[0] as Tensor) : add(dxs[0] as Tensor, dxs[1] as Tensor);
  if (dxs.length > 1) dxs.forEach((t) => t.dispose());
  return { grads, dx, dInitialState, hiddenGradNorms };
}
