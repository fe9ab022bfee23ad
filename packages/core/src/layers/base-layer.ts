// What every built-in layer shares: its name, trainable flag, build-once weights, the
// shape-checked getWeights/setWeights, parameter count and dispose. Each layer supplies its
// Keras class name, how its weights are made, its shapes and its math.

import type { Tensor } from '@tensorflow/tfjs-core';
import { checkFinite as checkFiniteValues } from '../check.js';
import { RnnkitError, formatShape } from '../errors.js';
import { createRng } from '../rng.js';
import type { Rng } from '../rng.js';
import type {
  ApplyOptions,
  ForwardContext,
  ForwardResult,
  KerasLayerConfig,
  Layer,
  LayerWeight,
  Shape,
} from './layer.js';
import { createWeightSet } from './weight-set.js';
import type { WeightSet } from './weight-set.js';

/** Options every layer accepts. */
export interface BaseLayerOptions {
  /**
   * Layer name, unique within a model; prefixes weight names (`'lstm/kernel'`).
   * @default the snake_case class name (`'lstm'`), made unique by the model (`'lstm_1'`)
   */
  name?: string;
  /**
   * Whether the weights are trained.
   * @default true
   */
  trainable?: boolean;
}

export abstract class BaseLayer<Output extends Tensor | Tensor[], Cache> implements Layer<Output, Cache> {
  abstract readonly className: string;
  trainable: boolean;
  /** `true` when the user gave no name, so a container may rename it. */
  readonly autoNamed: boolean;
  protected weightSet: WeightSet | null = null;
  protected builtInputShape: Shape | null = null;
  private layerName: string;
  private disposed = false;

  protected constructor(options: BaseLayerOptions, defaultName: string) {
    if (options.name !== undefined && (typeof options.name !== 'string' || options.name.length === 0)) {
      throw new RnnkitError('INVALID_ARGUMENT', `${defaultName}: name must be a non-empty string, got ${String(options.name)}`);
    }
    this.layerName = options.name ?? defaultName;
    this.autoNamed = options.name === undefined;
    this.trainable = options.trainable ?? true;
  }

  get name(): string {
    return this.layerName;
  }

  /** Used by containers to make auto names unique (`lstm` → `lstm_1`). */
  rename(name: string): void {
    this.layerName = name;
  }

  get built(): boolean {
    return this.weightSet !== null || this.builtInputShape !== null;
  }

  get weights(): readonly LayerWeight[] {
    return this.weightSet ? this.weightSet.describe(this.layerName, this.trainable) : [];
  }

  get trainableWeights(): readonly LayerWeight[] {
    return this.trainable ? this.weights : [];
  }

  build(inputShape: Shape, rng?: Rng): void {
    this.assertLive('build');
    if (this.built) {
      throw new RnnkitError('INVALID_ARGUMENT', `${this.where()}: build() was already called (input shape ${formatShape(this.builtInputShape ?? [])})`);
    }
    this.validateInputShape(inputShape);
    const source = rng ?? createRng(this.defaultSeed());
    this.weightSet = createWeightSet(this.makeWeights(inputShape, source));
    this.builtInputShape = [...inputShape];
    this.afterBuild(inputShape, source);
  }

  getWeights(): Tensor[] {
    this.assertLive('getWeights');
    return this.weightSet ? this.weightSet.read() : [];
  }

  setWeights(weights: readonly Tensor[]): void {
    this.assertLive('setWeights');
    if (!this.weightSet) {
      throw new RnnkitError('NOT_BUILT', `${this.where()}: setWeights() before the layer is built; call build(inputShape) first`);
    }
    this.weightSet.write(this.where(), this.layerName, weights);
  }

  countParams(): number {
    return this.weightSet ? this.weightSet.count() : 0;
  }

  dispose(): void {
    if (this.disposed) return;
    this.weightSet?.dispose();
    this.weightSet = null;
    this.disposeState();
    this.disposed = true;
  }

  abstract computeOutputShape(inputShape: Shape): Shape;
  abstract computeMask(x: Tensor, mask: Tensor | null): Tensor | null;
  abstract apply(x: Tensor, options?: ApplyOptions): Output;
  abstract forward(x: Tensor, ctx: ForwardContext): ForwardResult<Cache>;
  abstract getConfig(): KerasLayerConfig;

  /** Initial weight values, Keras order. */
  protected abstract makeWeights(inputShape: Shape, rng: Rng): { suffix: string; value: Tensor }[];
  /** Throws unless the layer can take inputs of this shape. */
  protected abstract validateInputShape(inputShape: Shape): void;
  /** Hook after the weights exist (e.g. to seed dropout). */
  protected afterBuild(_inputShape: Shape, _rng: Rng): void {}
  /** Frees tensors other than weights (stateful states). */
  protected disposeState(): void {}
  /** The seed used when `build` is given no rng. */
  protected defaultSeed(): number {
    return 0;
  }

  /** `'LSTM layer "lstm"'` — how error messages name this layer. */
  protected where(): string {
    return `${this.className} layer '${this.layerName}'`;
  }

  protected assertLive(what: string): void {
    if (this.disposed) {
      throw new RnnkitError('DISPOSED', `${this.where()}: ${what}() after dispose()`);
    }
  }

  /** Builds from `x`'s shape on first use; checks liveness and (optionally) finiteness. */
  protected prepare(what: string, x: Tensor, options: { checkFinite?: boolean } = {}): void {
    this.assertLive(what);
    if (options.checkFinite) checkFiniteValues(this.where(), 'input', x);
    if (!this.built) {
      this.validateInputShape(x.shape); // first, so a message shows the real batch size
      this.build([null, ...x.shape.slice(1)]);
    }
  }
}

/** `true` when `layer` is one of rnnkit's own layers (which a model may rename). */
export function isBaseLayer(layer: unknown): layer is BaseLayer<Tensor | Tensor[], unknown> {
  return layer instanceof BaseLayer;
}

/** Keras's common layer config keys. */
export function baseConfig(layer: { name: string; trainable: boolean }): KerasLayerConfig {
  return { name: layer.name, trainable: layer.trainable, dtype: 'float32' };
}
