// Test setup (vitest `setupFiles`): pins tfjs to the deterministic cpu backend for every test
// file. Chained ops (`t.mul(…)`) are deliberately NOT registered: the library must not use them.
import '@tensorflow/tfjs-backend-cpu';
// tf.grad (the reference our analytic gradients are tested against) needs the gradient registry.
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { ready, setBackend } from '@tensorflow/tfjs-core';
import { beforeAll } from 'vitest';

beforeAll(async () => {
  await setBackend('cpu');
  await ready();
});
