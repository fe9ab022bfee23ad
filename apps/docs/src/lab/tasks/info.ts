// Reports the worker's tfjs backend and version, and times a small matmul on it.
import { getBackend, matMul, randomNormal, tidy, version_core } from '@tensorflow/tfjs-core';
import type { Task } from '../protocol.js';

/** Result of the `info` task. */
export interface InfoResult {
  backend: string;
  tfjsVersion: string;
  /** Milliseconds for a 256×256 matmul, after one warm-up. */
  matmulMs: number;
}

export const info: Task = async () => {
  const run = async (): Promise<number> => {
    const start = performance.now();
    const product = tidy(() => matMul(randomNormal([256, 256], 0, 1, 'float32', 1), randomNormal([256, 256], 0, 1, 'float32', 2)));
    await product.data();
    product.dispose();
    return performance.now() - start;
  };
  await run();
  const matmulMs = await run();
  return { backend: getBackend(), tfjsVersion: version_core, matmulMs } satisfies InfoResult;
};
