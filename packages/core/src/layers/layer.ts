// The contract every rnnkit layer meets. Two paths run through a layer:
//   - inference: `apply(x, options)` — tidied, returns only the output;
//   - training:  `forward(x, ctx)` returns the output and a cache of tensors, and (for the
//     non-recurrent layers) `backward(cache, dOutput)` returns ∂L/∂x and ∂L/∂weights.
//     Recurrent layers leave their time-loop backward to @rnnkit/train's BPTT.
// Shapes include the batch dimension first, `null` where unknown (Keras's `(None, 10, 32)`).

import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import type { Rng } from '../rng.js';

/** A shape with the batch dimension first; `null` marks a size not known in advance. */
export type Shape = readonly (number | null)[];

/** One weight of a layer, named as Keras names it (`'lstm/kernel'`). */
export interface LayerWeight {
  /** Keras weight name: `<layer name>/<weight>` (`'lstm/recurrent_kernel'`, `'dense/bias'`). */
  readonly name: string;
  /** The variable holding the value; optimizers update it in place with `assign`. */
  readonly variable: Variable;
  /** Whether gradient descent updates this weight. */
  readonly trainable: boolean;
}

/** Options of {@link Layer.apply}. */
export interface ApplyOptions {
  /**
   * Training mode: dropout is active only when `true`.
   * @default false
   */
  training?: boolean;
  /**
   * Time mask `[batch, timeSteps]` (bool, or numbers where non-zero means "keep") for layers
   * that read sequences; a masked step carries the previous output and state.
   * @default null (no mask)
   */
  mask?: Tensor | null;
  /**
   * Initial states of a recurrent layer: `[h]` or `[h, c]`, each `[batch, units]`
   * (bidirectional: forward states then backward states).
   * @default zeros (or the stored state of a stateful layer)
   */
  initialState?: readonly Tensor[];
  /**
   * Read the input and throw `NON_FINITE` on NaN or ±Infinity (costs a data read).
   * @default false
   */
  checkFinite?: boolean;
}

/**
 * What a training forward pass is given. `rng` draws dropout masks (the layer's own seeded
 * stream when omitted).
 */
export type ForwardContext = {
  training: boolean;
  rng?: Rng;
  mask?: Tensor | null;
  initialState?: readonly Tensor[];
};

/**
 * A training forward pass: the output, and the tensors the backward pass needs. `output` and
 * every tensor in `cache` are fresh and owned by the caller: `tf.dispose(output)` and
 * `tf.dispose(cache)` free them without touching the layer's weights or your inputs.
 */
export type ForwardResult<Cache> = { output: Tensor; cache: Cache };

/**
 * Gradients from a layer's backward pass: `dx = ∂L/∂x` (`null` for integer inputs, e.g. an
 * embedding's token ids) and `grads[i] = ∂L/∂weights[i]`, aligned with {@link Layer.weights}.
 */
export type BackwardResult = { dx: Tensor | null; grads: Tensor[] };

/** A Keras layer config: snake_case keys as Keras writes them to a model file. */
export type KerasLayerConfig = Record<string, unknown>;

/** A layer config with its Keras class name, as one entry of a model's `layers` list. */
export type KerasLayerSpec = { class_name: string; config: KerasLayerConfig };

/**
 * A layer. `Output` is what {@link Layer.apply} returns: one tensor, or a list when a recurrent
 * layer has `returnState` (`[output, ...states]`) or a bidirectional layer has `mergeMode: null`.
 */
export interface Layer<Output extends Tensor | Tensor[] = Tensor | Tensor[], Cache = unknown> {
  /** Unique name within a model; prefixes the weight names. */
  readonly name: string;
  /** Keras class name (`'LSTM'`, `'Dense'`, `'Bidirectional'`…). */
  readonly className: string;
  /** `true` once the weights exist. */
  readonly built: boolean;
  /** Whether this layer's weights are trained. */
  trainable: boolean;
  /** All weights in Keras order (LSTM: kernel, recurrent_kernel, bias). Empty before build. */
  readonly weights: readonly LayerWeight[];
  /** The weights gradient descent updates. */
  readonly trainableWeights: readonly LayerWeight[];
  /**
   * Creates the weights for inputs of `inputShape` (batch first), drawing from `rng`
   * (the layer's `seed`, or 0, when omitted). Building twice is an error.
   */
  build(inputShape: Shape, rng?: Rng): void;
  /** Output shape for an input shape (batch first); for list outputs, the first output's shape. */
  computeOutputShape(inputShape: Shape): Shape;
  /** The mask this layer hands to the next one, given its input and input mask. */
  computeMask(x: Tensor, mask: Tensor | null): Tensor | null;
  /** Inference: runs the layer (building it from `x`'s shape if needed); tidied. */
  apply(x: Tensor, options?: ApplyOptions): Output;
  /** Training forward pass; see {@link ForwardResult}. */
  forward(x: Tensor, ctx: ForwardContext): ForwardResult<Cache>;
  /** Copies of the weight values, Keras order; the caller disposes them. */
  getWeights(): Tensor[];
  /** Sets every weight; throws `SHAPE_MISMATCH` naming the weight, expected and actual shape. */
  setWeights(weights: readonly Tensor[]): void;
  /** Number of scalar weights. */
  countParams(): number;
  /** Keras config of this layer (snake_case keys). */
  getConfig(): KerasLayerConfig;
  /** Frees the weights (and any stored state). The layer cannot be used afterwards. */
  dispose(): void;
}

/** A layer whose backward pass is written out beside its forward (dense, embedding, dropout, masking). */
export interface DifferentiableLayer<Cache = unknown> extends Layer<Tensor, Cache> {
  /** ∂L/∂x and ∂L/∂weights from ∂L/∂output; tidied, the caller owns the result. */
  backward(cache: Cache, dOutput: Tensor): BackwardResult;
}
