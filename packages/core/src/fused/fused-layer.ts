// The fused path of a recurrent layer for training: `fusedForward` runs the whole sequence in
// one fused kernel (sequence-forward.ts) and keeps its trace; `fusedBackward` is BPTT over
// that trace (sequence-backward.ts). Same semantics and numbers as `layer.forward` plus a
// step-by-step BPTT over its RnnCache (masks, goBackwards, initial/stored state, stateful,
// input and recurrent dropout drawn in the same order from the same rng).

import { tensor } from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import type { CellParamGradients } from '../cell.js';
import { checkShape } from '../check.js';
import { RnnkitError, formatShape } from '../errors.js';
import { dropoutMask } from '../layers/dropout-mask.js';
import type { ForwardContext } from '../layers/layer.js';
import type { RnnLayer } from '../layers/rnn.js';
import { fusedMath } from './fused-backend.js';
import type { FusedBackendName } from './fused-backend.js';
import { backwardSequence } from './sequence-backward.js';
import { forwardSequence } from './sequence-forward.js';
import { sequenceInput, sequenceTensor, toTimeMajor } from './sequence-input.js';
import type { FusedCellSpec, SequenceTrace } from './sequence-types.js';

/**
 * Holds a fused forward trace (plain Float32Arrays). A class with a private field, so walkers
 * of tensor containers (`tf.dispose(cache)`) never iterate the arrays.
 */
export class FusedTrace {
  #trace: SequenceTrace | null;
  readonly #backend: FusedBackendName;
  constructor(trace: SequenceTrace, backend: FusedBackendName) {
    this.#trace = trace;
    this.#backend = backend;
  }
  /** The trace; throws `DISPOSED` once released (a backward pass consumes it). */
  get trace(): SequenceTrace {
    if (!this.#trace) throw new RnnkitError('DISPOSED', 'fused BPTT: this forward trace was already used by a backward pass (or kept none: training false)');
    return this.#trace;
  }
  get backend(): FusedBackendName {
    return this.#backend;
  }
  /** Frees the trace's buffers (WASM module memory is reused by the next call). */
  release(): void {
    if (this.#trace) fusedMath(this.#backend).release(this.#trace);
    this.#trace = null;
  }
}

/** Cache of {@link fusedForward}: the trace plus what BPTT needs to map gradients back. */
export type FusedRnnCache = {
  fused: FusedTrace;
  /** s_{T−1} (owned by the cache, like `RnnCache.finalState`). */
  finalState: Tensor2D[];
  /** Input time index read at processing step k. */
  timeIndices: number[];
  returnSequences: boolean;
  goBackwards: boolean;
  batchSize: number;
  timeSteps: number;
  inputSize: number;
  units: number;
};

/** Options of {@link fusedForward} beyond the layer's training context. */
export interface FusedOptions {
  /**
   * Arithmetic backend of the kernel.
   * @default the current one ({@link fusedBackend})
   */
  backend?: FusedBackendName;
  /**
   * Keep the forward trace for {@link fusedBackward}.
   * @default ctx.training
   */
  keepTrace?: boolean;
}

/** Gradients from {@link fusedBackward} (shapes as @rnnkit/train's BPTT returns them). */
export type FusedBackwardResult = {
  /** ∂L/∂x `[batch, T, inputSize]`, input time order. */
  dx: Tensor3D;
  /** ∂L/∂params (a zero `bias` entry for a layer without bias). */
  dParams: CellParamGradients;
  dInitialState: Tensor2D[];
  hiddenGradNorms: number[] | null;
};

/** The cell settings a fused kernel needs, from a built layer. */
export function fusedSpec(layer: RnnLayer): FusedCellSpec {
  const { kind, units, inputSize, activation, recurrentActivation, resetAfter } = layer.cell.config;
  return { kind, units, inputSize, activation, recurrentActivation: recurrentActivation ?? 'sigmoid', resetAfter: resetAfter ?? false };
}

/**
 * `true` when {@link fusedForward} can run this layer with this context: a built layer made by
 * `simpleRnn`, `lstm` or `gru`, and — when dropout is active — an explicit `ctx.rng` (the
 * layer's own private dropout stream cannot be shared).
 */
export function canFuse(layer: RnnLayer, ctx: Partial<ForwardContext> = {}): boolean {
  // Only the named layers (lstm, gru, simpleRnn) are known to hold rnnkit's own cells; an
  // rnn({ cell }) may hold any cell, so it keeps the step-by-step path.
  if (!layer.built || layer.className !== layer.cell.config.kind) return false;
  const dropping = (ctx.training ?? false) && (layer.dropout > 0 || layer.recurrentDropout > 0);
  return !dropping || ctx.rng !== undefined;
}

/**
 * A training forward pass through a recurrent layer on the fused kernel: output as
 * `layer.forward(x, ctx)` gives it, and a {@link FusedRnnCache} for {@link fusedBackward}.
 * A stateful layer stores its final state as `forward` would.
 *
 * @example
 * ```ts
 * const { output, cache } = fusedForward(layer, x, { training: true, rng });
 * const { dx, dParams } = fusedBackward(layer, cache, dOutput);
 * tf.dispose([output, cache.finalState]);
 * ```
 */
export function fusedForward(layer: RnnLayer, x: Tensor, ctx: ForwardContext, options: FusedOptions = {}): { output: Tensor; cache: FusedRnnCache } {
  const where = `fused ${layer.className} layer '${layer.name}'`;
  if (!layer.built) layer.build([null, ...x.shape.slice(1)]);
  if (!canFuse(layer, ctx)) {
    throw new RnnkitError('UNSUPPORTED', `${where}: dropout in training needs ctx.rng for the fused path (or a custom cell was given); use layer.forward`);
  }
  const spec = fusedSpec(layer);
  const { units: U, inputSize: I } = spec;
  checkShape(where, 'input', x, [null, null, I]);
  const [B, T] = x.shape as [number, number, number];
  if (T === 0 || B === 0) throw new RnnkitError('EMPTY_INPUT', `${where}: input ${formatShape(x.shape)} has no time steps or rows`, { actual: x.shape });
  const stored = layer.stateful && !ctx.initialState ? layer.states : null;
  if (stored && stored[0]?.shape[0] !== B) {
    throw new RnnkitError('SHAPE_MISMATCH', `${where}: a stateful layer keeps batch size ${stored[0]?.shape[0]} until resetState(); got input ${formatShape(x.shape)}`, { expected: stored[0]?.shape[0], actual: x.shape });
  }
  if (ctx.mask) checkShape(where, 'mask', ctx.mask, [B, T]);
  const stateCount = layer.cell.stateSizes.length;
  if (ctx.initialState) {
    if (ctx.initialState.length !== stateCount) {
      throw new RnnkitError('INVALID_ARGUMENT', `${where}: initialState needs ${stateCount} state tensor(s) [${B}, ${U}], got ${ctx.initialState.length}`);
    }
    ctx.initialState.forEach((s, i) => checkShape(where, `initialState[${i}]`, s, [B, U]));
  }
  const dropping = ctx.training && ctx.rng !== undefined;
  const inputMask = dropping && layer.dropout > 0 ? readAndDispose(dropoutMask([B, I], layer.dropout, ctx.rng as NonNullable<ForwardContext['rng']>)) : null;
  const recurrentMask = dropping && layer.recurrentDropout > 0 ? readAndDispose(dropoutMask([B, U], layer.recurrentDropout, ctx.rng as NonNullable<ForwardContext['rng']>)) : null;

  const timeIndices = Array.from({ length: T }, (_, k) => (layer.goBackwards ? T - 1 - k : k));
  const initial = ctx.initialState ?? stored;
  const math = fusedMath(options.backend);
  const input = sequenceInput(layer, spec, x, timeIndices, {
    mask: ctx.mask ?? null,
    inputMask,
    recurrentMask,
    initialState: initial ? initial.map((s) => s.dataSync() as Float32Array) : Array.from({ length: stateCount }, () => new Float32Array(B * U)),
  });
  const trace = forwardSequence(math, input);
  const output = layer.returnSequences ? sequenceTensor(trace.outputs, B, T, U) : tensor(trace.outputs.slice((T - 1) * B * U), [B, U]);
  const finalState = trace.finalState.map((s) => tensor(s, [B, U]) as Tensor2D);
  if (layer.stateful) layer.resetState(finalState);
  const fused = new FusedTrace(trace, math.name);
  if (!(options.keepTrace ?? ctx.training)) fused.release();
  const cache: FusedRnnCache = {
    fused,
    finalState,
    timeIndices,
    returnSequences: layer.returnSequences,
    goBackwards: layer.goBackwards,
    batchSize: B,
    timeSteps: T,
    inputSize: I,
    units: U,
  };
  return { output, cache };
}

/** Options of {@link fusedBackward}. */
export interface FusedBackwardOptions {
  /**
   * ∂L/∂(final state), one entry per state tensor (`null` = 0).
   * @default all zero
   */
  dFinalState?: readonly (Tensor | null)[];
  /**
   * Also return ‖∂L/∂h_k‖ per processing step.
   * @default false
   */
  recordHiddenGradNorms?: boolean;
}

/**
 * BPTT over a {@link fusedForward} trace: the fused backward kernel (one recurrent matmul per
 * step; the weight gradients as one matmul each over all steps). Returns new tensors. The
 * trace is consumed (its buffers are reused): one backward pass per forward pass.
 *
 * @example
 * ```ts
 * const { dx, dParams, dInitialState } = fusedBackward(layer, cache, dOutput);
 * ```
 */
export function fusedBackward(layer: RnnLayer, cache: FusedRnnCache, dOutput: Tensor, options: FusedBackwardOptions = {}): FusedBackwardResult {
  const { batchSize: B, timeSteps: T, units: U, inputSize: I, returnSequences } = cache;
  const where = `fused BPTT (${layer.cell.kind})`;
  checkShape(where, '∂L/∂output', dOutput, returnSequences ? [B, T, U] : [B, U]);
  const { trace } = cache.fused;
  const data = dOutput.dataSync() as Float32Array;
  const dOut = returnSequences ? { sequence: toTimeMajor(data, B, T, U, null) } : { last: data };
  const dFinal = (options.dFinalState ?? []).map((d, i) => {
    if (!d) return null;
    checkShape(where, `dFinalState[${i}]`, d, [B, U]);
    return d.dataSync() as Float32Array;
  });
  const g = backwardSequence(fusedMath(cache.fused.backend), trace, dOut, dFinal, options.recordHiddenGradNorms ?? false);
  cache.fused.release();
  const inputMask = trace.input.inputMask;
  // dX̃ is in processing order; map back to input time order and through the input mask.
  const dx = new Float32Array(B * T * I);
  cache.timeIndices.forEach((t, k) => {
    for (let b = 0; b < B; b++) {
      for (let i = 0; i < I; i++) {
        const v = g.dx[(k * B + b) * I + i] as number;
        dx[(b * T + t) * I + i] = inputMask ? v * (inputMask[b * I + i] as number) : v;
      }
    }
  });
  const { kind, units } = trace.input.spec;
  const G = kind === 'LSTM' ? 4 : kind === 'GRU' ? 3 : 1;
  const biasShape = layer.cell.paramShapes().bias;
  return {
    dx: tensor(dx, [B, T, I]) as Tensor3D,
    dParams: {
      kernel: tensor(g.dKernel, [I, G * units]) as Tensor2D,
      recurrentKernel: tensor(g.dRecurrentKernel, [units, G * units]) as Tensor2D,
      bias: tensor(g.dBias, biasShape as [number] | [number, number]) as CellParamGradients['bias'],
    },
    dInitialState: g.dInitialState.map((s) => tensor(s, [B, U]) as Tensor2D),
    hiddenGradNorms: g.hiddenGradNorms,
  };
}

function readAndDispose(t: Tensor): Float32Array {
  const data = t.dataSync() as Float32Array;
  t.dispose();
  return data;
}
