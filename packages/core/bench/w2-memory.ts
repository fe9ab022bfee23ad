// Peak RSS of rnnkit's W2 training step, in a process of its own (so tf.layers' and PyTorch's
// runs do not count): RSS after setup, then the peak over four fused training steps, against
// the activations BPTT must keep for W2 (per step: x, h_{t−1}, c_{t−1}, i, f, g, o, φ(c_t)).
// Setup is the baseline: tfjs and the model's weights, the batch, the optimizer's moments (2× the
// parameters, allocated up front by fusedAdam) and the fused kernels' runtime (the WASM module
// and its worker threads, each an isolate of its own). The growth is what the step itself costs:
// the kernels' working memory, gradients, tfjs's transient tensors and V8's heap.
// Prints one JSON line. Run by bench.ts.

import '@tensorflow/tfjs-backend-cpu';
// tfjs-core's CommonJS bundle (what Node loads) registers no gradients; tfjs-layers' does.
import '@tensorflow/tfjs-layers';
import * as tf from '@tensorflow/tfjs-core';
import { fusedBackend, fusedThreads } from '@rnnkit/core';
import { rnnkitTrain } from './rnnkit-contenders.js';
import { workloads } from './workloads.js';
import type { TrainWorkload } from './workloads.js';

await tf.setBackend('cpu');
const smoke = process.argv.includes('--smoke');
const w = workloads(smoke).find((x) => x.id === 'W2') as TrainWorkload;
const runner = rnnkitTrain(w, fusedBackend()); // the default: native where built, else WASM
const threads = fusedThreads(); // loads the kernels and starts their workers
await new Promise((resolve) => setTimeout(resolve, 500)); // the workers come up
const baseline = process.memoryUsage().rss / 2 ** 20;
for (let i = 0; i < 4; i++) runner.run();
const peak = process.resourceUsage().maxRSS / 1024;
const activationsMB = (w.steps * (w.batch * w.inputSize + 7 * w.batch * w.units) * 4) / 2 ** 20;
runner.dispose();
console.log(JSON.stringify({ baselineMB: baseline, peakMB: peak, growthMB: peak - baseline, activationsMB, threads, backend: fusedBackend() }));
