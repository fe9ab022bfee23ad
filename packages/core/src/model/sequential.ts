// A linear stack of layers (Keras `Sequential`): build, predict with mask propagation
// (masking / embedding maskZero → recurrent layers), a training forward pass for
// @rnnkit/train, one-step streaming with kept hidden states, summary and weights.

import { clone, dispose, expandDims, keep, squeeze, tidy } from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import { checkFinite, checkShape } from '../check.js';
import { RnnkitError, formatShape } from '../errors.js';
import { isBaseLayer } from '../layers/base-layer.js';
import { isBidirectional } from '../layers/bidirectional.js';
import type { ForwardContext, KerasLayerSpec, Layer, LayerWeight, Shape } from '../layers/layer.js';
import { isRnnLayer } from '../layers/rnn.js';
import { createRng } from '../rng.js';
import { formatSummary } from './format-summary.js';
import { summarizeLayers } from './model-summary.js';
import type { ModelSummary } from './model-summary.js';
import type { ModelForwardResult, PredictOptions, SequentialModel, SequentialOptions } from './sequential-types.js';
import { uniqueLayerNames } from './unique-names.js';

export type { ModelForwardResult, PredictOptions, SequentialModel, SequentialOptions } from './sequential-types.js';

class Sequential implements SequentialModel {
  readonly name: string;
  readonly layers: readonly Layer<Tensor>[];
  private readonly seed: number;
  private sampleShape: Shape | null;
  private streamStates = new Map<Layer<Tensor>, Tensor2D[]>();
  private disposed = false;

  constructor(options: SequentialOptions) {
    this.name = options.name ?? 'sequential';
    const where = `sequential '${this.name}'`;
    if (!Array.isArray(options.layers) || options.layers.length === 0) {
      throw new RnnkitError('INVALID_ARGUMENT', `${where}: layers must be a non-empty list of layers`);
    }
    for (const layer of options.layers) {
      const listOutput = (isRnnLayer(layer) || isBidirectional(layer)) && layer.returnState ? 'returnState' : isBidirectional(layer) && layer.mergeMode === null ? 'mergeMode null' : null;
      if (listOutput) {
        throw new RnnkitError('UNSUPPORTED', `${where}: layer '${layer.name}' has ${listOutput} and returns several tensors; a sequential model passes one tensor between layers (call the layer's apply() directly)`);
      }
    }
    this.layers = [...options.layers];
    uniqueLayerNames(where, this.layers, (layer) => (isBaseLayer(layer) && layer.autoNamed ? (name) => layer.rename(name) : null));
    this.seed = options.seed ?? 0;
    this.sampleShape = null;
    if (options.inputShape) this.build(options.inputShape);
  }

  get built(): boolean {
    return this.sampleShape !== null;
  }

  get inputShape(): Shape | null {
    return this.sampleShape ? [null, ...this.sampleShape] : null;
  }

  get outputShape(): Shape | null {
    const input = this.inputShape;
    return input ? this.layers.reduce<Shape>((shape, layer) => layer.computeOutputShape(shape), input) : null;
  }

  get weights(): readonly LayerWeight[] {
    return this.layers.flatMap((layer) => layer.weights);
  }

  get trainableWeights(): readonly LayerWeight[] {
    return this.layers.flatMap((layer) => layer.trainableWeights);
  }

  build(inputShape?: readonly (number | null)[]): void {
    this.assertLive('build');
    if (this.built) throw new RnnkitError('INVALID_ARGUMENT', `${this.where()}: build() was already called`);
    if (!inputShape || !Array.isArray(inputShape) || inputShape.some((d) => d !== null && (!Number.isInteger(d) || d <= 0))) {
      throw new RnnkitError('INVALID_ARGUMENT', `${this.where()}: inputShape must list positive integers or null (without the batch dimension), got ${inputShape ? formatShape(inputShape) : String(inputShape)}`);
    }
    const rng = createRng(this.seed);
    let shape: Shape = [null, ...inputShape];
    for (const layer of this.layers) {
      const layerRng = rng.fork();
      if (!layer.built) layer.build(shape, layerRng);
      shape = layer.computeOutputShape(shape);
    }
    this.sampleShape = [...inputShape];
  }

  predict(x: Tensor, options: PredictOptions = {}): Tensor {
    this.prepare('predict', x, options, 0);
    return tidy(() => {
      let h = x;
      let mask: Tensor | null = null;
      for (const layer of this.layers) {
        const next = layer.apply(h, { mask });
        mask = layer.computeMask(h, mask);
        h = next;
      }
      return h === x ? clone(h) : h;
    });
  }

  forward(x: Tensor, ctx: Omit<ForwardContext, 'mask' | 'initialState'>): ModelForwardResult {
    this.prepare('forward', x, {}, 0);
    const caches: unknown[] = [];
    let h = x;
    let mask: Tensor | null = null;
    for (const layer of this.layers) {
      const { output, cache } = layer.forward(h, { ...ctx, mask });
      const nextMask = layer.computeMask(h, mask);
      caches.push(cache);
      if (h !== x) h.dispose();
      dispose(mask ?? []);
      h = output;
      mask = nextMask;
    }
    return { output: h, outputMask: mask, caches };
  }

  step(x: Tensor, options: PredictOptions = {}): Tensor {
    const blocking = this.layers.find((layer) => isBidirectional(layer));
    if (blocking) {
      throw new RnnkitError('UNSUPPORTED', `${this.where()}: step() streams one time step at a time, which a bidirectional layer ('${blocking.name}') cannot do: it needs the whole sequence`);
    }
    this.prepare('step', x, options, 1);
    const previous = new Map(this.streamStates);
    const { output, states } = tidy(() => {
      let h = expandDims(x, 1);
      let mask: Tensor | null = null;
      const next: Tensor2D[][] = [];
      for (const layer of this.layers) {
        let out: Tensor;
        if (isRnnLayer(layer)) {
          const result = layer.applyWithState(h, { mask, initialState: previous.get(layer) });
          out = result.output;
          next.push(result.states);
        } else {
          out = layer.apply(h, { mask });
        }
        mask = layer.computeMask(h, mask);
        h = out;
      }
      return { output: h.rank >= 3 && h.shape[1] === 1 ? squeeze(h, [1]) : h, states: next };
    });
    const recurrent = this.layers.filter((layer) => isRnnLayer(layer));
    recurrent.forEach((layer, i) => this.streamStates.set(layer, (states[i] as Tensor2D[]).map((s) => keep(s))));
    previous.forEach((old) => dispose(old));
    return output;
  }

  resetState(): void {
    this.assertLive('resetState');
    this.streamStates.forEach((states) => dispose(states));
    this.streamStates.clear();
    for (const layer of this.layers) {
      if ((isRnnLayer(layer) || isBidirectional(layer)) && layer.stateful) layer.resetState();
    }
  }

  summaryInfo(): ModelSummary {
    if (!this.sampleShape) {
      throw new RnnkitError('NOT_BUILT', `${this.where()}: summary() needs a built model: pass inputShape to sequential() or call build(inputShape)`);
    }
    return summarizeLayers(this.name, this.layers, [null, ...this.sampleShape]);
  }

  summary(): string {
    return formatSummary(this.summaryInfo());
  }

  getWeights(): Tensor[] {
    this.assertLive('getWeights');
    return this.layers.flatMap((layer) => layer.getWeights());
  }

  setWeights(weights: readonly Tensor[]): void {
    this.assertLive('setWeights');
    const counts = this.layers.map((layer) => layer.weights.length);
    const total = counts.reduce((a, b) => a + b, 0);
    if (weights.length !== total) {
      throw new RnnkitError('INVALID_ARGUMENT', `${this.where()}: setWeights expects ${total} tensors (${this.weights.map((w) => w.name).join(', ')}), got ${weights.length}`, { expected: total, actual: weights.length });
    }
    // Check every shape before assigning any, so a bad list changes nothing.
    this.weights.forEach((w, i) => checkShape(`${this.where()} weight '${w.name}'`, 'value', weights[i] as Tensor, w.variable.shape));
    let offset = 0;
    this.layers.forEach((layer, i) => {
      layer.setWeights(weights.slice(offset, offset + (counts[i] as number)));
      offset += counts[i] as number;
    });
  }

  countParams(): number {
    return this.layers.reduce((n, layer) => n + layer.countParams(), 0);
  }

  getConfig(): { name: string; layers: KerasLayerSpec[] } {
    const layers: KerasLayerSpec[] = this.layers.map((layer) => ({ class_name: layer.className, config: layer.getConfig() }));
    const first = this.layers[0] as Layer<Tensor>;
    if (this.sampleShape) {
      // Keras 2 writes the input both ways: an InputLayer entry and the first layer's batch_input_shape.
      const batchInputShape = [null, ...this.sampleShape];
      (layers[0] as KerasLayerSpec).config['batch_input_shape'] = batchInputShape;
      const input = { batch_input_shape: batchInputShape, dtype: 'float32', sparse: false, ragged: false, name: `${first.name}_input` };
      layers.unshift({ class_name: 'InputLayer', config: input });
    }
    return { name: this.name, layers };
  }

  dispose(): void {
    if (this.disposed) return;
    this.streamStates.forEach((states) => dispose(states));
    this.streamStates.clear();
    this.layers.forEach((layer) => layer.dispose());
    this.disposed = true;
  }

  private where(): string {
    return `sequential '${this.name}'`;
  }

  private assertLive(what: string): void {
    if (this.disposed) throw new RnnkitError('DISPOSED', `${this.where()}: ${what}() after dispose()`);
  }

  /**
   * Checks an input against the model's input shape (`dropTime`: 1 for a single time step)
   * and builds the model from it on first use.
   */
  private prepare(what: string, x: Tensor, options: PredictOptions, dropTime: 0 | 1): void {
    this.assertLive(what);
    if (!this.sampleShape) {
      if (dropTime === 1) throw new RnnkitError('NOT_BUILT', `${this.where()}: step() needs a built model: pass inputShape to sequential() or call build(inputShape)`);
      this.build(x.shape.slice(1));
    }
    const sample = (this.sampleShape as Shape).slice(dropTime);
    checkShape(this.where(), what === 'step' ? 'time step input' : 'input', x, [null, ...sample]);
    if (x.shape[0] === 0) throw new RnnkitError('EMPTY_INPUT', `${this.where()}: input has batch size 0 ${formatShape(x.shape)}`);
    if (options.checkFinite) checkFinite(this.where(), 'input', x);
  }
}

/**
 * A sequential model (Keras `Sequential`).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { sequential, lstm, dense } from '@rnnkit/core';
 *
 * const model = sequential({ inputShape: [24, 1], seed: 42, layers: [lstm({ units: 32 }), dense({ units: 1 })] });
 * console.log(model.summary());
 * const y = model.predict(tf.zeros([8, 24, 1])); // [8, 1]
 * ```
 */
export function sequential(options: SequentialOptions): SequentialModel {
  return new Sequential(options);
}
