// Truncated BPTT inside train(): with the learning rate at 0 the weights never change, so every
// reported chunk loss and gradient can be compared with tf.grad references over the full model.
import * as tf from '@tensorflow/tfjs-core';
import { dense, embedding, lstm, sequential, simpleRnn } from '@rnnkit/core';
import type { Layer, RnnLayer, SequentialModel } from '@rnnkit/core';
import { languageModelBatches } from '@rnnkit/data';
import { describe, expect, it } from 'vitest';
import { meanSquaredError } from '../losses/mean-squared-error.js';
import { sparseCategoricalCrossEntropy } from '../losses/sparse-categorical-cross-entropy.js';
import { sgd } from '../optimizers/sgd.js';
import { train } from './train.js';
import type { BatchLogs } from './train-options.js';

const T = 8;
const x = tf.randomNormal([3, T, 2], 0, 1, 'float32', 1) as tf.Tensor3D;
const y = tf.randomNormal([3, T, 1], 0, 1, 'float32', 2) as tf.Tensor3D;
const half = (t: tf.Tensor, which: 0 | 1): tf.Tensor => tf.slice(t, [0, which * (T / 2), 0], [t.shape[0] as number, T / 2, t.shape[2] as number]);

function model(recurrent: Layer<tf.Tensor>): SequentialModel {
  return sequential({ layers: [recurrent, dense({ units: 1 })], inputShape: [T, 2], seed: 4 });
}

async function logsOf(m: SequentialModel, k1: number, k2: number): Promise<BatchLogs[]> {
  const logs: BatchLogs[] = [];
  await train(m, [{ x, y }], {
    optimizer: sgd({ learningRate: 0 }),
    truncatedBptt: { k1, k2 },
    record: { paramGradNorms: true },
    callbacks: { onBatchEnd: (l) => void logs.push(l) },
  });
  return logs;
}

/** Per-weight gradient norms of `f` over the model's trainable weights. */
function referenceNorms(m: SequentialModel, f: () => tf.Scalar): Record<string, number> {
  const { value, grads } = tf.variableGrads(f, m.trainableWeights.map((w) => w.variable));
  const norms = Object.fromEntries(m.trainableWeights.map((w) => [w.name, tf.norm(grads[w.variable.name] as tf.Tensor).dataSync()[0] as number]));
  tf.dispose([value, ...Object.values(grads)]);
  return norms;
}

function expectNorms(actual: Record<string, number> | undefined, expected: Record<string, number>): void {
  for (const [name, n] of Object.entries(expected)) expect(actual?.[name], name).toBeCloseTo(n, 4);
}

describe('truncated BPTT(k1, k2) in train', () => {
  for (const [label, make] of [
    ['SimpleRNN', () => simpleRnn({ units: 4, returnSequences: true })],
    ['LSTM (state [h, c] carried)', () => lstm({ units: 4, returnSequences: true })],
  ] as const) {
    it(`${label}, k1 = k2 = T/2: chunk losses are the halves of the full sequence's loss; chunk 2's gradient stops at h_{T/2}`, async () => {
      const m = model(make());
      const logs = await logsOf(m, T / 2, T / 2);
      expect(logs).toHaveLength(2);
      const loss = meanSquaredError();
      const full = m.predict(x);
      expect(logs[0]!.loss).toBeCloseTo(loss.value(half(full, 0), half(y, 0)).dataSync()[0] as number, 5);
      expect(logs[1]!.loss).toBeCloseTo(loss.value(half(full, 1), half(y, 1)).dataSync()[0] as number, 5);

      // Reference for chunk 2: the second half run from the state at T/2 held constant.
      const rnn = m.layers[0] as RnnLayer<tf.Tensor>;
      const head = m.layers[1] as Layer<tf.Tensor>;
      const { states } = rnn.applyWithState(half(x, 0));
      const constant = states.map((s) => tf.tensor(s.dataSync(), s.shape) as tf.Tensor2D);
      expectNorms(logs[1]!.paramGradNorms, referenceNorms(m, () => loss.value(head.apply(rnn.applyWithState(half(x, 1), { initialState: constant }).output), half(y, 1))));
      expectNorms(logs[0]!.paramGradNorms, referenceNorms(m, () => loss.value(head.apply(rnn.applyWithState(half(x, 0)).output), half(y, 0))));
    });
  }

  it('k2 = 2·k1 = T: chunk 2 backpropagates its loss through the whole sequence', async () => {
    const m = model(simpleRnn({ units: 4, returnSequences: true }));
    const logs = await logsOf(m, T / 2, T);
    const loss = meanSquaredError();
    expectNorms(logs[1]!.paramGradNorms, referenceNorms(m, () => loss.value(half(m.predict(x), 1), half(y, 1))));
  });

  it("carries the state across char-rnn batches (languageModelBatches, carryState): batch 2 continues batch 1's rows", async () => {
    const ids = Int32Array.from({ length: 41 }, (_, i) => (i * 7 + 3) % 11);
    const lm = languageModelBatches(ids, { batchSize: 2, seqLength: 5 });
    const m = sequential({ layers: [embedding({ inputDim: 11, outputDim: 3 }), lstm({ units: 4, returnSequences: true }), dense({ units: 11 })], inputShape: [5], seed: 2 });
    const logs: BatchLogs[] = [];
    await train(m, lm, {
      loss: sparseCategoricalCrossEntropy(),
      optimizer: sgd({ learningRate: 0 }),
      carryState: true,
      truncatedBptt: { k1: 5 },
      callbacks: { onBatchEnd: (l) => void logs.push(l) },
    });
    expect(logs).toHaveLength(lm.numBatches);
    // Reference: each track read in one go; batch k's loss is the loss on its columns.
    const tracks = tf.tensor2d(Array.from({ length: 2 }, (_, r) => Array.from(ids.slice(r * lm.trackLength, (r + 1) * lm.trackLength))), undefined, 'int32');
    const targets = tf.tensor2d(Array.from({ length: 2 }, (_, r) => Array.from(ids.slice(r * lm.trackLength + 1, (r + 1) * lm.trackLength + 1))), undefined, 'int32');
    const whole = sequential({ layers: [embedding({ inputDim: 11, outputDim: 3 }), lstm({ units: 4, returnSequences: true }), dense({ units: 11 })], inputShape: [lm.trackLength], seed: 2 });
    whole.setWeights(m.getWeights());
    const logits = whole.predict(tracks);
    for (let k = 0; k < lm.numBatches; k++) {
      const cols = (t: tf.Tensor): tf.Tensor => tf.slice(t, [0, 5 * k, ...(t.rank === 3 ? [0] : [])], [2, 5, ...(t.rank === 3 ? [11] : [])]);
      expect(logs[k]!.loss).toBeCloseTo(sparseCategoricalCrossEntropy().value(cols(logits), cols(targets)).dataSync()[0] as number, 5);
    }
  });

  it('refuses models that cannot be cut in time', async () => {
    const m = model(simpleRnn({ units: 4 }));
    await expect(train(m, [{ x, y: tf.zeros([3, 1]) }], { truncatedBptt: { k1: 4 } })).rejects.toThrow(/returnSequences: true and goBackwards: false/);
  });
});
