// Peak RSS of rnnkit's W2 training step, in a process of its own (so tf.layers' and PyTorch's
// runs do not count): RSS after setup, then the peak over four fused training steps, against
// the activations BPTT must keep for W2 (per step: x, h_{t−1}, c_{t−1}, i, f, g, o, φ(c_t)).
// Prints one JSON line. Run by bench.ts.

import '@tensorflow/tfjs-backend-cpu';
// tfjs-core's CommonJS bundle (what Node loads) registers no gradients; tfjs-layers' does.
import '@tensorflow/tfjs-layers';
import * as tf from '@tensorflow/tfjs-core';
import { rnnkitTrain } from './rnnkit-contenders.js';
import { workloads } from './workloads.js';
import type { TrainWorkload } from './workloads.js';

await tf.setBackend('cpu');
const smoke = process.argv.includes('--smoke');
const w = workloads(smoke).find((x) => x.id === 'W2') as TrainWorkload;
const runner = rnnkitTrain(w, 'wasm');
const baseline = process.memoryUsage().rss / 2 ** 20; // model, batch and tfjs loaded, no step yet
for (let i = 0; i < 4; i++) runner.run();
const peak = process.resourceUsage().maxRSS / 1024;
const activationsMB = (w.steps * (w.batch * w.inputSize + 7 * w.batch * w.units) * 4) / 2 ** 20;
runner.dispose();
console.log(JSON.stringify({ baselineMB: baseline, peakMB: peak, growthMB: peak - baseline, activationsMB }));
