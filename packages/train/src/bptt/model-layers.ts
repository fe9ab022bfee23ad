// What BPTT and the training loop read from a model: its layers in order and, per layer, the
// training path of @rnnkit/core's layer contract — `forward(x, ctx) → { output, cache }`;
// `backward(cache, dOutput)` on non-recurrent layers; `cell`, `params`, `paramWeights` on
// recurrent ones (whose time loop BPTT runs here). Written structurally so any object meeting
// the contract (core's `sequential`, or a hand-made list of layers) trains.

import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import type { CellParams, RecurrentCell, Rng } from '@rnnkit/core';

/** One weight: a variable with a unique name (`'lstm/kernel'`). */
export type ModelWeight = { readonly name: string; readonly variable: Variable; readonly trainable: boolean };

/** The training context a layer's forward pass receives. */
export type LayerForwardContext = { training: boolean; rng?: Rng; mask?: Tensor | null; initialState?: readonly Tensor[] };

/** A layer as the training path sees it. */
export interface TrainableLayer {
  readonly name: string;
  readonly className: string;
  readonly weights: readonly ModelWeight[];
  readonly trainableWeights: readonly ModelWeight[];
  forward(x: Tensor, ctx: LayerForwardContext): { output: Tensor; cache: unknown };
  computeMask(x: Tensor, mask: Tensor | null): Tensor | null;
  /** Non-recurrent layers: ∂L/∂x and ∂L/∂weights (aligned with `weights`). */
  backward?(cache: never, dOutput: Tensor): { dx: Tensor | null; grads: Tensor[] };
}

/** A recurrent layer: BPTT runs its time loop backward. */
export interface RecurrentTrainableLayer extends TrainableLayer {
  readonly cell: RecurrentCell;
  readonly params: CellParams;
  readonly paramWeights: { kernel: ModelWeight; recurrentKernel: ModelWeight; bias: ModelWeight | null };
  readonly returnSequences: boolean;
  readonly goBackwards: boolean;
}

/** A bidirectional wrapper: two recurrent halves, and the merge's backward. */
export interface BidirectionalTrainableLayer extends TrainableLayer {
  readonly forwardLayer: RecurrentTrainableLayer;
  readonly backwardLayer: RecurrentTrainableLayer;
  readonly returnSequences: boolean;
  /** ∂L/∂(each half's output) from ∂L/∂(merged output), each in that half's own output order. */
  splitGradient(cache: never, dOutput: Tensor): { forward: Tensor; backward: Tensor };
}

/** A model: layers applied in order (core's `sequential`). */
export interface TrainableModel {
  readonly layers: readonly TrainableLayer[];
}

/** `true` for layers whose backward pass is BPTT. */
export function isRecurrentLayer(layer: TrainableLayer): layer is RecurrentTrainableLayer {
  return 'cell' in layer && 'paramWeights' in layer && 'params' in layer;
}

/** `true` for bidirectional wrappers (BPTT runs each half). */
export function isBidirectionalLayer(layer: TrainableLayer): layer is BidirectionalTrainableLayer {
  return 'forwardLayer' in layer && 'backwardLayer' in layer && 'splitGradient' in layer;
}

/** Every trainable weight of the model, in layer order. */
export function trainableWeights(model: TrainableModel): ModelWeight[] {
  return model.layers.flatMap((layer) => [...layer.trainableWeights]);
}

/** Every weight of the model (trainable or not), in layer order. */
export function allWeights(model: TrainableModel): ModelWeight[] {
  return model.layers.flatMap((layer) => [...layer.weights]);
}
