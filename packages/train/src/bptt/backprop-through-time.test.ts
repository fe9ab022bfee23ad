import * as tf from '@tensorflow/tfjs-core';
import { createRng, gru, lstm, simpleRnnCell } from '@rnnkit/core';
import type { CellParams, RecurrentCell, RnnLayer, SequentialModel } from '@rnnkit/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { unrolledForward } from './__fixtures__/unrolled-forward.js';
import type { UnrollOptions } from './__fixtures__/unrolled-forward.js';
import { backpropThroughTime } from './backprop-through-time.js';
import type { TrainableModel } from './model-layers.js';

function relativeError(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.div(tf.norm(tf.sub(a, b)), tf.add(tf.norm(b), 1e-12)).dataSync()[0] as number);
}

/**
 * L = Σ output ⊙ R + Σ_i finalState_i ⊙ S_i with random R, S: BPTT from dOutput = R,
 * dFinalState = S must equal tf.grads of L over the unrolled forward, for every weight, the
 * input and the initial state.
 */
function expectBpttMatchesAutodiff<C>(cell: RecurrentCell<C>, options: UnrollOptions & { batch?: number; steps?: number; seed?: number } = {}): void {
  const { batch = 3, steps = 6, seed = 1, ...unroll } = options;
  const params = cell.initParams(createRng(seed));
  // Non-zero biases, so their gradients are exercised.
  const bias = tf.randomNormal(params.bias.shape, 0, 0.3, 'float32', seed + 1) as CellParams['bias'];
  const p: CellParams = { ...params, bias };
  const x = tf.randomNormal([batch, steps, cell.inputSize], 0, 1, 'float32', seed + 2) as tf.Tensor3D;
  const s0 = cell.stateSizes.map((n, i) => tf.randomNormal([batch, n], 0, 0.5, 'float32', seed + 3 + i) as tf.Tensor2D);
  const outShape = unroll.returnSequences === false ? [batch, cell.units] : [batch, steps, cell.units];
  const r = tf.randomNormal(outShape, 0, 1, 'float32', seed + 7);
  const sWeights = cell.stateSizes.map((n, i) => tf.randomNormal([batch, n], 0, 1, 'float32', seed + 8 + i) as tf.Tensor2D);
  const before = tf.memory().numTensors;

  const loss = (...args: tf.Tensor[]): tf.Scalar => {
    const [kernel, recurrentKernel, b, xx, ...state] = args;
    const out = unrolledForward(cell, { kernel, recurrentKernel, bias: b } as CellParams, xx as tf.Tensor3D, { ...unroll, initialState: state as tf.Tensor2D[] });
    return tf.addN([tf.sum(tf.mul(out.output, r)), ...out.finalState.map((s, i) => tf.sum(tf.mul(s, sWeights[i] as tf.Tensor)))]) as tf.Scalar;
  };
  const auto = tf.grads(loss)([p.kernel, p.recurrentKernel, p.bias, x, ...s0]);

  const ours = tf.tidy(() => {
    const { trace } = unrolledForward(cell, p, x, { ...unroll, initialState: s0 });
    const g = backpropThroughTime(cell, p, trace, r, { dFinalState: sWeights });
    return [g.dParams.kernel, g.dParams.recurrentKernel, g.dParams.bias, g.dx, ...g.dInitialState];
  });
  const names = ['kernel', 'recurrentKernel', 'bias', 'x', ...cell.stateSizes.map((_, i) => `state ${i}`)];
  ours.forEach((g, i) => {
    expect(relativeError(g, auto[i] as tf.Tensor), names[i]).toBeLessThan(1e-4);
  });
  tf.dispose([...auto, ...ours]);
  expect(tf.memory().numTensors).toBe(before);
  tf.dispose([...Object.values(params), bias, x, ...s0, r, ...sWeights]);
}

function timeMask(batch: number, steps: number): tf.Tensor2D {
  // Row 0 unmasked, row 1 padded at the end, row 2 with holes (a masked first step too).
  const rows = [Array(steps).fill(1), Array.from({ length: steps }, (_, t) => (t < steps - 2 ? 1 : 0)), Array.from({ length: steps }, (_, t) => (t % 2 === 1 ? 1 : 0))];
  return tf.tensor2d(rows.slice(0, batch), [batch, steps]);
}

function bpttCases<C>(name: string, make: () => RecurrentCell<C>): void {
  describe(`BPTT over ${name} equals tf.grad of the unrolled forward`, () => {
    it('returning sequences, with gradients into the initial and from the final state', () => {
      expectBpttMatchesAutodiff(make());
    });
    it('returning the last output only', () => {
      expectBpttMatchesAutodiff(make(), { returnSequences: false });
    });
    it('with a time mask (padding and holes), carrying the previous output', () => {
      const mask = timeMask(3, 6);
      expectBpttMatchesAutodiff(make(), { mask });
      expectBpttMatchesAutodiff(make(), { mask, returnSequences: false });
      mask.dispose();
    });
    it('with a time mask and zero outputs on masked steps (inside Bidirectional)', () => {
      const mask = timeMask(3, 6);
      expectBpttMatchesAutodiff(make(), { mask, zeroOutputForMask: true });
      mask.dispose();
    });
    it('reading the sequence backwards, masked', () => {
      const mask = timeMask(3, 6);
      expectBpttMatchesAutodiff(make(), { goBackwards: true });
      expectBpttMatchesAutodiff(make(), { goBackwards: true, mask, returnSequences: false });
      mask.dispose();
    });
    it('with input and recurrent dropout masks', () => {
      const cell = make();
      const keep = (shape: [number, number], seed: number): tf.Tensor2D =>
        tf.tidy(() => tf.div(tf.cast(tf.greater(tf.randomUniform(shape, 0, 1, 'float32', seed), 0.3), 'float32'), 0.7) as tf.Tensor2D);
      const inputMask = keep([3, cell.inputSize], 5);
      const recurrentMask = keep([3, cell.units], 6);
      expectBpttMatchesAutodiff(cell, { inputMask, recurrentMask });
      tf.dispose([inputMask, recurrentMask]);
    });
  });
}

bpttCases('simpleRnnCell (tanh)', () => simpleRnnCell({ units: 4, inputSize: 3 }));
bpttCases('simpleRnnCell (relu)', () => simpleRnnCell({ units: 4, inputSize: 3, activation: 'relu' }));

/** The cell of a built layer (core exports the layers; their cells are what BPTT steps). */
function cellOf(layer: RnnLayer): RecurrentCell {
  layer.build([null, 6, 3]);
  return layer.cell;
}
bpttCases('the LSTM cell', () => cellOf(lstm({ units: 4 })));
bpttCases('the GRU cell (resetAfter: true)', () => cellOf(gru({ units: 4, resetAfter: true })));
bpttCases('the GRU cell (resetAfter: false)', () => cellOf(gru({ units: 4, resetAfter: false })));

describe('hidden-state gradient norms', () => {
  it('records ‖∂L/∂h_k‖ per step; for a linear RNN with U = a·I they decay as a^(T−1−k)', () => {
    // h_k = x_k·W + h_{k−1}·U (linear), L = Σ h_{T−1} ⊙ R: ∂L/∂h_k = R·(Uᵀ)^(T−1−k) = a^(T−1−k)·R.
    const cell = simpleRnnCell({ units: 3, inputSize: 2, activation: 'relu' });
    const a = 0.5;
    const p: CellParams = {
      kernel: tf.ones([2, 3]) as tf.Tensor2D,
      recurrentKernel: tf.mul(tf.eye(3), a) as tf.Tensor2D,
      bias: tf.fill([3], 10) as tf.Tensor1D, // keeps every pre-activation positive: relu acts linearly
    };
    const x = tf.ones([2, 5, 2]) as tf.Tensor3D;
    const r = tf.tensor2d([[1, 2, 2], [0, 0, 0]]); // ‖R‖ = 3
    const { trace } = unrolledForward(cell, p, x, { returnSequences: false });
    const g = backpropThroughTime(cell, p, trace, r, { recordHiddenGradNorms: true });
    expect(g.hiddenGradNorms).toHaveLength(5);
    g.hiddenGradNorms?.forEach((n, k) => expect(n).toBeCloseTo(3 * a ** (4 - k), 5));
  });
});

describe('the contract with @rnnkit/core', () => {
  it("core's sequential model is a TrainableModel (checked by tsc)", () => {
    expectTypeOf<SequentialModel>().toExtend<TrainableModel>();
  });
});
