// Input checks of a cell step, run before any tfjs op sees the tensors: a bad input, state,
// mask or weight fails with an RnnkitError naming the cell, the tensor, and the expected and
// actual shapes — never a tfjs stack from deep inside matMul. Shapes only; no data is read.

import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import type { CellParams } from '../cell.js';
import { checkShape } from '../check.js';
import { RnnkitError, formatShape } from '../errors.js';

/** What a step expects: the cell's sizes and the Keras shape of its bias. */
export interface StepSpec {
  where: string;
  inputSize: number;
  units: number;
  gateCount: number;
  stateCount: number;
  biasShape: readonly number[];
  /** Appended to a bias shape error (e.g. how GRU's two bias layouts differ). */
  biasHint?: string;
}

function checkTensor(where: string, what: string, t: unknown): asserts t is Tensor {
  const candidate = t as Partial<Tensor> | null | undefined;
  if (candidate === null || typeof candidate !== 'object' || typeof candidate.rank !== 'number' || !Array.isArray(candidate.shape)) {
    const actual = Array.isArray(t) ? 'an array' : t === null ? 'null' : typeof t;
    throw new RnnkitError('INVALID_ARGUMENT', `${where}: ${what} must be a tf.Tensor, got ${actual}`, { what });
  }
  if (candidate.isDisposed) {
    throw new RnnkitError('DISPOSED', `${where}: ${what} ${formatShape(candidate.shape)} has been disposed`, { what });
  }
  if (candidate.dtype !== 'float32') {
    throw new RnnkitError('INVALID_ARGUMENT', `${where}: ${what} must have dtype float32, got ${String(candidate.dtype)}`, {
      what,
      dtype: candidate.dtype,
    });
  }
}

/** Checks the weights against the cell's Keras layout. */
export function checkParams(spec: StepSpec, params: CellParams): void {
  const { where, inputSize, units, gateCount } = spec;
  if (params === null || typeof params !== 'object') {
    throw new RnnkitError('INVALID_ARGUMENT', `${where}: params must be { kernel, recurrentKernel, bias }, got ${String(params)}`);
  }
  const expected: [keyof CellParams, readonly number[]][] = [
    ['kernel', [inputSize, gateCount * units]],
    ['recurrentKernel', [units, gateCount * units]],
    ['bias', spec.biasShape],
  ];
  for (const [name, shape] of expected) {
    checkTensor(where, name, params[name]);
    try {
      checkShape(where, name, params[name], shape);
    } catch (error) {
      if (name !== 'bias' || !spec.biasHint || !(error instanceof RnnkitError)) throw error;
      throw new RnnkitError(error.code, `${error.message}; ${spec.biasHint}`, error.details);
    }
  }
}

/** Checks params, the input x_t `[batch, inputSize]`, each state `[batch, units]` and the mask. */
export function checkStep(
  spec: StepSpec,
  params: CellParams,
  x: Tensor2D,
  state: readonly Tensor2D[],
  recurrentMask: Tensor2D | undefined,
): void {
  const { where, inputSize, units, stateCount } = spec;
  checkParams(spec, params);
  checkTensor(where, 'input x_t', x);
  checkShape(where, 'input x_t', x, [null, inputSize]);
  const batch = x.shape[0];
  if (!Array.isArray(state) || state.length !== stateCount) {
    const actual = Array.isArray(state) ? `${state.length} tensors` : typeof state;
    throw new RnnkitError('INVALID_ARGUMENT', `${where}: state must be ${stateCount === 1 ? '[h]' : '[h, c]'} (${stateCount} tensors), got ${actual}`);
  }
  state.forEach((s, i) => {
    const what = `state ${stateCount === 1 ? 'h' : ['h', 'c'][i]}`;
    checkTensor(where, what, s);
    checkShape(where, what, s, [batch, units]);
  });
  if (recurrentMask !== undefined) {
    checkTensor(where, 'recurrentMask', recurrentMask);
    checkShape(where, 'recurrentMask', recurrentMask, [batch, units]);
  }
}
