// Test helper: pins tfjs to the deterministic cpu backend once per test file.
// tf.layers calls chained ops (`tensor.flatten()`), which tfjs-core registers only on request.
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js';
import { setBackend, ready } from '@tensorflow/tfjs-core';

export async function useCpuBackend(): Promise<void> {
  await setBackend('cpu');
  await ready();
}
