// A recurrent layer's insides, step by step, as plain numbers: the gate activations and the
// states after every step of one batch row, read from the cache of the step-by-step forward pass
// (`rnnLayer.forward(x, ctx)` with the default path) and put in input time order. This is where
// the cells' cache fields are known; callers (the CLI's `inspect`, charts) need not know them.

import type { CellKind } from '../cell.js';
import { RnnkitError } from '../errors.js';
import type { RnnCache } from './rnn-cache.js';
import type { Tensor2D } from '@tensorflow/tfjs-core';

/** Time steps × units. */
export type StepMatrix = number[][];

/** What {@link stepTrace} returns; every series is in input time order (`[t][unit]`). */
export interface StepTrace {
  /** h_t: the hidden state after the step that read input step t. */
  readonly hidden: StepMatrix;
  /** c_t: the LSTM's cell state after that step (`null` for other cells). */
  readonly cell: StepMatrix | null;
  /**
   * Gate activations by the cell's names: LSTM `i`, `f`, `g` (candidate), `o`; GRU `z`, `r`,
   * `candidate` (h̃); SimpleRNN none.
   */
  readonly gates: Readonly<Record<string, StepMatrix>>;
}

/** The gate fields of each cell's step cache. */
export const CELL_GATES: Readonly<Record<CellKind, readonly string[]>> = { LSTM: ['i', 'f', 'g', 'o'], GRU: ['z', 'r', 'candidate'], SimpleRNN: [] };

type StepCache = Readonly<Record<string, Tensor2D | undefined>>;

/**
 * The gates and states of batch row `row` at every step of a recurrent layer's forward pass.
 * `cache` must come from the step-by-step path (`layer.forward(x, ctx)`, or @rnnkit/train's
 * `forwardModel(…, { fused: false })`): the fused kernels keep raw buffers instead. With
 * `goBackwards` the steps are put back in input order; masked (padded) steps show the state the
 * layer carried over them. Reads the cache; frees nothing.
 *
 * @example
 * ```ts
 * const { cache } = layer.forward(x, { training: false, mask: null });
 * const trace = stepTrace(cache, layer.cell.kind);
 * trace.gates['f']; // the forget gate, [T][units]
 * ```
 */
export function stepTrace(cache: RnnCache, kind: CellKind, row = 0): StepTrace {
  const steps = cache.steps as StepCache[];
  const T = steps.length;
  if (!Number.isInteger(row) || row < 0 || row >= cache.batchSize) {
    throw new RnnkitError('INVALID_ARGUMENT', `stepTrace: row must be an integer in [0, ${cache.batchSize}), got ${String(row)}`);
  }
  const field = (k: number, name: string): Tensor2D => {
    const t = steps[k]?.[name];
    if (!t) throw new RnnkitError('INVALID_ARGUMENT', `stepTrace: step ${k} of the cache has no '${name}': pass the cache of the step-by-step forward pass of a ${kind} layer`);
    return t;
  };
  const rowOf = (t: Tensor2D): number[] => {
    const units = t.shape[1];
    return Array.from(t.dataSync().subarray(row * units, (row + 1) * units));
  };
  const maskAt = (k: number): number => (cache.stepMasks ? ((cache.stepMasks[k] as Tensor2D).dataSync()[row] as number) : 1);
  /** The state the step after k started from (the final state after the last step): s_k exactly. */
  const stateAfter = (k: number, name: string, index: number): number[] => rowOf(k + 1 < T ? field(k + 1, name) : (cache.finalState[index] as Tensor2D));

  let hidden: StepMatrix;
  if (kind === 'GRU' || !cache.recurrentMask) {
    // GRU keeps h_{k−1} itself; the others keep it ⊙ recurrent-dropout mask, which is h when there is none.
    hidden = steps.map((_, k) => stateAfter(k, kind === 'GRU' ? 'hPrev' : 'hPrevMasked', 0));
  } else {
    // With recurrent dropout: h_k = m_k·h'_k + (1 − m_k)·h_{k−1}, h'_k as the cell computed it.
    hidden = [];
    let previous = rowOf(cache.initialState[0] as Tensor2D);
    for (let k = 0; k < T; k++) {
      let next: number[];
      if (kind === 'LSTM') {
        const cActivated = rowOf(field(k, 'cActivated'));
        next = rowOf(field(k, 'o')).map((o, j) => Math.fround(o * (cActivated[j] as number))); // float32 o ⊙ φ(c), as the cell's mul
      } else next = rowOf(field(k, 'h'));
      previous = maskAt(k) === 1 ? next : previous;
      hidden.push(previous);
    }
  }
  const cell = kind === 'LSTM' ? steps.map((_, k) => stateAfter(k, 'cPrev', 1)) : null;
  const gates = Object.fromEntries(CELL_GATES[kind].map((name) => [name, inTimeOrder(steps.map((_, k) => rowOf(field(k, name))), cache.timeIndices)]));
  return { hidden: inTimeOrder(hidden, cache.timeIndices), cell: cell ? inTimeOrder(cell, cache.timeIndices) : null, gates };
}

/** Per-step values put in input time order (`timeIndices[k]` is the input step read at step k). */
function inTimeOrder<T>(values: readonly T[], timeIndices: readonly number[]): T[] {
  const out = [...values];
  timeIndices.forEach((t, k) => (out[t] = values[k] as T));
  return out;
}
