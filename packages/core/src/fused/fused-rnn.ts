// The fused kernel as a differentiable tfjs op (`tf.customGrad`): `fusedRnn(layer, x)` gives
// what `layer.apply(x)` gives, computed by the fused forward kernel, and its gradient with
// respect to x and the layer's weights is the fused backward kernel — so a fused recurrent
// layer composes with ordinary tfjs ops, `tf.grad`, `tf.variableGrads` and tfjs optimizers.

import { customGrad, dispose } from '@tensorflow/tfjs-core';
import type { GradSaveFunc, Tensor } from '@tensorflow/tfjs-core';
import type { RnnLayer } from '../layers/rnn.js';
import type { Rng } from '../rng.js';
import type { FusedBackendName } from './fused-backend.js';
import { fusedBackward, fusedForward } from './fused-layer.js';

/** Options of {@link fusedRnn}. */
export interface FusedRnnOptions {
  /**
   * Time mask `[batch, T]` (non-zero = keep), Keras semantics.
   * @default null
   */
  mask?: Tensor | null;
  /**
   * Initial states `[h]` or `[h, c]`, each `[batch, units]` (not differentiated).
   * @default zeros, or the stored state of a stateful layer
   */
  initialState?: readonly Tensor[];
  /**
   * Training mode: the layer's dropout is active (masks drawn from `rng`).
   * @default false
   */
  training?: boolean;
  /**
   * Stream the dropout masks are drawn from (needed when training with dropout).
   * @default undefined
   */
  rng?: Rng;
  /**
   * Arithmetic backend of the kernel.
   * @default the current one (`fusedBackend()`)
   */
  backend?: FusedBackendName;
}

/**
 * Runs a recurrent layer on the fused kernel as one differentiable tfjs op. Returns the layer's
 * output (`[batch, T, units]` with `returnSequences`, else `[batch, units]`); a stateful layer
 * stores its final state.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { lstm, fusedRnn } from '@rnnkit/core';
 *
 * const layer = lstm({ units: 64 });
 * layer.build([null, 50, 1]);
 * const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(fusedRnn(layer, x))));
 * ```
 */
export function fusedRnn(layer: RnnLayer, x: Tensor, options: FusedRnnOptions = {}): Tensor {
  if (!layer.built) layer.build([null, ...x.shape.slice(1)]);
  const { kernel, recurrentKernel, bias } = layer.params;
  const run = customGrad((...args: (Tensor | GradSaveFunc)[]) => {
    const input = args[0] as Tensor;
    const ctx = {
      training: options.training ?? false,
      ...(options.training && options.rng ? { rng: options.rng } : {}),
      mask: options.mask ?? null,
      ...(options.initialState ? { initialState: options.initialState } : {}),
    };
    const { output, cache } = fusedForward(layer, input, ctx, { keepTrace: true, ...(options.backend ? { backend: options.backend } : {}) });
    dispose(cache.finalState);
    return {
      value: output,
      gradFunc: (dy: Tensor) => {
        const g = fusedBackward(layer, cache, dy);
        dispose(g.dInitialState);
        return [g.dx, g.dParams.kernel, g.dParams.recurrentKernel, g.dParams.bias];
      },
    };
  });
  return run(x, kernel, recurrentKernel, bias);
}
