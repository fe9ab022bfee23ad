// The adding problem, T = 50 (Hochreiter & Schmidhuber 1997): an LSTM against a SimpleRNN with
// the same budget. Run after `pnpm build`:  node examples/adding-problem.mjs [steps] [length]
// Prints the test MSE of each (the trivial answer, always 1, scores ≈ 0.167).
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { dense, lstm, sequential, simpleRnn } from '@rnnkit/core';
import { ADDING_PROBLEM_TRIVIAL_MSE, adam, addingProblem, evaluate, train } from '@rnnkit/train';

await tf.setBackend('cpu');
const steps = Number(process.argv[2] ?? 1500);
const length = Number(process.argv[3] ?? 50);
const batchSize = 32;
const units = 32;

const test = addingProblem({ length, samples: 1000, seed: 999 });
// A fresh training batch for every update, the same for both models.
const batches = (epoch) => {
  const { x, y } = addingProblem({ length, samples: batchSize * 50, seed: epoch + 1 });
  return Array.from({ length: 50 }, (_, b) => ({ x: x.slice([b * batchSize, 0, 0], [batchSize, length, 2]), y: y.slice([b * batchSize, 0], [batchSize, 1]) }));
};

for (const [name, layer] of [['LSTM', lstm({ units })], ['SimpleRNN', simpleRnn({ units })]]) {
  const model = sequential({ layers: [layer, dense({ units: 1 })], inputShape: [length, 2], seed: 1 });
  const started = performance.now();
  const curve = [];
  await train(model, batches, {
    epochs: Math.ceil(steps / 50),
    optimizer: adam({ learningRate: 1e-2 }),
    clip: { clipGlobalNorm: 1 },
    callbacks: {
      onEpochEnd: (logs) => {
        const { loss } = evaluate(model, [test]);
        curve.push(loss);
        console.log(`${name} step ${(logs.epoch + 1) * 50}: train ${logs.loss.toFixed(4)}  test ${loss.toFixed(4)}`);
      },
    },
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(`${name}: test MSE ${curve.at(-1).toFixed(4)} after ${steps} updates (${seconds.toFixed(0)} s); trivial ${ADDING_PROBLEM_TRIVIAL_MSE.toFixed(3)}`);
  model.dispose();
}
