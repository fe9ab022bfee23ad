// The fused path of a bidirectional layer: each half runs on the fused kernel (the backward
// half reads the sequence last step first), outputs merged as `bidirectional` merges them;
// the backward pass splits ∂L/∂output with the layer's own `splitGradient` and runs the fused
// BPTT of each half. Same numbers as `layer.forward` + step-by-step BPTT of each half.

import { add, clone, concat, dispose, mul, reverse, tidy } from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import { RnnkitError } from '../errors.js';
import type { BidirectionalCache, BidirectionalLayer } from '../layers/bidirectional.js';
import type { ForwardContext } from '../layers/layer.js';
import type { FusedBackwardResult, FusedOptions, FusedRnnCache } from './fused-layer.js';
import { canFuse, fusedBackward, fusedForward } from './fused-layer.js';

/** Cache of {@link fusedBidirectionalForward} (a `BidirectionalCache` whose halves are fused traces). */
export type FusedBidirectionalCache = BidirectionalCache<never> & { forward: FusedRnnCache; backward: FusedRnnCache };

/** `true` when both halves can run fused in this context. */
export function canFuseBidirectional(layer: BidirectionalLayer, ctx: Partial<ForwardContext> = {}): boolean {
  return layer.mergeMode !== null && canFuse(layer.forwardLayer, ctx) && canFuse(layer.backwardLayer, ctx);
}

/**
 * Training forward pass of a bidirectional layer on the fused kernel.
 *
 * @example
 * ```ts
 * const { output, cache } = fusedBidirectionalForward(layer, x, { training: true, rng });
 * const grads = fusedBidirectionalBackward(layer, cache, dOutput);
 * ```
 */
export function fusedBidirectionalForward(layer: BidirectionalLayer, x: Tensor, ctx: ForwardContext, options: FusedOptions = {}): { output: Tensor; cache: FusedBidirectionalCache } {
  if (!layer.built) layer.build([null, ...x.shape.slice(1)]);
  const mergeMode = layer.mergeMode;
  if (mergeMode === null) throw new RnnkitError('UNSUPPORTED', `fused Bidirectional layer '${layer.name}': needs a merge mode (mergeMode null returns two outputs)`);
  const half = layer.forwardLayer.cell.stateSizes.length;
  const states = ctx.initialState;
  const forwardPass = fusedForward(layer.forwardLayer, x, { ...ctx, ...(states ? { initialState: states.slice(0, half) } : {}) }, options);
  const backwardPass = fusedForward(layer.backwardLayer, x, { ...ctx, ...(states ? { initialState: states.slice(half) } : {}) }, options);
  const returnSequences = layer.returnSequences;
  const { output, backwardOutput } = tidy(() => {
    const yb = returnSequences ? reverse(backwardPass.output, 1) : clone(backwardPass.output);
    const y = forwardPass.output;
    const merged = mergeMode === 'concat' ? concat([y, yb], -1) : mergeMode === 'sum' ? add(y, yb) : mergeMode === 'ave' ? mul(add(y, yb), 0.5) : mul(y, yb);
    return { output: merged, backwardOutput: yb };
  });
  dispose(backwardPass.output);
  const cache = { forward: forwardPass.cache, backward: backwardPass.cache, forwardOutput: forwardPass.output, backwardOutput, mergeMode, returnSequences } as FusedBidirectionalCache;
  return { output, cache };
}

/** Gradients of both halves (each as {@link fusedBackward} returns them) and ∂L/∂x. */
export type FusedBidirectionalGradients = { dx: Tensor3D; forward: FusedBackwardResult; backward: FusedBackwardResult };

/**
 * BPTT of a {@link fusedBidirectionalForward} pass: dx = forward.dx + backward.dx (all new tensors).
 *
 * @example
 * ```ts
 * const { dx, forward, backward } = fusedBidirectionalBackward(layer, cache, dOutput);
 * ```
 */
export function fusedBidirectionalBackward(layer: BidirectionalLayer, cache: FusedBidirectionalCache, dOutput: Tensor, options: { dFinalState?: readonly (Tensor2D | null)[] } = {}): FusedBidirectionalGradients {
  const split = layer.splitGradient(cache as BidirectionalCache, dOutput);
  const half = layer.forwardLayer.cell.stateSizes.length;
  const dFinal = options.dFinalState;
  const forward = fusedBackward(layer.forwardLayer, cache.forward, split.forward, dFinal ? { dFinalState: dFinal.slice(0, half) } : {});
  const backward = fusedBackward(layer.backwardLayer, cache.backward, split.backward, dFinal ? { dFinalState: dFinal.slice(half) } : {});
  dispose([split.forward, split.backward]);
  const dx = add<Tensor3D>(forward.dx, backward.dx);
  return { dx, forward, backward };
}
