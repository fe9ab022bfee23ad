// The adding problem (Hochreiter & Schmidhuber 1997): an LSTM against a SimpleRNN with the same
// budget (same data, optimizer, clipping, number of updates). Run after `pnpm build`:
//   node examples/adding-problem.mjs [updates = 1500] [length T = 50]
// Prints the test MSE (1000 held-out sequences) every 250 updates; the trivial answer (always
// 1) scores ≈ 0.167.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { dense, lstm, sequential, simpleRnn } from '@rnnkit/core';
import { ADDING_PROBLEM_TRIVIAL_MSE, adam, addingProblem, evaluate, train } from '@rnnkit/train';

await tf.setBackend('cpu');
const updates = Number(process.argv[2] ?? 1500);
const length = Number(process.argv[3] ?? 50);
const [batchSize, units, perEpoch, every] = [32, 32, 50, 250];

const test = addingProblem({ length, samples: 1000, seed: 999 });
// Fresh training sequences every epoch (seeded by the epoch), the same for both models.
const batches = (epoch) => {
  const { x, y } = addingProblem({ length, samples: batchSize * perEpoch, seed: epoch + 1 });
  const list = Array.from({ length: perEpoch }, (_, b) => ({
    x: tf.slice(x, [b * batchSize, 0, 0], [batchSize, length, 2]),
    y: tf.slice(y, [b * batchSize, 0], [batchSize, 1]),
  }));
  tf.dispose([x, y]);
  return list;
};

console.log(`adding problem, T = ${length}: ${updates} updates of ${batchSize} sequences, Adam 1e-2, global-norm clip 1; trivial MSE ${ADDING_PROBLEM_TRIVIAL_MSE.toFixed(3)}`);
for (const [name, layer] of [['LSTM', lstm({ units })], ['SimpleRNN', simpleRnn({ units })]]) {
  const model = sequential({ layers: [layer, dense({ units: 1 })], inputShape: [length, 2], seed: 1 });
  const started = performance.now();
  let last = Number.NaN;
  await train(model, batches, {
    epochs: Math.ceil(updates / perEpoch),
    optimizer: adam({ learningRate: 1e-2 }),
    clip: { clipGlobalNorm: 1 },
    callbacks: {
      onBatchEnd: (logs) => {
        if ((logs.step + 1) % every !== 0) return;
        last = evaluate(model, [test]).loss;
        const seconds = ((performance.now() - started) / 1000).toFixed(0);
        console.log(`${name.padEnd(9)} update ${String(logs.step + 1).padStart(5)}: test MSE ${last.toFixed(4)} (${seconds} s)`);
      },
    },
  });
  console.log(`${name}: final test MSE ${last.toFixed(4)}`);
  model.dispose();
}
