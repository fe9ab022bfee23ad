// Test setup (vitest `setupFiles`): pins tfjs to the deterministic cpu backend for every test
// file. tf.layers calls chained ops (`tensor.flatten()`), which tfjs-core registers on request.
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js';
// tf.grad (the reference our analytic gradients are tested against) needs the gradient registry.
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { ready, setBackend } from '@tensorflow/tfjs-core';
import { beforeAll } from 'vitest';

beforeAll(async () => {
  await setBackend('cpu');
  await ready();
});
