// Keras `Masking`: a time step whose features all equal `maskValue` is masked for the layers
// after it, and zeroed: keep = any(x ≠ maskValue, features), y = x ⊙ keep.
// Backward: dx = dy ⊙ keep.

import { any, cast, mul, notEqual, tidy } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { RnnkitError, formatShape } from '../errors.js';
import { BaseLayer, baseConfig } from './base-layer.js';
import type { BaseLayerOptions } from './base-layer.js';
import type { ApplyOptions, BackwardResult, DifferentiableLayer, ForwardContext, ForwardResult, KerasLayerConfig, Shape } from './layer.js';
import { tidyKeep } from './cache-tensors.js';

/** Options of {@link masking}. */
export interface MaskingOptions extends BaseLayerOptions {
  /**
   * A time step whose every feature equals this value is masked.
   * @default 0
   */
  maskValue?: number;
}

/** What {@link masking}'s backward pass needs: keep `[batch, T, 1]` as float 0/1. */
export type MaskingCache = { keep: Tensor };

class MaskingLayer extends BaseLayer<Tensor, MaskingCache> implements DifferentiableLayer<MaskingCache> {
  readonly className = 'Masking';
  readonly maskValue: number;

  constructor(options: MaskingOptions) {
    super(options, 'masking');
    this.maskValue = options.maskValue ?? 0;
    if (!Number.isFinite(this.maskValue)) {
      throw new RnnkitError('INVALID_ARGUMENT', `${this.where()}: maskValue must be a finite number, got ${String(options.maskValue)}`);
    }
  }

  computeOutputShape(inputShape: Shape): Shape {
    this.validateInputShape(inputShape);
    return [...inputShape];
  }

  computeMask(x: Tensor): Tensor {
    return tidy(() => any(notEqual(x, this.maskValue), -1));
  }

  apply(x: Tensor, options: ApplyOptions = {}): Tensor {
    this.prepare('apply', x, options);
    return tidy(() => mul(x, this.keep(x)));
  }

  forward(x: Tensor, _ctx: ForwardContext): ForwardResult<MaskingCache> {
    this.prepare('forward', x);
    return tidyKeep(() => {
      const keep = this.keep(x);
      return { output: mul(x, keep), cache: { keep } };
    });
  }

  // dx = dy ⊙ keep
  backward(cache: MaskingCache, dOutput: Tensor): BackwardResult {
    return tidyKeep(() => ({ dx: mul(dOutput, cache.keep), grads: [] }));
  }

  getConfig(): KerasLayerConfig {
    return { ...baseConfig(this), mask_value: this.maskValue };
  }

  protected validateInputShape(inputShape: Shape): void {
    if (inputShape.length !== 3) {
      throw new RnnkitError('RANK_MISMATCH', `${this.where()}: input must be [batch, timeSteps, features], got ${formatShape(inputShape)}`, { actual: inputShape });
    }
  }

  protected makeWeights(): { suffix: string; value: Tensor }[] {
    return [];
  }

  private keep(x: Tensor): Tensor {
    if (x.rank !== 3) this.validateInputShape(x.shape);
    return cast(any(notEqual(x, this.maskValue), -1, true), 'float32');
  }
}

/**
 * Masks padded time steps (Keras `Masking`): a step whose features all equal `maskValue`
 * is skipped by the recurrent layers after it.
 *
 * @example
 * ```ts
 * import { masking, lstm, dense, sequential } from '@rnnkit/core';
 *
 * const model = sequential({ inputShape: [20, 3], layers: [masking({ maskValue: 0 }), lstm({ units: 8 }), dense({ units: 1 })] });
 * ```
 */
export function masking(options: MaskingOptions = {}): DifferentiableLayer<MaskingCache> {
  return new MaskingLayer(options);
}
