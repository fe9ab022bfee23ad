// The public types of recurrent layers: their options (Keras names, camelCase), the layer
// interface with its training hooks (cell, params, paramWeights) and the typing of `apply`.

import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import type { CellParams, RecurrentCell } from '../cell.js';
import type { BaseLayerOptions } from './base-layer.js';
import type { ApplyOptions, Layer, LayerWeight } from './layer.js';
import type { RnnCache } from './rnn-cache.js';

/** Options every recurrent layer shares (Keras names, camelCase). */
export interface RecurrentLayerOptions extends BaseLayerOptions {
  /**
   * Return the whole output sequence `[batch, T, units]` instead of the last output `[batch, units]`.
   * @default false
   */
  returnSequences?: boolean;
  /**
   * Also return the final states: `apply` gives `[output, ...states]`.
   * @default false
   */
  returnState?: boolean;
  /**
   * Read the sequence last step first; a returned sequence comes out reversed (Keras).
   * @default false
   */
  goBackwards?: boolean;
  /**
   * Keep the final state of each call as the initial state of the next, until `resetState()`.
   * The batch size is fixed by the first call.
   * @default false
   */
  stateful?: boolean;
  /**
   * Fraction of input features dropped (one mask per sequence), in training only.
   * @default 0
   */
  dropout?: number;
  /**
   * Fraction of the recurrent state dropped where it enters the recurrent matmul (one mask per
   * sequence), in training only.
   * @default 0
   */
  recurrentDropout?: number;
  /**
   * Seed of the dropout masks.
   * @default a stream forked from the rng the layer is built with
   */
  seed?: number;
}

/** Options of {@link rnn}. */
export interface RnnOptions<CellCache = unknown> extends RecurrentLayerOptions {
  /** The cell, or a function making it once the input size is known. */
  cell: RecurrentCell<CellCache> | ((inputSize: number) => RecurrentCell<CellCache>);
}

/** What `apply` returns for given options: `[output, ...states]` when `returnState: true`. */
export type RnnOutputOf<O> = O extends { returnState: true }
  ? Tensor[]
  : 'returnState' extends keyof O
    ? true extends O['returnState' & keyof O]
      ? Tensor | Tensor[]
      : Tensor
    : Tensor;

/** The weights behind a cell's {@link CellParams} (`bias` is `null` when `useBias: false`). */
export type CellParamWeights = { kernel: LayerWeight; recurrentKernel: LayerWeight; bias: LayerWeight | null };

/** A recurrent layer. Training uses `forward` plus @rnnkit/train's BPTT over {@link RnnCache}. */
export interface RnnLayer<Output extends Tensor | Tensor[] = Tensor | Tensor[], CellCache = unknown>
  extends Layer<Output, RnnCache<CellCache>> {
  /** The cell (throws `NOT_BUILT` before the layer is built). */
  readonly cell: RecurrentCell<CellCache>;
  /** The weights as the cell reads them: views of the layer's variables (do not dispose). */
  readonly params: CellParams;
  /** Which {@link LayerWeight} each cell param is, so gradients map to variables. */
  readonly paramWeights: CellParamWeights;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly goBackwards: boolean;
  readonly stateful: boolean;
  readonly dropout: number;
  readonly recurrentDropout: number;
  /** Whether masked steps output zeros instead of the previous output (Keras sets it inside Bidirectional). */
  readonly zeroOutputForMask: boolean;
  /** The stored state of a stateful layer (`null` before the first call or after a reset). */
  readonly states: readonly Tensor2D[] | null;
  /** Disposes the stored state (next call starts from zeros, any batch size), or stores copies of `states`. */
  resetState(states?: readonly Tensor[]): void;
  /**
   * Runs the sequence from `initialState` (zeros by default) and returns the output and the final
   * states, whatever `returnState` says; never reads or writes the stored state. Tidied.
   */
  applyWithState(x: Tensor, options?: ApplyOptions): { output: Tensor; states: Tensor2D[] };
}

/** The cache type of the cell in rnn options. */
export type CellCacheOf<O extends RnnOptions> = O['cell'] extends RecurrentCell<infer C>
  ? C
  : O['cell'] extends (inputSize: number) => RecurrentCell<infer C>
    ? C
    : unknown;
