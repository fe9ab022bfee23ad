// The time loop of a recurrent layer (Keras `K.rnn`): steps a cell over a sequence with an
// optional time mask, input and recurrent dropout masks, reading it backwards on request.
// The equations are written in rnn-cache.ts. Call inside `tf.tidy`.

import { cast, clone, expandDims, mul, notEqual, reverse, stack, unstack, where, zeros, zerosLike } from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import type { CellParams, RecurrentCell } from '../cell.js';

export type RnnLoopInput<CellCache> = {
  cell: RecurrentCell<CellCache>;
  params: CellParams;
  x: Tensor3D;
  initialState: Tensor2D[];
  mask: Tensor | null;
  inputMask: Tensor2D | null;
  recurrentMask: Tensor2D | null;
  goBackwards: boolean;
  zeroOutputForMask: boolean;
};

export type RnnLoopResult<CellCache> = {
  /** o_k for every processing step, oldest first. */
  outputs: Tensor2D[];
  finalState: Tensor2D[];
  steps: CellCache[];
  timeIndices: number[];
  stepMasks: Tensor2D[] | null;
  timeMask: Tensor2D | null;
};

/** A time mask (bool or numeric, non-zero = keep) as float 0/1. */
export function toFloatMask(mask: Tensor): Tensor {
  return mask.dtype === 'bool' ? cast(mask, 'float32') : cast(notEqual(mask, 0), 'float32');
}

export function runRnnLoop<CellCache>(input: RnnLoopInput<CellCache>): RnnLoopResult<CellCache> {
  const { cell, params, x, inputMask, recurrentMask, goBackwards, zeroOutputForMask } = input;
  const timeSteps = x.shape[1];
  const inputsByTime = unstack(x, 1) as Tensor2D[];
  const timeIndices = Array.from({ length: timeSteps }, (_, k) => (goBackwards ? timeSteps - 1 - k : k));
  const timeMask = input.mask ? (toFloatMask(input.mask) as Tensor2D) : null;
  const masksByTime = timeMask ? (unstack(expandDims(timeMask, 2), 1) as Tensor2D[]) : null;
  const stepMasks = masksByTime ? timeIndices.map((t) => masksByTime[t] as Tensor2D) : null;

  // Clones, so the cache owns the starting state (the caller's tensors stay untouched).
  let state = input.initialState.map((s) => clone(s));
  let previousOutput: Tensor2D | null = null;
  const outputs: Tensor2D[] = [];
  const steps: CellCache[] = [];

  timeIndices.forEach((t, k) => {
    const xt = inputsByTime[t] as Tensor2D;
    const stepInput = inputMask ? (mul(xt, inputMask) as Tensor2D) : xt;
    const result = cell.step(params, stepInput, state, recurrentMask ? { recurrentMask } : {});
    steps.push(result.cache);
    const m = stepMasks ? (stepMasks[k] as Tensor2D) : null;
    if (!m) {
      outputs.push(result.output);
      state = result.state;
      return;
    }
    // Keras: where(mask, new, carried); the carried output starts at zero.
    const keep = cast(m, 'bool');
    const carried = zeroOutputForMask || !previousOutput ? zerosLike(result.output) : previousOutput;
    const output = where(keep, result.output, carried) as Tensor2D;
    state = result.state.map((s, i) => where(keep, s, state[i] as Tensor2D) as Tensor2D);
    outputs.push(output);
    previousOutput = output;
  });
  return { outputs, finalState: state, steps, timeIndices, stepMasks, timeMask };
}

/** Output of the layer from the loop: the stacked sequence or a fresh copy of the last output. */
export function layerOutput(outputs: Tensor2D[], returnSequences: boolean): Tensor {
  if (returnSequences) return stack(outputs, 1);
  return clone(outputs[outputs.length - 1] as Tensor2D);
}

/** Reverses a `[batch, T, …]` sequence along time (a bidirectional layer's backward half). */
export function reverseTime(x: Tensor): Tensor {
  return reverse(x, 1);
}

/** Zero initial states `[batch, size]` for each state tensor of a cell. */
export function zeroStates(stateSizes: readonly number[], batchSize: number): Tensor2D[] {
  return stateSizes.map((size) => zeros([batchSize, size]) as Tensor2D);
}

