// Keras `Dense`: y = φ(x·W + b) on the last axis (a `[batch, T, F]` input is transformed at
// every time step). Backward, with y the activation output:
//   dz = dy ⊙ φ'(y)   (softmax: dz = y ⊙ (dy − Σ_j dy_j·y_j))
//   dW = xᵀ·dz    db = Σ_rows dz    dx = dz·Wᵀ

import { add, matMul, mul, reshape, softmax, sub, sum, tidy } from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import { activate, activationGradFromOutput, checkActivation } from '../activations.js';
import type { Activation } from '../cell.js';
import { checkPositiveInt, checkShape } from '../check.js';
import { RnnkitError, formatShape } from '../errors.js';
import { glorotUniform } from '../init/glorot-uniform.js';
import { zeros } from '../init/zeros.js';
import type { Rng } from '../rng.js';
import { BaseLayer, baseConfig } from './base-layer.js';
import type { BaseLayerOptions } from './base-layer.js';
import type { ApplyOptions, BackwardResult, DifferentiableLayer, ForwardContext, ForwardResult, KerasLayerConfig, Shape } from './layer.js';
import { passMask } from './pass-mask.js';
import { tidyKeep } from './cache-tensors.js';

/** Activations a dense layer accepts. */
export type DenseActivation = Activation | 'softmax';

/** Options of {@link dense}. */
export interface DenseOptions extends BaseLayerOptions {
  /** Output width. */
  units: number;
  /**
   * φ applied to x·W + b.
   * @default 'linear'
   */
  activation?: DenseActivation;
  /**
   * Add a bias vector.
   * @default true
   */
  useBias?: boolean;
  /**
   * Seed of the weight initialisation when built outside a model.
   * @default 0
   */
  seed?: number;
}

/** What {@link dense}'s backward pass needs: the input as rows `[N, F]`, the output rows `[N, units]`. */
export type DenseCache = { x: Tensor2D; y: Tensor2D; inputShape: number[] };

class DenseLayer extends BaseLayer<Tensor, DenseCache> implements DifferentiableLayer<DenseCache> {
  readonly className = 'Dense';
  readonly units: number;
  readonly activation: DenseActivation;
  readonly useBias: boolean;
  private readonly seed: number;

  constructor(options: DenseOptions) {
    super(options, 'dense');
    checkPositiveInt(this.where(), 'units', options.units);
    this.units = options.units;
    this.activation = options.activation === 'softmax' ? 'softmax' : checkActivation(this.where(), options.activation ?? 'linear');
    this.useBias = options.useBias ?? true;
    this.seed = options.seed ?? 0;
  }

  computeOutputShape(inputShape: Shape): Shape {
    this.validateInputShape(inputShape);
    return [...inputShape.slice(0, -1), this.units];
  }

  computeMask(_x: Tensor, mask: Tensor | null): Tensor | null {
    return passMask(mask);
  }

  apply(x: Tensor, options: ApplyOptions = {}): Tensor {
    this.prepare('apply', x, options);
    return tidy(() => this.compute(x).output);
  }

  forward(x: Tensor, _ctx: ForwardContext): ForwardResult<DenseCache> {
    this.prepare('forward', x);
    return tidyKeep(() => {
      const { output, x2, y2 } = this.compute(x);
      return { output, cache: { x: x2, y: y2, inputShape: [...x.shape] } };
    });
  }

  // dz = dy ⊙ φ'(y) (softmax: y ⊙ (dy − Σ dy⊙y));  dW = xᵀ·dz;  db = Σ_rows dz;  dx = dz·Wᵀ
  backward(cache: DenseCache, dOutput: Tensor): BackwardResult {
    return tidyKeep(() => {
      const [kernel, bias] = this.weightSet?.variables ?? [];
      const dy = reshape(dOutput, cache.y.shape) as Tensor2D;
      const dz = this.activation === 'softmax' ? mul(cache.y, sub(dy, sum(mul(dy, cache.y), -1, true))) : this.activation === 'linear' ? dy : mul(dy, activationGradFromOutput(this.activation, cache.y));
      const grads = [matMul(cache.x, dz as Tensor2D, true, false)];
      if (this.useBias && bias) grads.push(sum(dz, 0));
      return { dx: reshape(matMul(dz as Tensor2D, kernel as Tensor2D, false, true), cache.inputShape), grads };
    });
  }

  getConfig(): KerasLayerConfig {
    return {
      ...baseConfig(this),
      units: this.units,
      activation: this.activation,
      use_bias: this.useBias,
      kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } },
      bias_initializer: { class_name: 'Zeros', config: {} },
      kernel_regularizer: null,
      bias_regularizer: null,
      activity_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
    };
  }

  protected validateInputShape(inputShape: Shape): void {
    const features = inputShape[inputShape.length - 1];
    if (inputShape.length < 2 || features === null || features === undefined) {
      throw new RnnkitError('RANK_MISMATCH', `${this.where()}: input must be [batch, …, features] with known features, got ${formatShape(inputShape)}`, { actual: inputShape });
    }
  }

  protected makeWeights(inputShape: Shape, rng: Rng): { suffix: string; value: Tensor }[] {
    const features = inputShape[inputShape.length - 1] as number;
    const weights = [{ suffix: 'kernel', value: glorotUniform([features, this.units], rng.fork()) }];
    if (this.useBias) weights.push({ suffix: 'bias', value: zeros([this.units]) });
    return weights;
  }

  protected override defaultSeed(): number {
    return this.seed;
  }

  private compute(x: Tensor): { output: Tensor; x2: Tensor2D; y2: Tensor2D } {
    const [kernel, bias] = this.weightSet?.variables ?? [];
    const features = (kernel as Tensor2D).shape[0];
    checkShape(this.where(), 'input', x, [...x.shape.slice(0, -1).map(() => null), features]);
    const x2 = reshape(x, [-1, features]) as Tensor2D;
    let z = matMul(x2, kernel as Tensor2D);
    if (this.useBias && bias) z = add(z, bias);
    // (linear returns z itself: activate('linear') would clone through a tensor method.)
    const y2 = (this.activation === 'softmax' ? softmax(z) : this.activation === 'linear' ? z : activate(this.activation, z)) as Tensor2D;
    return { output: reshape(y2, [...x.shape.slice(0, -1), this.units]), x2, y2 };
  }
}

/**
 * A fully connected layer (Keras `Dense`); weights `dense/kernel [F, units]`, `dense/bias [units]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { dense } from '@rnnkit/core';
 *
 * const head = dense({ units: 1 });
 * const y = head.apply(tf.ones([4, 32])); // [4, 1]
 * ```
 */
export function dense(options: DenseOptions): DifferentiableLayer<DenseCache> {
  return new DenseLayer(options);
}
