// The public types of a sequential model: its options, the model interface and what its
// training forward pass returns.

import type { Tensor } from '@tensorflow/tfjs-core';
import type { ForwardContext, KerasLayerSpec, Layer, LayerWeight, Shape } from '../layers/layer.js';
import type { ModelSummary } from './model-summary.js';

/** Options of {@link sequential}. */
export interface SequentialOptions {
  /** The layers, first to last; each passes one tensor to the next. */
  layers: readonly Layer<Tensor>[];
  /**
   * Shape of one input sample, without the batch dimension (`[timeSteps, features]`, or
   * `[timeSteps]` of token ids before an embedding); `null` for a free time length.
   * @default taken from the first input given to `predict`/`forward`
   */
  inputShape?: readonly (number | null)[];
  /**
   * Seed of the weight initialisation (each layer draws from its own fork) and of dropout
   * masks of layers without their own seed.
   * @default 0
   */
  seed?: number;
  /**
   * Model name, shown by `summary()`.
   * @default 'sequential'
   */
  name?: string;
}

/** Options of {@link SequentialModel.predict} and {@link SequentialModel.step}. */
export interface PredictOptions {
  /**
   * Read the input and throw `NON_FINITE` on NaN or ±Infinity.
   * @default false
   */
  checkFinite?: boolean;
}

/**
 * A training forward pass through the model: the output, the mask that comes out of the last
 * layer (for masking the loss), and each layer's forward cache (`caches[i]` for `layers[i]`;
 * see each layer's cache type). Everything is owned by the caller: `disposeCache(result)`.
 */
export type ModelForwardResult = { output: Tensor; outputMask: Tensor | null; caches: unknown[] };

/** A sequential model. */
export interface SequentialModel {
  readonly name: string;
  readonly layers: readonly Layer<Tensor>[];
  readonly built: boolean;
  /** Input shape with the batch dimension first (`null` before build). */
  readonly inputShape: Shape | null;
  /** Output shape with the batch dimension first (`null` before build). */
  readonly outputShape: Shape | null;
  /** All weights, layer by layer, Keras order and names. */
  readonly weights: readonly LayerWeight[];
  readonly trainableWeights: readonly LayerWeight[];
  /** Creates every layer's weights for samples of `inputShape` (without the batch dimension). */
  build(inputShape?: readonly (number | null)[]): void;
  /** Runs the model on a batch `[batch, ...inputShape]` (inference: no dropout). Tidied. */
  predict(x: Tensor, options?: PredictOptions): Tensor;
  /** Training forward pass; see {@link ModelForwardResult}. */
  forward(x: Tensor, ctx: Omit<ForwardContext, 'mask' | 'initialState'>): ModelForwardResult;
  /**
   * Feeds one time step `[batch, features]` (or `[batch]` token ids) and returns this step's
   * output `[batch, outputs]`; the recurrent layers keep their hidden states between calls
   * (equivalent to predicting the whole sequence at once). Bidirectional models cannot stream.
   */
  step(x: Tensor, options?: PredictOptions): Tensor;
  /** Forgets the streamed hidden states (and the stored state of stateful layers). */
  resetState(): void;
  /** The Keras-like summary table. */
  summary(): string;
  /** The summary as plain data. */
  summaryInfo(): ModelSummary;
  /** Copies of all weight values (the caller disposes them). */
  getWeights(): Tensor[];
  /** Sets all weights, layer by layer; shape-checked. */
  setWeights(weights: readonly Tensor[]): void;
  countParams(): number;
  /** Keras model config: `{ name, layers: [{ class_name, config }] }`. */
  getConfig(): { name: string; layers: KerasLayerSpec[] };
  /** Frees every weight and kept state. */
  dispose(): void;
}
