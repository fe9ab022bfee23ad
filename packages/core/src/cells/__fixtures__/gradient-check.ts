// Test harness: checks a cell's analytic backward step against two references at once —
// tf.grads of the cell's own forward step, and float64 central differences of the independent
// reference forward (reference-cells.ts). The loss is L = Σ y_t ⊙ dY + Σ_k state_k ⊙ dS_k, so
// both the output gradient and every state gradient from "step t+1" are exercised.

import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import type { CellParams, RecurrentCell } from '../../cell.js';
import { createRng } from '../../rng.js';
import { referenceStep } from './reference-cells.js';
import type { Matrix, ReferenceParams } from './reference-cells.js';

export interface GradientCheckOptions {
  seed: number;
  batch?: number;
  /** Use a recurrent-dropout mask (entries 0 or 2). */
  withMask?: boolean;
  /** Pass dOutput = null (only the state gradients flow). */
  noOutputGradient?: boolean;
}

export interface GradientCheckResult {
  /** max |cell forward − float64 reference forward| over the new state. */
  forwardError: number;
  /** ‖analytic − tf.grads‖ / ‖tf.grads‖ per gradient. */
  autoRel: Record<string, number>;
  /** ‖analytic − central differences‖ / ‖central differences‖ per gradient. */
  numericRel: Record<string, number>;
  /** tf.memory().numTensors after minus before. */
  leaked: number;
  /** Every value each activation was applied to in the (float64 reference) forward step, by name. */
  activationInputs: Record<string, number[]>;
}

/** hard_sigmoid's kinks: clip(0.2·x + 0.5, 0, 1) bends at x = ±2.5. */
const hardSigmoidKink = 2.5;

function relError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < b.length; i++) {
    diff += (a[i]! - b[i]!) ** 2;
    norm += b[i]! ** 2;
  }
  return Math.sqrt(diff) / Math.max(Math.sqrt(norm), 1e-12);
}

function nest(flat: readonly number[], shape: readonly number[]): number[] | Matrix {
  if (shape.length === 1) return [...flat];
  const cols = shape[1]!;
  return Array.from({ length: shape[0]! }, (_, r) => flat.slice(r * cols, (r + 1) * cols));
}

export function checkCellGradients(cell: RecurrentCell, params: CellParams, options: GradientCheckOptions): GradientCheckResult {
  const { seed, batch = 2, withMask = false, noOutputGradient = false } = options;
  const rng = createRng(seed);
  const normal = (shape: [number, number]): tf.Tensor2D =>
    tf.tensor2d(Array.from({ length: shape[0] * shape[1] }, () => rng.normal()), shape);
  const units = cell.units;
  const before = tf.memory().numTensors;

  const x = normal([batch, cell.inputSize]);
  const state = cell.stateSizes.map(() => normal([batch, units]));
  const mask = withMask ? tf.tensor2d(Array.from({ length: batch * units }, () => (rng.next() < 0.5 ? 0 : 2)), [batch, units]) : undefined;
  const dOutput = noOutputGradient ? null : normal([batch, units]);
  const dNext = cell.stateSizes.map(() => normal([batch, units]));
  const stepOptions = mask ? { recurrentMask: mask } : {};

  // Loss on tensors, for tf.grads.
  const loss = (k: tf.Tensor, u: tf.Tensor, b: tf.Tensor, xx: tf.Tensor, ...ss: tf.Tensor[]): tf.Scalar => {
    const p = { kernel: k as tf.Tensor2D, recurrentKernel: u as tf.Tensor2D, bias: b as tf.Tensor1D };
    const r = cell.step(p, xx as tf.Tensor2D, ss as tf.Tensor2D[], stepOptions);
    // b·0 keeps the bias on the tape when the cell has no bias (its gradient is then 0).
    let total: tf.Tensor = tf.sum(tf.mul(b, 0));
    if (dOutput) total = tf.add(total, tf.sum(tf.mul(r.output, dOutput)));
    r.state.forEach((s, i) => (total = tf.add(total, tf.sum(tf.mul(s, dNext[i]!)))));
    return total as tf.Scalar;
  };
  const names = ['kernel', 'recurrentKernel', 'bias', 'x', ...cell.stateSizes.map((_, i) => (i === 0 ? 'h' : 'c'))];
  const inputs = [params.kernel, params.recurrentKernel, params.bias, x, ...state];
  const auto = tf.grads(loss)(inputs);
  const analytic = tf.tidy(() => {
    const { cache, state: newState } = cell.step(params, x, state, stepOptions);
    const back = cell.backward(params, cache, dOutput, dNext);
    return { newState, list: [back.dParams.kernel, back.dParams.recurrentKernel, back.dParams.bias, back.dx, ...back.dState] };
  });

  // Float64 reference of the same loss.
  const values = inputs.map((t) => Array.from(t.dataSync()));
  const shapes = inputs.map((t) => t.shape);
  const maskRows = mask ? (mask.arraySync() as Matrix) : undefined;
  const dOutputRows = dOutput ? (dOutput.arraySync() as Matrix) : null;
  const dNextRows = dNext.map((d) => d.arraySync() as Matrix);
  const referenceLoss = (vals: number[][]): number => {
    const nested = vals.map((v, i) => nest(v, shapes[i]!));
    const p: ReferenceParams = { kernel: nested[0] as Matrix, recurrentKernel: nested[1] as Matrix, bias: nested[2]! };
    const next = referenceStep(cell.config, p, nested[3] as Matrix, nested.slice(4) as Matrix[], maskRows);
    let total = 0;
    next.forEach((s, k) =>
      s.forEach((row, b) =>
        row.forEach((v, j) => {
          total += v * dNextRows[k]![b]![j]!;
          if (k === 0 && dOutputRows) total += v * dOutputRows[b]![j]!;
        }),
      ),
    );
    return total;
  };
  const eps = 1e-6;
  const numericRel: Record<string, number> = {};
  const autoRel: Record<string, number> = {};
  names.forEach((name, n) => {
    const numeric = values[n]!.map((_, e) => {
      const bumped = (delta: number): number => referenceLoss(values.map((v, i) => (i === n ? v.map((w, j) => (j === e ? w + delta : w)) : v)));
      return (bumped(eps) - bumped(-eps)) / (2 * eps);
    });
    const mine = analytic.list[n]!.dataSync();
    numericRel[name] = relError(mine, numeric);
    autoRel[name] = relError(mine, auto[n]!.dataSync());
  });

  const activationInputs: Record<string, number[]> = {};
  const referenceNext = referenceStep(
    cell.config,
    { kernel: nest(values[0]!, shapes[0]!) as Matrix, recurrentKernel: nest(values[1]!, shapes[1]!) as Matrix, bias: nest(values[2]!, shapes[2]!) },
    nest(values[3]!, shapes[3]!) as Matrix,
    values.slice(4).map((v, i) => nest(v, shapes[4 + i]!) as Matrix),
    maskRows,
    (activation, input) => (activationInputs[String(activation)] ??= []).push(input),
  );
  let forwardError = 0;
  analytic.newState.forEach((s, k) =>
    (s.arraySync() as Matrix).forEach((row, b) => row.forEach((v, j) => (forwardError = Math.max(forwardError, Math.abs(v - referenceNext[k]![b]![j]!))))),
  );

  tf.dispose([x, ...state, ...dNext, ...auto, ...analytic.list, ...analytic.newState]);
  if (mask) mask.dispose();
  if (dOutput) dOutput.dispose();
  return { forwardError, autoRel, numericRel, leaked: tf.memory().numTensors - before, activationInputs };
}

/**
 * Runs {@link checkCellGradients} and asserts every gradient within 1e-4 of both references
 * (and, for hard_sigmoid, that no input sits within 1e-3 of a kink, where neither reference is
 * a derivative). Returns the result for further checks.
 */
export function expectGradientsMatch(cell: RecurrentCell, params: CellParams, options: GradientCheckOptions): GradientCheckResult {
  const result = checkCellGradients(cell, params, options);
  for (const input of result.activationInputs['hard_sigmoid'] ?? []) {
    expect(Math.abs(Math.abs(input) - hardSigmoidKink), `hard_sigmoid input ${input} is on a kink`).toBeGreaterThan(1e-3);
  }
  expect(result.forwardError).toBeLessThanOrEqual(1e-5);
  const names = ['kernel', 'recurrentKernel', 'bias', 'x', ...cell.stateSizes.map((_, i) => (i === 0 ? 'h' : 'c'))];
  expect(Object.keys(result.autoRel).sort()).toEqual([...names].sort());
  for (const name of names) {
    expect(result.autoRel[name], `tf.grads ${name}`).toBeLessThanOrEqual(1e-4);
    expect(result.numericRel[name], `central differences ${name}`).toBeLessThanOrEqual(1e-4);
  }
  expect(result.leaked).toBe(0);
  return result;
}
