// [fused path — performance, issue 9] Training through @rnnkit/core's fused sequence kernels
// gives what the step-by-step path gives: every weight gradient, ∂L/∂(initial states) and
// ‖∂L/∂h_k‖ of backwardModel within 1e-5 for stacked, bidirectional, masked models with
// dropout, and `train` runs the same losses with `fused: true` as with `fused: false`.
import * as tf from '@tensorflow/tfjs-core';
import { bidirectional, createRng, dense, gru, lstm, masking, sequential, simpleRnn } from '@rnnkit/core';
import type { Layer, SequentialModel } from '@rnnkit/core';
import { describe, expect, it } from 'vitest';
import { adam } from '../optimizers/adam.js';
import { meanSquaredError } from '../losses/mean-squared-error.js';
import { train } from '../loop/train.js';
import { backwardModel, disposeModelTrace, forwardModel } from './model-gradients.js';

const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor): number => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] as number);

function gradientsOf(model: SequentialModel, x: tf.Tensor, y: tf.Tensor, fused: boolean) {
  const trace = forwardModel(model, x, { training: true, rng: createRng(4), fused, initialStates: new Map() });
  const { value, gradient } = meanSquaredError().valueAndGradient(trace.output, y, trace.outputMask);
  const result = backwardModel(model, trace, gradient, { recordHiddenGradNorms: true, initialStateGradients: true });
  disposeModelTrace(trace);
  tf.dispose([value, gradient]);
  return result;
}

const stacks: [string, () => Layer<tf.Tensor>[]][] = [
  ['masking → LSTM (recurrent dropout) → GRU → dense', () => [masking(), lstm({ units: 6, returnSequences: true, recurrentDropout: 0.2 }), gru({ units: 5, resetAfter: false }), dense({ units: 2 })]],
  ['bidirectional GRU (dropout) → SimpleRNN → dense', () => [bidirectional(gru({ units: 4, returnSequences: true, dropout: 0.25 })), simpleRnn({ units: 3 }), dense({ units: 2 })]],
];

describe('BPTT on the fused kernels', () => {
  it.each(stacks)('gives the step-by-step gradients within 1e-5: %s', (_name, makeLayers) => {
    const model = sequential({ inputShape: [7, 3], seed: 2, layers: makeLayers() });
    const x = tf.tidy(() => tf.mul(tf.randomNormal([4, 7, 3], 0, 1, 'float32', 1), tf.tensor3d([1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [4, 7, 1])));
    const y = tf.randomNormal([4, 2], 0, 1, 'float32', 3);
    const before = tf.memory().numTensors;
    const fused = gradientsOf(model, x, y, true);
    const step = gradientsOf(model, x, y, false);
    for (const name of Object.keys(step.grads)) expect(maxAbsDiff(fused.grads[name] as tf.Tensor, step.grads[name] as tf.Tensor)).toBeLessThanOrEqual(1e-5);
    expect(Object.keys(fused.grads).sort()).toEqual(Object.keys(step.grads).sort());
    for (const [index, states] of step.dInitialStates) states.forEach((s, i) => expect(maxAbsDiff(fused.dInitialStates.get(index)?.[i] as tf.Tensor, s)).toBeLessThanOrEqual(1e-5));
    for (const [label, norms] of Object.entries(step.hiddenGradNorms)) norms.forEach((n, k) => expect(Math.abs((fused.hiddenGradNorms[label]?.[k] as number) - n)).toBeLessThanOrEqual(1e-5));
    tf.dispose([...Object.values(fused.grads), ...Object.values(step.grads), ...[...fused.dInitialStates.values(), ...step.dInitialStates.values()].flat()]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('train() follows the same losses with fused: true and fused: false', async () => {
    const losses = async (fused: boolean): Promise<number[]> => {
      const model = sequential({ inputShape: [12, 1], seed: 5, layers: [lstm({ units: 8 }), dense({ units: 1 })] });
      const x = tf.randomNormal([16, 12, 1], 0, 1, 'float32', 6);
      const y = tf.sum(x, 1);
      const batches = [0, 8].map((start) => ({ x: tf.slice(x, [start, 0, 0], [8, 12, 1]), y: tf.slice(y, [start, 0], [8, 1]) }));
      const seen: number[] = [];
      await train(model, batches, { epochs: 3, optimizer: adam({ learningRate: 0.01 }), seed: 1, fused, callbacks: { onBatchEnd: (logs) => void seen.push(logs.loss) } });
      tf.dispose([x, y, ...batches.flatMap((b) => [b.x, b.y])]);
      model.dispose();
      return seen;
    };
    const [fused, step] = [await losses(true), await losses(false)];
    expect(fused.length).toBe(6);
    fused.forEach((l, i) => expect(Math.abs(l - (step[i] as number))).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(step[i] as number))));
  });
});
