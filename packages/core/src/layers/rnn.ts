// A recurrent layer over any RecurrentCell (Keras `RNN`): returnSequences, returnState,
// initialState, goBackwards, stateful, masking, and input/recurrent dropout with seeded masks
// fixed over the sequence. The time loop is in rnn-loop.ts, the cache format in rnn-cache.ts.

import { clone, dispose, keep } from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import type { CellParams, RecurrentCell } from '../cell.js';
import { checkShape } from '../check.js';
import { RnnkitError, formatShape } from '../errors.js';
import { createRng } from '../rng.js';
import type { Rng } from '../rng.js';
import { BaseLayer, baseConfig } from './base-layer.js';
import { checkRate, dropoutMask } from './dropout-mask.js';
import type { ApplyOptions, ForwardContext, ForwardResult, KerasLayerConfig, LayerWeight, Shape } from './layer.js';
import { kerasCellClass, kerasCellConfig, kerasSequenceConfig } from './recurrent-config.js';
import type { CellSettings } from './recurrent-config.js';
import type { RnnCache } from './rnn-cache.js';
import type { CellCacheOf, CellParamWeights, RecurrentLayerOptions, RnnLayer, RnnOptions, RnnOutputOf } from './rnn-types.js';
import { layerOutput, runRnnLoop, zeroStates } from './rnn-loop.js';
import { tidyKeep } from './cache-tensors.js';

export type { CellCacheOf, CellParamWeights, RecurrentLayerOptions, RnnLayer, RnnOptions, RnnOutputOf } from './rnn-types.js';

/** Internal options the named conveniences (lstm, gru, simpleRnn) pass. */
export type RnnInternals = { className?: string; cellSettings?: CellSettings };

type RunOptions = {
  training: boolean;
  rng: Rng | null;
  mask: Tensor | null;
  initialState: readonly Tensor[] | null;
  useStored: boolean;
};

export class RnnLayerImpl<Output extends Tensor | Tensor[], CellCache> extends BaseLayer<Output, RnnCache<CellCache>> implements RnnLayer<Output, CellCache> {
  readonly className: string;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly goBackwards: boolean;
  readonly stateful: boolean;
  readonly dropout: number;
  readonly recurrentDropout: number;
  zeroOutputForMask = false;
  private readonly options: RnnOptions<CellCache>;
  private readonly internals: RnnInternals;
  private builtCell: RecurrentCell<CellCache> | null = null;
  private constantBias: Tensor | null = null;
  private storedStates: Tensor2D[] | null = null;
  private dropoutRng: Rng | null = null;

  constructor(options: RnnOptions<CellCache>, internals: RnnInternals = {}) {
    const className = internals.className ?? 'RNN';
    super(options, className === 'RNN' ? 'rnn' : className === 'SimpleRNN' ? 'simple_rnn' : className.toLowerCase());
    this.className = className;
    this.options = options;
    this.internals = internals;
    this.returnSequences = options.returnSequences ?? false;
    this.returnState = options.returnState ?? false;
    this.goBackwards = options.goBackwards ?? false;
    this.stateful = options.stateful ?? false;
    this.dropout = options.dropout ?? 0;
    this.recurrentDropout = options.recurrentDropout ?? 0;
    checkRate(this.where(), 'dropout', this.dropout);
    checkRate(this.where(), 'recurrentDropout', this.recurrentDropout);
    if (typeof options.cell !== 'function' && (options.cell === null || typeof options.cell !== 'object' || typeof options.cell.step !== 'function')) {
      throw new RnnkitError('INVALID_ARGUMENT', `${this.where()}: cell must be a RecurrentCell or a function (inputSize) => RecurrentCell`);
    }
  }

  /** A same-config layer with some options replaced (Bidirectional's backward half). */
  recreate(overrides: Partial<RecurrentLayerOptions>): RnnLayerImpl<Output, CellCache> {
    return new RnnLayerImpl<Output, CellCache>({ ...this.options, ...overrides }, this.internals);
  }

  get cell(): RecurrentCell<CellCache> {
    if (!this.builtCell) throw new RnnkitError('NOT_BUILT', `${this.where()}: the cell exists once the layer is built`);
    return this.builtCell;
  }

  get params(): CellParams {
    const [kernel, recurrentKernel, bias] = this.requireWeights();
    return { kernel, recurrentKernel, bias: (bias ?? this.constantBias) as CellParams['bias'] } as CellParams;
  }

  get paramWeights(): CellParamWeights {
    this.requireWeights();
    const [kernel, recurrentKernel, bias] = this.weights;
    return { kernel: kernel as LayerWeight, recurrentKernel: recurrentKernel as LayerWeight, bias: bias ?? null };
  }

  get states(): readonly Tensor2D[] | null {
    return this.storedStates;
  }

  computeOutputShape(inputShape: Shape): Shape {
    this.validateInputShape(inputShape);
    const units = this.cellFor(inputShape[2] as number).units;
    return this.returnSequences ? [inputShape[0] ?? null, inputShape[1] ?? null, units] : [inputShape[0] ?? null, units];
  }

  computeMask(_x: Tensor, mask: Tensor | null): Tensor | null {
    return this.returnSequences && mask ? clone(mask) : null;
  }

  apply(x: Tensor, options: ApplyOptions = {}): Output {
    this.prepare('apply', x, options);
    const { output, finalState } = tidyKeep(() => this.run(x, this.runOptions(options, null, true), false));
    this.store(finalState);
    if (this.returnState) return [output, ...finalState] as Output;
    dispose(finalState);
    return output as Output;
  }

  applyWithState(x: Tensor, options: ApplyOptions = {}): { output: Tensor; states: Tensor2D[] } {
    this.prepare('applyWithState', x, options);
    const { output, finalState } = tidyKeep(() => this.run(x, this.runOptions(options, null, false), false));
    return { output, states: finalState };
  }

  forward(x: Tensor, ctx: ForwardContext): ForwardResult<RnnCache<CellCache>> {
    this.prepare('forward', x);
    const { output, finalState, cache } = tidyKeep(() => this.run(x, this.runOptions(ctx, ctx.rng ?? null, true), true));
    this.store(finalState);
    return { output, cache: cache as RnnCache<CellCache> };
  }

  resetState(states?: readonly Tensor[]): void {
    this.assertLive('resetState');
    if (!this.stateful) {
      throw new RnnkitError('INVALID_ARGUMENT', `${this.where()}: resetState() needs stateful: true`);
    }
    if (states !== undefined) {
      if (!this.builtCell) throw new RnnkitError('NOT_BUILT', `${this.where()}: resetState(states) before the layer is built`);
      this.checkStates('resetState', states, states[0]?.shape[0] ?? 0);
    }
    dispose(this.storedStates ?? []);
    this.storedStates = states ? states.map((s) => keep(clone(s)) as Tensor2D) : null;
  }

  getConfig(): KerasLayerConfig {
    const sequence = kerasSequenceConfig(this);
    const settings = this.internals.cellSettings ?? this.builtCell?.config ?? (typeof this.options.cell === 'function' ? null : this.options.cell.config);
    const rates = { dropout: this.dropout, recurrentDropout: this.recurrentDropout };
    const seed = { seed: this.options.seed ?? null };
    if (this.className !== 'RNN' && settings) return { ...baseConfig(this), ...sequence, ...kerasCellConfig(settings, rates), ...seed };
    const cell = settings ? { class_name: kerasCellClass[settings.kind], config: { name: `${settings.kind.toLowerCase()}_cell`, trainable: this.trainable, dtype: 'float32', ...kerasCellConfig(settings, rates) } } : null;
    return { ...baseConfig(this), ...sequence, cell, ...seed };
  }

  protected validateInputShape(inputShape: Shape): void {
    const size = inputShape[2];
    if (inputShape.length !== 3 || size === null || size === undefined) {
      throw new RnnkitError('RANK_MISMATCH', `${this.where()}: input must be [batch, timeSteps, features] with known features, got ${formatShape(inputShape)}`, { actual: inputShape });
    }
    const fixed = typeof this.options.cell === 'function' ? null : this.options.cell.inputSize;
    if (fixed !== null && fixed !== size) {
      throw new RnnkitError('SHAPE_MISMATCH', `${this.where()}: input must have shape [?, ?, ${fixed}] (the cell's inputSize), got ${formatShape(inputShape)}`, { expected: [null, null, fixed], actual: inputShape });
    }
  }

  protected makeWeights(inputShape: Shape, rng: Rng): { suffix: string; value: Tensor }[] {
    const cell = this.cellFor(inputShape[2] as number);
    const { kernel, recurrentKernel, bias } = cell.initParams(rng.fork());
    this.builtCell = cell;
    const values = [
      { suffix: 'kernel', value: kernel as Tensor },
      { suffix: 'recurrent_kernel', value: recurrentKernel as Tensor },
    ];
    if (cell.config.useBias) values.push({ suffix: 'bias', value: bias });
    else this.constantBias = keep(bias);
    return values;
  }

  protected override afterBuild(_inputShape: Shape, rng: Rng): void {
    this.dropoutRng = this.options.seed !== undefined ? createRng(this.options.seed) : rng.fork();
  }

  protected override defaultSeed(): number {
    return this.options.seed ?? 0;
  }

  protected override disposeState(): void {
    dispose(this.storedStates ?? []);
    this.storedStates = null;
    this.constantBias?.dispose();
    this.constantBias = null;
  }

  private cellFor(inputSize: number): RecurrentCell<CellCache> {
    if (this.builtCell) return this.builtCell;
    return typeof this.options.cell === 'function' ? this.options.cell(inputSize) : this.options.cell;
  }

  private requireWeights(): readonly Tensor[] {
    if (!this.weightSet) throw new RnnkitError('NOT_BUILT', `${this.where()}: the weights exist once the layer is built`);
    return this.weightSet.variables;
  }

  private runOptions(options: ApplyOptions | ForwardContext, rng: Rng | null, useStored: boolean): RunOptions {
    return {
      training: options.training ?? false,
      rng: rng ?? this.dropoutRng,
      mask: options.mask ?? null,
      initialState: options.initialState ?? null,
      useStored: useStored && this.stateful,
    };
  }

  /** Keeps the final state of a stateful layer (disposing the previous one). */
  private store(finalState: Tensor2D[]): void {
    if (!this.stateful) return;
    const previous = this.storedStates ?? [];
    this.storedStates = finalState.map((s) => keep(clone(s)));
    dispose(previous);
  }

  private checkStates(what: string, states: readonly Tensor[], batch: number): void {
    const cell = this.cell;
    if (states.length !== cell.stateSizes.length) {
      throw new RnnkitError('INVALID_ARGUMENT', `${this.where()}: ${what} needs ${cell.stateSizes.length} state tensor(s) (${cell.stateSizes.map((n) => formatShape([batch, n])).join(', ')}), got ${states.length}`, { expected: cell.stateSizes.length, actual: states.length });
    }
    states.forEach((s, i) => checkShape(this.where(), `${what}[${i}]`, s, [batch, cell.stateSizes[i] as number]));
  }

  private run(x: Tensor, options: RunOptions, keepCache: boolean): { output: Tensor; finalState: Tensor2D[]; cache: RnnCache<CellCache> | null } {
    const cell = this.cell;
    checkShape(this.where(), 'input', x, [null, null, cell.inputSize]);
    const [batch, timeSteps] = x.shape as [number, number, number];
    if (timeSteps === 0) throw new RnnkitError('EMPTY_INPUT', `${this.where()}: input has 0 time steps ${formatShape(x.shape)}`, { actual: x.shape });
    const stored = options.useStored ? this.storedStates : null;
    if (stored && stored[0]?.shape[0] !== batch) {
      throw new RnnkitError('SHAPE_MISMATCH', `${this.where()}: a stateful layer keeps batch size ${stored[0]?.shape[0]} until resetState(); got input ${formatShape(x.shape)}`, { expected: stored[0]?.shape[0], actual: x.shape });
    }
    if (options.mask) checkShape(this.where(), 'mask', options.mask, [batch, timeSteps]);
    if (options.initialState) this.checkStates('initialState', options.initialState, batch);
    const initialState = (options.initialState as Tensor2D[] | null) ?? stored ?? zeroStates(cell.stateSizes, batch);
    const dropping = options.training && options.rng !== null;
    const rng = options.rng as Rng;
    const inputMask = dropping && this.dropout > 0 ? (dropoutMask([batch, cell.inputSize], this.dropout, rng) as Tensor2D) : null;
    const recurrentMask = dropping && this.recurrentDropout > 0 ? (dropoutMask([batch, cell.units], this.recurrentDropout, rng) as Tensor2D) : null;
    const loop = runRnnLoop({ cell, params: this.params, x: x as Tensor3D, initialState, mask: options.mask, inputMask, recurrentMask, goBackwards: this.goBackwards, zeroOutputForMask: this.zeroOutputForMask });
    const output = layerOutput(loop.outputs, this.returnSequences);
    if (!keepCache) return { output, finalState: loop.finalState, cache: null };
    const cache: RnnCache<CellCache> = {
      steps: loop.steps,
      timeIndices: loop.timeIndices,
      stepMasks: loop.stepMasks,
      timeMask: loop.timeMask,
      inputMask,
      recurrentMask,
      initialState: initialState.map((s) => clone(s)),
      finalState: loop.finalState,
      goBackwards: this.goBackwards,
      returnSequences: this.returnSequences,
      zeroOutputForMask: this.zeroOutputForMask,
      batchSize: batch,
      timeSteps,
      inputSize: cell.inputSize,
      units: cell.units,
    };
    return { output, finalState: loop.finalState, cache };
  }
}

/**
 * A recurrent layer over any cell (Keras `RNN`).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { rnn, simpleRnnCell } from '@rnnkit/core';
 *
 * const layer = rnn({ cell: (inputSize) => simpleRnnCell({ units: 8, inputSize }), returnSequences: true });
 * const y = layer.apply(tf.ones([2, 5, 3])); // [2, 5, 8]
 * ```
 */
export function rnn<const O extends RnnOptions>(options: O): RnnLayer<RnnOutputOf<O>, CellCacheOf<O>> {
  return new RnnLayerImpl<RnnOutputOf<O>, CellCacheOf<O>>(options as RnnOptions<CellCacheOf<O>>);
}


/** `true` for a recurrent layer made by rnn(), simpleRnn(), lstm() or gru(). */
export function isRnnLayer(layer: unknown): layer is RnnLayer {
  return layer instanceof RnnLayerImpl;
}
