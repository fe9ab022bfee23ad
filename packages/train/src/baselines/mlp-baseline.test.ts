import * as tf from '@tensorflow/tfjs-core';
import { slidingWindows } from '@rnnkit/data';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../loop/evaluate.js';
import { train } from '../loop/train.js';
import { adam } from '../optimizers/adam.js';
import { flattenWindows, mlpBaseline } from './mlp-baseline.js';

describe('mlpBaseline', () => {
  it("is the slide's 3 → 10 → 10 → 1 ReLU network: 161 weights", () => {
    const mlp = mlpBaseline();
    // (3·10 + 10) + (10·10 + 10) + (10·1 + 1)
    expect(mlp.countParams()).toBe(161);
    expect(mlp.weights.map((w) => w.variable.shape)).toEqual([[3, 10], [10], [10, 10], [10], [10, 1], [1]]);
    expect(mlp.getConfig().layers.filter((l) => l.class_name === 'Dense').map((l) => l.config.activation)).toEqual(['relu', 'relu', 'linear']);
  });

  it('learns a period-4 pattern from flattened windows of 3 (each window fixes the next value), without leaking tensors', async () => {
    // 1, 2, 1, 0, 1, 2, …: [1, 2, 1] → 0, [2, 1, 0] → 1, [1, 0, 1] → 2, [0, 1, 2] → 1.
    const series = Array.from({ length: 120 }, (_, t) => [1, 2, 1, 0][t % 4] as number);
    const windows = slidingWindows(series, { window: 3, batchSize: 16, shuffle: true, seed: 1 });
    const mlp = mlpBaseline({ seed: 2 });
    const counts: number[] = [];
    await train(mlp, flattenWindows(windows), {
      epochs: 40,
      optimizer: adam({ learningRate: 0.02 }),
      callbacks: { onEpochEnd: () => void counts.push(tf.memory().numTensors) },
    });
    expect(evaluate(mlp, flattenWindows(windows)).loss).toBeLessThan(1e-3);
    expect(counts.slice(1)).toEqual(Array(counts.length - 1).fill(counts[1]));
  });
});
