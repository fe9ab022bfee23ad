// rnnkit's side of the benchmark: the recurrent layer runs on the fused kernel as a tfjs op
// (`fusedRnn`, tf.customGrad) and composes with ordinary tfjs ops for the head and the loss;
// the update is rnnkit's `fusedAdam` (raw arrays, the published rule) — one training step is
// forward, BPTT (fused backward) and the update. The ordinary ops run on tfjs's wasm backend
// (bench.ts sets it; faster than cpu for them).
// W5 streams with `createStepper` (no tensors), and with the model's tfjs `step` for reference.

import * as tf from '@tensorflow/tfjs-core';
import { createRng, createStepper, dense, embedding, fusedAdam, fusedDense, fusedMatMul, fusedRnn, gru, lstm, sequential, simpleRnn } from '@rnnkit/core';
import type { FusedBackendName, Layer, RnnLayer } from '@rnnkit/core';
import type { CharWorkload, StreamWorkload, TrainWorkload } from './workloads.js';

/** A prepared run: `run()` is one measured unit (a training step, or `stepsPerSample` streamed steps). */
export type Runner = { run(): unknown; dispose(): void };

function recurrent(w: TrainWorkload): RnnLayer {
  if (w.cell === 'LSTM') return lstm({ units: w.units });
  if (w.cell === 'GRU') return gru({ units: w.units, resetAfter: w.resetAfter ?? false });
  return simpleRnn({ units: w.units });
}

/** Seeded regression batch [B, T, I] → [B, 1]. */
export function regressionBatch(w: TrainWorkload): { x: tf.Tensor3D; y: tf.Tensor2D } {
  const rng = createRng(7);
  const x = tf.tensor3d(Float32Array.from({ length: w.batch * w.steps * w.inputSize }, () => rng.normal()), [w.batch, w.steps, w.inputSize]);
  const y = tf.tensor2d(Float32Array.from({ length: w.batch }, () => rng.normal()), [w.batch, 1]);
  return { x, y };
}

export function rnnkitTrain(w: TrainWorkload, backend: FusedBackendName): Runner {
  const layer = recurrent(w);
  const head = dense({ units: 1 });
  layer.build([null, w.steps, w.inputSize], createRng(1));
  head.build([null, w.units], createRng(2));
  const { x, y } = regressionBatch(w);
  const variables = [...layer.trainableWeights, ...head.trainableWeights].map((v) => v.variable);
  const optimizer = fusedAdam(variables, { learningRate: 1e-3 });
  return {
    run: () =>
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => tf.losses.meanSquaredError(y, head.apply(fusedRnn(layer, x, { backend }))) as tf.Scalar, variables);
        optimizer.applyGradients(grads);
        return value.dataSync()[0];
      }),
    dispose: () => {
      tf.dispose([x, y]);
      optimizer.dispose();
      layer.dispose();
      head.dispose();
    },
  };
}

/** Seeded windows of the corpus as ids: inputs [B, T] and next-character targets [B, T]. */
export function charBatch(w: CharWorkload, text: string): { ids: tf.Tensor2D; targets: tf.Tensor2D; vocab: number } {
  const chars = [...new Set(text)].sort();
  const index = new Map(chars.map((c, i) => [c, i]));
  const rng = createRng(3);
  const ids = new Int32Array(w.batch * w.steps);
  const targets = new Int32Array(w.batch * w.steps);
  for (let b = 0; b < w.batch; b++) {
    const start = rng.int(text.length - w.steps - 1);
    for (let t = 0; t < w.steps; t++) {
      ids[b * w.steps + t] = index.get(text[start + t] as string) ?? 0;
      targets[b * w.steps + t] = index.get(text[start + t + 1] as string) ?? 0;
    }
  }
  return { ids: tf.tensor2d(ids, [w.batch, w.steps], 'int32'), targets: tf.tensor2d(targets, [w.batch, w.steps], 'int32'), vocab: chars.length };
}

export function rnnkitChar(w: CharWorkload, text: string, backend: FusedBackendName): Runner {
  const { ids, targets, vocab } = charBatch(w, text);
  const embed = embedding({ inputDim: vocab, outputDim: w.embedding });
  const layer = lstm({ units: w.units, returnSequences: true });
  const head = dense({ units: vocab });
  embed.build([null, w.steps], createRng(1));
  layer.build([null, w.steps, w.embedding], createRng(2));
  head.build([null, w.units], createRng(3));
  const labels = tf.tidy(() => tf.oneHot(tf.reshape(targets, [-1]) as tf.Tensor1D, vocab));
  // The embedding lookup as oneHot · E (the same rows): its gradient is a matmul, which tfjs's
  // wasm backend has (it has no UnsortedSegmentSum, the gradient of gather). That multiply and
  // the output head run on the fused gemm (`fusedMatMul`, `fusedDense`): tfjs's wasm backend
  // computes a matMul's gradients (transposed operands) in a naive loop.
  const inputs = tf.tidy(() => tf.cast(tf.oneHot(tf.reshape(ids, [-1]) as tf.Tensor1D, vocab), 'float32'));
  const table = embed.weights[0]?.variable as tf.Variable;
  const variables = [table, ...layer.trainableWeights.map((v) => v.variable), ...head.trainableWeights.map((v) => v.variable)];
  const optimizer = fusedAdam(variables, { learningRate: 1e-3 });
  return {
    run: () =>
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => {
          const vectors = tf.reshape(fusedMatMul(inputs as tf.Tensor2D, table as tf.Tensor as tf.Tensor2D, { backend }), [w.batch, w.steps, w.embedding]);
          const hidden = tf.reshape(fusedRnn(layer, vectors, { backend }), [-1, w.units]);
          return tf.losses.softmaxCrossEntropy(labels, fusedDense(head, hidden, { backend })) as tf.Scalar;
        }, variables);
        optimizer.applyGradients(grads);
        return value.dataSync()[0];
      }),
    dispose: () => {
      tf.dispose([ids, targets, labels, inputs]);
      optimizer.dispose();
      [embed, layer, head].forEach((l) => l.dispose());
    },
  };
}

/** W5: a 128-unit LSTM (+ dense head) fed one step at a time, `stepsPerSample` steps per run. */
export function rnnkitStream(w: StreamWorkload, mode: FusedBackendName | 'tfjs'): Runner {
  const layers: Layer<tf.Tensor>[] = [lstm({ units: w.units }), dense({ units: 1 })];
  const model = sequential({ inputShape: [null, 1], seed: 5, layers });
  const rng = createRng(9);
  const inputs = Float32Array.from({ length: w.stepsPerSample }, () => rng.normal());
  if (mode === 'tfjs') {
    const steps = inputs.map((v) => v);
    return {
      run: () => {
        for (const v of steps) tf.dispose(tf.tidy(() => model.step(tf.tensor2d([v], [1, 1]))));
      },
      dispose: () => model.dispose(),
    };
  }
  const stepper = createStepper(model, { backend: mode });
  const x = new Float32Array(1);
  return {
    run: () => {
      let last = 0;
      for (let t = 0; t < inputs.length; t++) {
        x[0] = inputs[t] as number;
        last = stepper.step(x)[0] as number;
      }
      return last;
    },
    dispose: () => {
      stepper.dispose();
      model.dispose();
    },
  };
}
