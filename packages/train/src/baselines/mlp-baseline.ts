// The lecture's feed-forward baseline: a window of the last values flattened into one vector,
// fed to an MLP (the slide's 3 → 10 → 10 → 1 with ReLU). It sees a fixed window and no
// state, which is what an RNN improves on.

import { dense, sequential } from '@rnnkit/core';
import type { SequentialModel } from '@rnnkit/core';
import { reshape } from '@tensorflow/tfjs-core';
import { toBatch } from '../loop/batches.js';
import type { Batch, BatchInput, BatchSource } from '../loop/batches.js';
import { epochBatches } from '../loop/batches.js';
import { createRng } from '@rnnkit/core';

/** Options of {@link mlpBaseline}. */
export interface MlpBaselineOptions {
  /**
   * Values per input window × features per step (the flattened input size).
   * @default 3
   */
  inputSize?: number;
  /**
   * Widths of the hidden ReLU layers.
   * @default [10, 10]
   */
  hidden?: readonly number[];
  /**
   * Outputs (forecast values).
   * @default 1
   */
  outputs?: number;
  /**
   * Seed of the initial weights.
   * @default 0
   */
  seed?: number;
}

/**
 * The MLP baseline, `inputSize → hidden… → outputs` with ReLU hidden layers and a linear output.
 * Train it with `train(mlp, flattenWindows(windows))`.
 *
 * @example
 * ```ts
 * const mlp = mlpBaseline(); // 3 → 10 → 10 → 1
 * await train(mlp, flattenWindows(trainWindows), { epochs: 50 });
 * ```
 */
export function mlpBaseline(options: MlpBaselineOptions = {}): SequentialModel {
  const { inputSize = 3, hidden = [10, 10], outputs = 1, seed = 0 } = options;
  const layers = [...hidden.map((units) => dense({ units, activation: 'relu' })), dense({ units: outputs })];
  return sequential({ layers, inputShape: [inputSize], seed, name: 'mlp_baseline' });
}

/**
 * The same batches with each window `[batch, window, features]` flattened to
 * `[batch, window·features]`, as an MLP reads it.
 *
 * @example
 * ```ts
 * await train(mlpBaseline({ inputSize: 3 }), flattenWindows(slidingWindows(series, { window: 3 })));
 * ```
 */
export function flattenWindows(source: BatchSource): (epoch: number) => Iterable<Batch> {
  return (epoch) => ({
    *[Symbol.iterator]() {
      let index = 0;
      for (const input of epochBatches(source, epoch, false, createRng(0))) {
        const b = toBatch(input as BatchInput, `flattenWindows: batch ${index++}`);
        const flat = reshape(b.x, [b.x.shape[0] as number, -1]);
        // The loop disposes what a function source yields; the originals go if we made them.
        yield { x: flat, y: b.owned ? b.y : b.y.clone(), mask: b.mask ? b.mask.clone() : null };
        if (b.owned) b.x.dispose();
      }
    },
  });
}
