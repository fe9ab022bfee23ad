// Keras `Dropout` (inverted dropout, in training only): y = x ⊙ mask, mask entries 0 with
// probability `rate` else 1/(1 − rate), drawn from a seeded Rng. Backward: dx = dy ⊙ mask.

import { clone, mul, tidy } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { RnnkitError, formatShape } from '../errors.js';
import { createRng } from '../rng.js';
import type { Rng } from '../rng.js';
import { BaseLayer, baseConfig } from './base-layer.js';
import type { BaseLayerOptions } from './base-layer.js';
import { checkRate, dropoutMask } from './dropout-mask.js';
import type { ApplyOptions, BackwardResult, DifferentiableLayer, ForwardContext, ForwardResult, KerasLayerConfig, Shape } from './layer.js';
import { passMask } from './pass-mask.js';
import { tidyKeep } from './cache-tensors.js';

/** Options of {@link dropout}. */
export interface DropoutOptions extends BaseLayerOptions {
  /** Fraction of entries set to zero in training, in [0, 1). */
  rate: number;
  /**
   * Shape of the mask, broadcast over the input; `null` entries take the input's size
   * (`[null, 1, null]` drops the same features at every time step).
   * @default the input's shape
   */
  noiseShape?: readonly (number | null)[];
  /**
   * Seed of the masks.
   * @default a stream forked from the rng the layer is built with
   */
  seed?: number;
}

/** What {@link dropout}'s backward pass needs: the mask used (`null` outside training). */
export type DropoutCache = { mask: Tensor | null };

class DropoutLayer extends BaseLayer<Tensor, DropoutCache> implements DifferentiableLayer<DropoutCache> {
  readonly className = 'Dropout';
  readonly rate: number;
  private readonly options: DropoutOptions;
  private rng: Rng | null = null;

  constructor(options: DropoutOptions) {
    super(options, 'dropout');
    checkRate(this.where(), 'rate', options.rate);
    this.rate = options.rate;
    this.options = options;
  }

  computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape];
  }

  computeMask(_x: Tensor, mask: Tensor | null): Tensor | null {
    return passMask(mask);
  }

  apply(x: Tensor, options: ApplyOptions = {}): Tensor {
    this.prepare('apply', x, options);
    return tidy(() => this.drop(x, options.training ?? false, null).output);
  }

  forward(x: Tensor, ctx: ForwardContext): ForwardResult<DropoutCache> {
    this.prepare('forward', x);
    return tidyKeep(() => {
      const { output, mask } = this.drop(x, ctx.training, ctx.rng ?? null);
      return { output, cache: { mask } };
    });
  }

  // dx = dy ⊙ mask (dx = dy outside training)
  backward(cache: DropoutCache, dOutput: Tensor): BackwardResult {
    return tidyKeep(() => ({ dx: cache.mask ? mul(dOutput, cache.mask) : clone(dOutput), grads: [] }));
  }

  getConfig(): KerasLayerConfig {
    return { ...baseConfig(this), rate: this.rate, noise_shape: this.options.noiseShape ? [...this.options.noiseShape] : null, seed: this.options.seed ?? null };
  }

  protected validateInputShape(): void {}

  protected makeWeights(): { suffix: string; value: Tensor }[] {
    return [];
  }

  protected override afterBuild(_inputShape: Shape, rng: Rng): void {
    this.rng = this.options.seed !== undefined ? createRng(this.options.seed) : rng.fork();
  }

  protected override defaultSeed(): number {
    return this.options.seed ?? 0;
  }

  private drop(x: Tensor, training: boolean, rng: Rng | null): { output: Tensor; mask: Tensor | null } {
    if (!training || this.rate === 0) return { output: clone(x), mask: null };
    const shape = this.noiseShape(x);
    const mask = dropoutMask(shape, this.rate, rng ?? (this.rng as Rng));
    return { output: mul(x, mask), mask };
  }

  private noiseShape(x: Tensor): number[] {
    const requested = this.options.noiseShape;
    if (!requested) return [...x.shape];
    if (requested.length !== x.rank || requested.some((d, i) => d !== null && d !== 1 && d !== x.shape[i])) {
      throw new RnnkitError('SHAPE_MISMATCH', `${this.where()}: noiseShape ${formatShape(requested)} does not broadcast to input ${formatShape(x.shape)}`, { expected: requested, actual: x.shape });
    }
    return requested.map((d, i) => d ?? (x.shape[i] as number));
  }
}

/**
 * Inverted dropout (Keras `Dropout`), active only when training.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { dropout } from '@rnnkit/core';
 *
 * const drop = dropout({ rate: 0.2, seed: 1 });
 * const y = drop.apply(tf.ones([2, 4]), { training: true }); // entries 0 or 1.25
 * ```
 */
export function dropout(options: DropoutOptions): DifferentiableLayer<DropoutCache> {
  return new DropoutLayer(options);
}
