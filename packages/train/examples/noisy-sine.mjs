// Next-step forecasting of a noisy sine (σ = 0.1, period 25): persistence, the lecture's MLP on
// windows of 3 (3 → 10 → 10 → 1, ReLU) and an LSTM on windows of 12, scored by test RMSE.
// Run after `pnpm build`:  node examples/noisy-sine.mjs
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { dense, lstm, sequential } from '@rnnkit/core';
import { slidingWindows } from '@rnnkit/data';
import { adam, evaluate, evaluateMetric, flattenWindows, mlpBaseline, noisySine, persistenceForecast, rmse, train } from '@rnnkit/train';

await tf.setBackend('cpu');
const series = noisySine({ length: 1200, period: 25, noise: 0.1, seed: 1 });
const [trainPart, testPart] = [series.slice(0, 1000), series.slice(1000 - 12)];
const windows = (values, window, shuffle) => slidingWindows(values, { window, batchSize: 32, shuffle, seed: 2 });

// The same 200 test targets for every model: windows of 12 end where windows of 3 end.
const test12 = windows(testPart, 12, false);
const test3 = windows(testPart.slice(9), 3, false);

const batches = [...test12.batches({ as: 'tensors' })];
const x = tf.concat(batches.map((b) => b.xs));
const y = tf.reshape(tf.concat(batches.map((b) => b.ys)), [-1, 1]);
const persistence = evaluateMetric(rmse(), persistenceForecast(x), y);

const mlp = mlpBaseline({ inputSize: 3, seed: 3 });
await train(mlp, flattenWindows(windows(trainPart, 3, true)), { epochs: 60, optimizer: adam({ learningRate: 0.01 }) });
const mlpRmse = evaluate(mlp, flattenWindows(test3), { metrics: [rmse()] }).rmse;

const model = sequential({ layers: [lstm({ units: 16 }), dense({ units: 1 })], inputShape: [12, 1], seed: 3 });
await train(model, windows(trainPart, 12, true), { epochs: 30, optimizer: adam({ learningRate: 0.01 }) });
const lstmRmse = evaluate(model, test12, { metrics: [rmse()] }).rmse;

console.log(`test windows: ${y.shape[0]}; noise floor (σ): 0.100`);
console.log(`persistence RMSE ${persistence.toFixed(3)}`);
console.log(`MLP 3→10→10→1 RMSE ${mlpRmse.toFixed(3)}`);
console.log(`LSTM(16), window 12 RMSE ${lstmRmse.toFixed(3)}`);
