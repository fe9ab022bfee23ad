// Keras `Bidirectional`: two copies of a recurrent layer, one reading forwards and one
// backwards (its returned sequence re-reversed to align in time), outputs merged.
// With returnSequences, masked steps output zeros in both halves (Keras forces
// zero_output_for_mask). Merge backward, y_f / y_b the halves' (time-aligned) outputs:
//   concat: d_f, d_b = split(dy)    sum: d_f = d_b = dy    ave: d_f = d_b = dy / 2
//   mul:    d_f = dy ⊙ y_b,  d_b = dy ⊙ y_f              null: [d_f, d_b] = dy
// then d_b is reversed in time again, into the backward layer's own output order.

import { add, clone, concat, mul, reverse, split, tidy } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { RnnkitError, formatShape } from '../errors.js';
import type { Rng } from '../rng.js';
import { BaseLayer, baseConfig } from './base-layer.js';
import type { BaseLayerOptions } from './base-layer.js';
import { tidyKeep } from './cache-tensors.js';
import type { ApplyOptions, ForwardContext, ForwardResult, KerasLayerConfig, Layer, LayerWeight, Shape } from './layer.js';
import { RnnLayerImpl } from './rnn.js';
import type { RnnLayer } from './rnn.js';
import type { RnnCache } from './rnn-cache.js';

/** How the two directions are combined. */
export type MergeMode = 'concat' | 'sum' | 'ave' | 'mul';

/** Options of {@link bidirectional}. */
export interface BidirectionalOptions extends BaseLayerOptions {
  /**
   * How the forward and backward outputs are combined; `null` returns both, `[forward, backward]`.
   * @default 'concat'
   */
  mergeMode?: MergeMode | null;
}

/**
 * Cache of a bidirectional forward pass: each half's {@link RnnCache} (BPTT each one on its own)
 * and the halves' outputs, time-aligned (for the `mul` merge backward).
 */
export type BidirectionalCache<CellCache = unknown> = {
  forward: RnnCache<CellCache>;
  backward: RnnCache<CellCache>;
  forwardOutput: Tensor;
  /** The backward half's output, re-reversed in time when it is a sequence. */
  backwardOutput: Tensor;
  mergeMode: MergeMode;
  returnSequences: boolean;
};

/** A bidirectional recurrent layer. */
export interface BidirectionalLayer<Output extends Tensor | Tensor[] = Tensor | Tensor[], CellCache = unknown>
  extends Layer<Output, BidirectionalCache<CellCache>> {
  readonly forwardLayer: RnnLayer<Tensor | Tensor[], CellCache>;
  readonly backwardLayer: RnnLayer<Tensor | Tensor[], CellCache>;
  readonly mergeMode: MergeMode | null;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly stateful: boolean;
  /** Resets both halves (`states`: forward states then backward states). */
  resetState(states?: readonly Tensor[]): void;
  /**
   * ∂L/∂(each half's output) from ∂L/∂(merged output), each in that half's own output order
   * (what its BPTT takes as `dOutput`). Tidied; the caller owns the result.
   */
  splitGradient(cache: BidirectionalCache<CellCache>, dOutput: Tensor): { forward: Tensor; backward: Tensor };
}

type AnyRnn = RnnLayerImpl<Tensor | Tensor[], unknown>;

class BidirectionalLayerImpl extends BaseLayer<Tensor | Tensor[], BidirectionalCache> implements BidirectionalLayer {
  readonly className = 'Bidirectional';
  readonly forwardLayer: AnyRnn;
  readonly backwardLayer: AnyRnn;
  readonly mergeMode: MergeMode | null;
  private readonly template: AnyRnn;

  constructor(layer: AnyRnn, options: BidirectionalOptions) {
    super(options, 'bidirectional');
    const mergeMode = options.mergeMode === undefined ? 'concat' : options.mergeMode;
    if (mergeMode !== null && !['concat', 'sum', 'ave', 'mul'].includes(mergeMode)) {
      throw new RnnkitError('INVALID_ARGUMENT', `${this.where()}: mergeMode must be 'concat', 'sum', 'ave', 'mul' or null, got ${String(mergeMode)}`);
    }
    this.mergeMode = mergeMode;
    this.template = layer;
    this.forwardLayer = layer.recreate({});
    this.backwardLayer = layer.recreate({ goBackwards: !layer.goBackwards });
    this.forwardLayer.rename(`forward_${layer.name}`);
    this.backwardLayer.rename(`backward_${layer.name}`);
    for (const half of [this.forwardLayer, this.backwardLayer]) half.zeroOutputForMask = layer.returnSequences;
  }

  get returnSequences(): boolean {
    return this.template.returnSequences;
  }

  get returnState(): boolean {
    return this.template.returnState;
  }

  get stateful(): boolean {
    return this.template.stateful;
  }

  override get built(): boolean {
    return this.forwardLayer.built;
  }

  override get weights(): readonly LayerWeight[] {
    return [...this.forwardLayer.weights, ...this.backwardLayer.weights].map((w) => ({
      name: `${this.name}/${w.name}`,
      variable: w.variable,
      trainable: this.trainable && w.trainable,
    }));
  }

  override getWeights(): Tensor[] {
    this.assertLive('getWeights');
    return [...this.forwardLayer.getWeights(), ...this.backwardLayer.getWeights()];
  }

  override setWeights(weights: readonly Tensor[]): void {
    this.assertLive('setWeights');
    const half = this.forwardLayer.weights.length;
    if (weights.length !== 2 * half) {
      throw new RnnkitError('INVALID_ARGUMENT', `${this.where()}: setWeights expects ${2 * half} tensors (forward then backward), got ${weights.length}`, { expected: 2 * half, actual: weights.length });
    }
    this.forwardLayer.setWeights(weights.slice(0, half));
    this.backwardLayer.setWeights(weights.slice(half));
  }

  override countParams(): number {
    return this.forwardLayer.countParams() + this.backwardLayer.countParams();
  }

  computeOutputShape(inputShape: Shape): Shape {
    const shape = [...this.forwardLayer.computeOutputShape(inputShape)];
    const last = shape[shape.length - 1] as number;
    if (this.mergeMode === 'concat') shape[shape.length - 1] = 2 * last;
    return shape;
  }

  computeMask(_x: Tensor, mask: Tensor | null): Tensor | null {
    return this.returnSequences && mask ? clone(mask) : null;
  }

  apply(x: Tensor, options: ApplyOptions = {}): Tensor | Tensor[] {
    this.prepare('apply', x, options);
    const [forwardState, backwardState] = this.splitStates(options.initialState);
    const run = (half: AnyRnn, initialState: readonly Tensor[] | undefined): Tensor[] => {
      const result = half.apply(x, { training: options.training, mask: options.mask, initialState });
      return Array.isArray(result) ? result : [result];
    };
    return tidy(() => {
      const [y, ...forwardStates] = run(this.forwardLayer, forwardState);
      const [yBackwards, ...backwardStates] = run(this.backwardLayer, backwardState);
      const yb = this.returnSequences ? reverse(yBackwards as Tensor, 1) : (yBackwards as Tensor);
      const merged = this.merge(y as Tensor, yb);
      if (!this.returnState) return merged;
      return [...(Array.isArray(merged) ? merged : [merged]), ...forwardStates, ...backwardStates];
    });
  }

  forward(x: Tensor, ctx: ForwardContext): ForwardResult<BidirectionalCache> {
    this.prepare('forward', x);
    if (this.mergeMode === null) {
      throw new RnnkitError('UNSUPPORTED', `${this.where()}: forward() needs a merge mode (mergeMode null returns two outputs); use 'concat'`);
    }
    const mergeMode = this.mergeMode;
    const [forwardState, backwardState] = this.splitStates(ctx.initialState);
    const forwardPass = this.forwardLayer.forward(x, { ...ctx, initialState: forwardState });
    const backwardPass = this.backwardLayer.forward(x, { ...ctx, initialState: backwardState });
    const result = tidyKeep(() => {
      const backwardOutput = this.returnSequences ? reverse(backwardPass.output, 1) : clone(backwardPass.output);
      const output = this.merge(forwardPass.output, backwardOutput) as Tensor;
      return {
        output,
        cache: { forward: forwardPass.cache, backward: backwardPass.cache, forwardOutput: forwardPass.output, backwardOutput, mergeMode, returnSequences: this.returnSequences },
      };
    });
    backwardPass.output.dispose();
    return result;
  }

  splitGradient(cache: BidirectionalCache, dOutput: Tensor): { forward: Tensor; backward: Tensor } {
    return tidyKeep(() => {
      let dForward: Tensor;
      let dBackward: Tensor;
      if (cache.mergeMode === 'concat') [dForward, dBackward] = split(dOutput, 2, -1) as [Tensor, Tensor];
      else if (cache.mergeMode === 'sum') [dForward, dBackward] = [clone(dOutput), clone(dOutput)];
      else if (cache.mergeMode === 'ave') [dForward, dBackward] = [mul(dOutput, 0.5), mul(dOutput, 0.5)];
      else [dForward, dBackward] = [mul(dOutput, cache.backwardOutput), mul(dOutput, cache.forwardOutput)];
      return { forward: dForward, backward: cache.returnSequences ? reverse(dBackward, 1) : dBackward };
    });
  }

  resetState(states?: readonly Tensor[]): void {
    this.assertLive('resetState');
    const [forwardState, backwardState] = this.splitStates(states);
    this.forwardLayer.resetState(forwardState);
    this.backwardLayer.resetState(backwardState);
  }

  getConfig(): KerasLayerConfig {
    return {
      ...baseConfig(this),
      layer: { class_name: this.template.className, config: this.template.getConfig() },
      merge_mode: this.mergeMode,
    };
  }

  override dispose(): void {
    this.forwardLayer.dispose();
    this.backwardLayer.dispose();
    super.dispose();
  }

  protected validateInputShape(inputShape: Shape): void {
    if (inputShape.length !== 3) {
      throw new RnnkitError('RANK_MISMATCH', `${this.where()}: input must be [batch, timeSteps, features], got ${formatShape(inputShape)}`, { actual: inputShape });
    }
  }

  protected makeWeights(): { suffix: string; value: Tensor }[] {
    return [];
  }

  protected override afterBuild(inputShape: Shape, rng: Rng): void {
    this.forwardLayer.build(inputShape, rng.fork());
    this.backwardLayer.build(inputShape, rng.fork());
  }

  private merge(y: Tensor, yb: Tensor): Tensor | Tensor[] {
    switch (this.mergeMode) {
      case 'concat':
        return concat([y, yb], -1);
      case 'sum':
        return add(y, yb);
      case 'ave':
        return mul(add(y, yb), 0.5);
      case 'mul':
        return mul(y, yb);
      default:
        return [clone(y), clone(yb)];
    }
  }

  /** Splits bidirectional states into forward and backward halves. */
  private splitStates(states: readonly Tensor[] | undefined): [Tensor[] | undefined, Tensor[] | undefined] {
    if (states === undefined) return [undefined, undefined];
    if (states.length % 2 !== 0) {
      throw new RnnkitError('INVALID_ARGUMENT', `${this.where()}: states must list the forward states then the backward states (an even count), got ${states.length}`);
    }
    return [states.slice(0, states.length / 2), states.slice(states.length / 2)];
  }
}

/**
 * Runs a recurrent layer in both directions (Keras `Bidirectional`). `layer` is a template:
 * two fresh copies are made, named `forward_<name>` and `backward_<name>`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { bidirectional, lstm } from '@rnnkit/core';
 *
 * const layer = bidirectional(lstm({ units: 8, returnSequences: true }), { mergeMode: 'concat' });
 * const y = layer.apply(tf.ones([2, 5, 3])); // [2, 5, 16]
 * ```
 */
export function bidirectional<C>(layer: RnnLayer<Tensor, C>, options?: BidirectionalOptions & { mergeMode?: MergeMode }): BidirectionalLayer<Tensor, C>;
export function bidirectional<C>(layer: RnnLayer<Tensor[], C>, options?: BidirectionalOptions): BidirectionalLayer<Tensor[], C>;
export function bidirectional<C>(layer: RnnLayer<Tensor, C>, options: BidirectionalOptions & { mergeMode: null }): BidirectionalLayer<Tensor[], C>;
export function bidirectional<C>(layer: RnnLayer<Tensor | Tensor[], C>, options?: BidirectionalOptions): BidirectionalLayer<Tensor | Tensor[], C>;
export function bidirectional(layer: RnnLayer<Tensor | Tensor[], unknown>, options: BidirectionalOptions = {}): BidirectionalLayer {
  if (!(layer instanceof RnnLayerImpl)) {
    throw new RnnkitError('UNSUPPORTED', 'bidirectional: layer must be a recurrent layer made by rnn(), simpleRnn(), lstm() or gru()');
  }
  return new BidirectionalLayerImpl(layer as AnyRnn, options);
}

/** `true` for a bidirectional layer (which cannot stream one step at a time). */
export function isBidirectional(layer: unknown): layer is BidirectionalLayer {
  return layer instanceof BidirectionalLayerImpl;
}

