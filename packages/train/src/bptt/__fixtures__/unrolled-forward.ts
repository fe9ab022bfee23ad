// Test reference: a recurrent layer unrolled by hand from `cell.step`, following the forward
// equations of @rnnkit/core's RnnCache. Differentiable, so `tf.grads` over it is the reference
// BPTT is compared with; it also yields the trace BPTT consumes.

import * as tf from '@tensorflow/tfjs-core';
import type { CellParams, RecurrentCell } from '@rnnkit/core';
import type { RecurrentTrace } from '../backprop-through-time.js';

export type UnrollOptions = {
  mask?: tf.Tensor2D | null;
  goBackwards?: boolean;
  returnSequences?: boolean;
  zeroOutputForMask?: boolean;
  initialState?: tf.Tensor2D[];
  inputMask?: tf.Tensor2D | null;
  recurrentMask?: tf.Tensor2D | null;
};

export function unrolledForward<C>(
  cell: RecurrentCell<C>,
  params: CellParams,
  x: tf.Tensor3D,
  options: UnrollOptions = {},
): { output: tf.Tensor; finalState: tf.Tensor2D[]; trace: RecurrentTrace<C> } {
  const [batchSize, timeSteps, inputSize] = x.shape;
  const { goBackwards = false, returnSequences = true, zeroOutputForMask = false, inputMask = null, recurrentMask = null } = options;
  const xs = tf.unstack(x, 1) as tf.Tensor2D[];
  const timeIndices = Array.from({ length: timeSteps }, (_, k) => (goBackwards ? timeSteps - 1 - k : k));
  const maskByTime = options.mask ? (tf.unstack(tf.expandDims(options.mask, 2), 1) as tf.Tensor2D[]) : null;
  const stepMasks = maskByTime ? timeIndices.map((t) => maskByTime[t] as tf.Tensor2D) : null;
  let state = options.initialState ?? cell.zeroState(batchSize);
  let carried: tf.Tensor2D = tf.zeros([batchSize, cell.units]);
  const outputs: tf.Tensor2D[] = [];
  const steps: C[] = [];
  timeIndices.forEach((t, k) => {
    const xt = inputMask ? tf.mul<tf.Tensor2D>(xs[t] as tf.Tensor2D, inputMask) : (xs[t] as tf.Tensor2D);
    const r = cell.step(params, xt, state, recurrentMask ? { recurrentMask } : {});
    steps.push(r.cache);
    const m = stepMasks?.[k];
    if (!m) {
      outputs.push(r.output);
      state = r.state;
      return;
    }
    const notM = tf.sub(1, m);
    const out = tf.add<tf.Tensor2D>(tf.mul(m, r.output), tf.mul(notM, zeroOutputForMask ? tf.zerosLike(carried) : carried));
    state = r.state.map((s, i) => tf.add<tf.Tensor2D>(tf.mul(m, s), tf.mul(notM, state[i] as tf.Tensor2D)));
    outputs.push(out);
    carried = out;
  });
  const output = returnSequences ? tf.stack(outputs, 1) : (outputs[timeSteps - 1] as tf.Tensor2D);
  return {
    output,
    finalState: state,
    trace: { steps, timeIndices, stepMasks, inputMask, returnSequences, zeroOutputForMask, batchSize, timeSteps, inputSize, units: cell.units },
  };
}
