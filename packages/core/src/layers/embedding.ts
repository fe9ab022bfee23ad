// Keras `Embedding`: token ids → rows of a table E [inputDim, outputDim]. With `maskZero`, id 0
// is padding and masks its time step for the layers after it. Backward: the ids are not
// differentiable (dx = null); dE[v] = Σ_{positions p with id v} dy_p (a scatter-add, see
// embedding-lookup.ts: it runs on every backend, wasm included).

import { cast, notEqual, reshape, tensor, tidy } from '@tensorflow/tfjs-core';
import type { Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs-core';
import { checkPositiveInt } from '../check.js';
import { RnnkitError, formatShape } from '../errors.js';
import type { Rng } from '../rng.js';
import { BaseLayer, baseConfig } from './base-layer.js';
import type { BaseLayerOptions } from './base-layer.js';
import type { ApplyOptions, BackwardResult, DifferentiableLayer, ForwardContext, ForwardResult, KerasLayerConfig, Shape } from './layer.js';
import { tidyKeep } from './cache-tensors.js';
import { gatherRows, scatterAddRows } from './embedding-lookup.js';

/** Options of {@link embedding}. */
export interface EmbeddingOptions extends BaseLayerOptions {
  /** Vocabulary size: ids run over 0 … inputDim − 1. */
  inputDim: number;
  /** Width of each embedding vector. */
  outputDim: number;
  /**
   * Treat id 0 as padding: its time steps are masked for the recurrent layers that follow
   * (then id 0 should not be a real token).
   * @default false
   */
  maskZero?: boolean;
  /**
   * Seed of the weight initialisation (uniform in [−0.05, 0.05], as Keras) when built outside a model.
   * @default 0
   */
  seed?: number;
}

/** What {@link embedding}'s backward pass needs: the ids, flattened, as int32 `[N]`. */
export type EmbeddingCache = { ids: Tensor1D };

class EmbeddingLayer extends BaseLayer<Tensor, EmbeddingCache> implements DifferentiableLayer<EmbeddingCache> {
  readonly className = 'Embedding';
  readonly inputDim: number;
  readonly outputDim: number;
  readonly maskZero: boolean;
  private readonly seed: number;

  constructor(options: EmbeddingOptions) {
    super(options, 'embedding');
    checkPositiveInt(this.where(), 'inputDim', options.inputDim);
    checkPositiveInt(this.where(), 'outputDim', options.outputDim);
    this.inputDim = options.inputDim;
    this.outputDim = options.outputDim;
    this.maskZero = options.maskZero ?? false;
    this.seed = options.seed ?? 0;
  }

  computeOutputShape(inputShape: Shape): Shape {
    this.validateInputShape(inputShape);
    return [...inputShape, this.outputDim];
  }

  computeMask(x: Tensor): Tensor | null {
    return this.maskZero ? tidy(() => notEqual(x, 0)) : null;
  }

  apply(x: Tensor, options: ApplyOptions = {}): Tensor {
    this.prepare('apply', x, options);
    this.checkIds(x);
    return tidy(() => this.lookUp(x).output);
  }

  forward(x: Tensor, _ctx: ForwardContext): ForwardResult<EmbeddingCache> {
    this.prepare('forward', x);
    this.checkIds(x);
    return tidyKeep(() => {
      const { output, ids } = this.lookUp(x);
      return { output, cache: { ids } };
    });
  }

  // dE[v] = Σ_{p : id_p = v} dy_p;  ids are not differentiable: dx = null
  backward(cache: EmbeddingCache, dOutput: Tensor): BackwardResult {
    return tidyKeep(() => {
      const dRows = reshape(dOutput, [cache.ids.shape[0], this.outputDim]) as Tensor2D;
      return { dx: null, grads: [scatterAddRows(cache.ids, dRows, this.inputDim)] };
    });
  }

  getConfig(): KerasLayerConfig {
    return {
      ...baseConfig(this),
      input_dim: this.inputDim,
      output_dim: this.outputDim,
      embeddings_initializer: { class_name: 'RandomUniform', config: { minval: -0.05, maxval: 0.05, seed: null } },
      embeddings_regularizer: null,
      activity_regularizer: null,
      embeddings_constraint: null,
      mask_zero: this.maskZero,
      input_length: null,
    };
  }

  protected validateInputShape(inputShape: Shape): void {
    if (inputShape.length < 1) {
      throw new RnnkitError('RANK_MISMATCH', `${this.where()}: input must be token ids [batch, …], got ${formatShape(inputShape)}`, { actual: inputShape });
    }
  }

  protected makeWeights(_inputShape: Shape, rng: Rng): { suffix: string; value: Tensor }[] {
    const source = rng.fork();
    const values = new Float32Array(this.inputDim * this.outputDim);
    for (let i = 0; i < values.length; i++) values[i] = source.uniform(-0.05, 0.05);
    return [{ suffix: 'embeddings', value: tensor(values, [this.inputDim, this.outputDim]) }];
  }

  protected override defaultSeed(): number {
    return this.seed;
  }

  private lookUp(x: Tensor): { output: Tensor; ids: Tensor1D } {
    const ids = reshape(cast(x, 'int32'), [-1]) as Tensor1D;
    const rows = gatherRows(this.weightSet?.variables[0] as Tensor, ids);
    return { output: reshape(rows, [...x.shape, this.outputDim]), ids };
  }

  /** Ids must be integers in [0, inputDim) (reads the ids; Keras fails the same way). */
  private checkIds(x: Tensor): void {
    const values = x.dataSync();
    for (let i = 0; i < values.length; i++) {
      const id = values[i] as number;
      if (!Number.isInteger(id) || id < 0 || id >= this.inputDim) {
        throw new RnnkitError('INVALID_ARGUMENT', `${this.where()}: token ids must be integers in [0, ${this.inputDim}), got ${id} at flat index ${i} of input ${formatShape(x.shape)}`, { index: i, value: id });
      }
    }
  }
}

/**
 * A token embedding (Keras `Embedding`); weight `embedding/embeddings [inputDim, outputDim]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { embedding } from '@rnnkit/core';
 *
 * const embed = embedding({ inputDim: 100, outputDim: 16, maskZero: true });
 * const vectors = embed.apply(tf.tensor2d([[5, 7, 0]])); // [1, 3, 16]
 * ```
 */
export function embedding(options: EmbeddingOptions): DifferentiableLayer<EmbeddingCache> {
  return new EmbeddingLayer(options);
}
