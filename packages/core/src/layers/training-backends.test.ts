// A sequence model's loss and every gradient on the wasm backend against the cpu backend:
// [embedding | one-hot input] → lstm({ returnSequences: true }) → dense over the last axis,
// softmax cross-entropy. Gradients by @rnnkit/train's path (each layer's forward, then
// backward from the top: dense.backward, BPTT over the lstm cache — step-by-step or the fused
// kernels — embedding.backward) and by tf.variableGrads over model.predict.

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { fusedBackward, fusedForward } from '../fused/fused-layer.js';
import { sequential } from '../model/sequential.js';
import { createRng } from '../rng.js';
import { onBackend, useBackend } from '../testing/backends.js';
import { bptt } from './__fixtures__/bptt.js';
import { disposeCache } from './cache-tensors.js';
import { dense } from './dense.js';
import { embedding } from './embedding.js';
import type { DifferentiableLayer } from './layer.js';
import { lstm } from './lstm.js';
import type { RnnLayer } from './rnn.js';
import type { RnnCache } from './rnn-cache.js';

const B = 4;
const T = 12;
const vocab = 17;
const units = 8;
const rng = createRng(11);
// Every id repeats (48 positions over 17 ids); targets are the next id.
const ids = Array.from({ length: B }, () => Array.from({ length: T + 1 }, () => rng.int(vocab)));
const inputIds = ids.map((row) => row.slice(0, T));
const targetIds = ids.map((row) => row.slice(1));

type Input = 'embedding' | 'one-hot';
/** Loss and gradients by weight name, as plain numbers. */
type Gradients = Record<string, number[]>;

function buildModel(input: Input) {
  const head = input === 'embedding' ? [embedding({ inputDim: vocab, outputDim: 5 })] : [];
  const recurrent = lstm({ units, returnSequences: true });
  const output = dense({ units: vocab });
  const model = sequential({ layers: [...head, recurrent, output], inputShape: input === 'embedding' ? [T] : [T, vocab], seed: 7 });
  return { model, embed: head[0] as DifferentiableLayer | undefined, recurrent: recurrent as RnnLayer, output };
}

// One-hot inputs as `cast(oneHot(ids), 'float32')`: see the last test for why not `oneHot(…, 'float32')`.
const modelInput = (input: Input): tf.Tensor =>
  tf.tidy(() => (input === 'embedding' ? tf.tensor2d(inputIds, undefined, 'int32') : tf.cast(tf.oneHot(tf.tensor2d(inputIds, undefined, 'int32'), vocab), 'float32')));

/** Mean softmax cross-entropy over [B, T] and its gradient (softmax(z) − onehot(y)) / (B·T). */
function crossEntropy(logits: tf.Tensor, targets: tf.Tensor): { loss: tf.Scalar; dLogits: tf.Tensor } {
  return tf.tidy(() => {
    const onehot = tf.cast(tf.oneHot(targets as tf.Tensor2D, vocab), 'float32');
    const logp = tf.logSoftmax(logits);
    return { loss: tf.div(tf.neg(tf.sum(tf.mul(onehot, logp))), B * T) as tf.Scalar, dLogits: tf.div(tf.sub(tf.exp(logp), onehot), B * T) };
  });
}

const read = (t: tf.Tensor): number[] => Array.from(t.dataSync());

/** The training path: forward through each layer keeping caches, then backward from the top. */
function trainingPathGradients(input: Input, fused: boolean): Gradients {
  const { model, embed, recurrent, output } = buildModel(input);
  const x = modelInput(input);
  const y = tf.tensor2d(targetIds, undefined, 'int32');
  const before = tf.memory().numTensors;
  const out: Gradients = {};
  const e = embed?.forward(x, { training: true });
  const r = fused ? fusedForward(recurrent, e?.output ?? x, { training: true }, { keepTrace: true }) : recurrent.forward(e?.output ?? x, { training: true });
  const d = output.forward(r.output, { training: true });
  const { loss, dLogits } = crossEntropy(d.output, y);
  out['loss'] = read(loss);
  const dDense = output.backward(d.cache, dLogits);
  const dRecurrent = fused
    ? fusedBackward(recurrent, r.cache as Parameters<typeof fusedBackward>[1], dDense.dx as tf.Tensor)
    : tf.tidy(() => {
        const zeros = [tf.zeros([B, units]), tf.zeros([B, units])] as tf.Tensor2D[];
        const g = bptt(recurrent, r.cache as RnnCache, dDense.dx as tf.Tensor, zeros);
        return { dx: g.dx, dParams: { kernel: g.dParams[0], recurrentKernel: g.dParams[1], bias: g.dParams[2] } };
      });
  const grads: tf.Tensor[] = [...dDense.grads];
  const { kernel, recurrentKernel, bias } = dRecurrent.dParams as Record<string, tf.Tensor>;
  grads.unshift(kernel as tf.Tensor, recurrentKernel as tf.Tensor, bias as tf.Tensor);
  const dEmbed = embed && e ? embed.backward(e.cache, dRecurrent.dx) : null;
  if (dEmbed) grads.unshift(...dEmbed.grads);
  model.weights.forEach((w, i) => (out[w.name] = read(grads[i] as tf.Tensor)));
  if ('fused' in (r.cache as object)) (r.cache as { fused: { release(): void } }).fused.release();
  disposeCache([e, r, d, loss, dLogits, dDense, dRecurrent, dEmbed]);
  expect(tf.memory().numTensors).toBe(before);
  tf.dispose([x, y]);
  model.dispose();
  return out;
}

/** tf.variableGrads over the loss of model.predict. */
function autodiffGradients(input: Input): Gradients {
  const { model } = buildModel(input);
  const x = modelInput(input);
  const y = tf.tensor2d(targetIds, undefined, 'int32');
  const before = tf.memory().numTensors;
  const variables = model.weights.map((w) => w.variable);
  const { value, grads } = tf.variableGrads(() => tf.tidy(() => crossEntropy(model.predict(x), y).loss), variables);
  const out: Gradients = { loss: read(value) };
  model.weights.forEach((w) => (out[w.name] = read(grads[w.variable.name] as tf.Tensor)));
  tf.dispose([value, ...Object.values(grads)]);
  expect(tf.memory().numTensors).toBe(before);
  tf.dispose([x, y]);
  model.dispose();
  return out;
}

/** Every entry within `relative` × the largest |entry| of its tensor (gradients here are 3e-4 … 7e-2). */
function expectClose(actual: Gradients, expected: Gradients, relative = 1e-4): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [name, values] of Object.entries(expected)) {
    const got = actual[name] as number[];
    expect(got.length, name).toBe(values.length);
    const scale = Math.max(...values.map(Math.abs));
    const worst = values.reduce((m, v, i) => Math.max(m, Math.abs(v - (got[i] as number))), 0);
    expect(worst, `${name}: max |actual − reference| (scale ${scale})`).toBeLessThanOrEqual(relative * scale);
  }
}

describe.each<Input>(['embedding', 'one-hot'])('%s → lstm(returnSequences) → dense: the same loss and gradients on wasm as on cpu (within 1e-4 of each gradient\'s scale)', (input) => {
  let reference: Gradients = {};
  beforeAll(async () => {
    reference = await onBackend('cpu', () => trainingPathGradients(input, false));
    await useBackend('wasm');
  });

  it('on cpu, the fused path and tf.variableGrads agree with the step-by-step training path', async () => {
    const [fused, autodiff] = await onBackend('cpu', () => [trainingPathGradients(input, true), autodiffGradients(input)]);
    // No gradient is all zeros (a relative comparison with it would be empty).
    for (const [name, values] of Object.entries(reference)) expect(Math.max(...values.map(Math.abs)), name).toBeGreaterThan(1e-4);
    expectClose(fused as Gradients, reference);
    expectClose(autodiff as Gradients, reference);
  });

  it('wasm, training path (step-by-step BPTT)', () => {
    expect(tf.getBackend()).toBe('wasm');
    expectClose(trainingPathGradients(input, false), reference);
  });

  it('wasm, training path (fused BPTT, as @rnnkit/train runs by default)', () => {
    expectClose(trainingPathGradients(input, true), reference);
  });

  it('wasm, tf.variableGrads over model.predict', () => {
    expectClose(autodiffGradients(input), reference);
  });
});

// What made the docs' char model (one-hot → lstm → dense) stall on wasm: tfjs-backend-wasm
// 4.22's OneHot kernel ignores `dtype` and writes int32 bit patterns, so `oneHot(ids, depth, 1,
// 0, 'float32')` holds 1.4e-45 (the float32 read of int 1) where cpu holds 1 — the LSTM saw
// zero input and only the dense bias learned. `cast(oneHot(ids, depth), 'float32')` is right on
// both. If the first assertion starts failing, tfjs has fixed the kernel.
describe('one-hot inputs on the wasm backend', () => {
  it("oneHot(…, 'float32') is wrong on wasm (tfjs-backend-wasm 4.22); cast(oneHot(…), 'float32') matches cpu", async () => {
    const make = (): number[][] =>
      tf.tidy(() => {
        const idTensor = tf.tensor1d([0, 2, 1], 'int32');
        return [read(tf.oneHot(idTensor, 3, 1, 0, 'float32')), read(tf.cast(tf.oneHot(idTensor, 3), 'float32'))];
      });
    const cpu = await onBackend('cpu', make);
    const wasm = await onBackend('wasm', make);
    expect(cpu[0]).toEqual([1, 0, 0, 0, 0, 1, 0, 1, 0]);
    expect(cpu[1]).toEqual(cpu[0]);
    expect(Math.max(...(wasm[0] as number[]))).toBeLessThan(1e-40);
    expect(wasm[1]).toEqual(cpu[0]);
  });
});
