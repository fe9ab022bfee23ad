// Adam on raw Float32Arrays, for the fused training step: the moments live in plain arrays and
// each update is one pass per variable, so a step allocates one new parameter array per variable
// and nothing else. tfjs's Adam (and a tensor-op Adam) builds a dozen full-size temporaries per
// variable inside one tidy — for a 256-unit LSTM's 1M-parameter recurrent kernel that is ~50 MB
// alive at once, more than twice the activations BPTT keeps for W2 (T 100, batch 32).
//
// The update is torch.optim.Adam's (and tfjs's) documented rule, in float64 per element:
//   m ← β₁·m + (1 − β₁)·g,   v ← β₂·v + (1 − β₂)·g²
//   θ ← θ − γ · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)

import { dispose, tensor } from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { RnnkitError } from '../errors.js';

/** Options of {@link fusedAdam}. */
export interface FusedAdamOptions {
  /**
   * Learning rate γ.
   * @default 0.001
   */
  learningRate?: number;
  /**
   * Decay β₁ of the first-moment average.
   * @default 0.9
   */
  beta1?: number;
  /**
   * Decay β₂ of the second-moment average.
   * @default 0.999
   */
  beta2?: number;
  /**
   * ε added to √v̂ in the denominator.
   * @default 1e-8
   */
  epsilon?: number;
}

/** An Adam optimizer over a fixed list of tfjs variables (see {@link fusedAdam}). */
export interface FusedAdam {
  /** Updates every variable that has a gradient in `grads` (keyed by variable name, as `tf.variableGrads` returns). */
  applyGradients(grads: Readonly<Record<string, Tensor>>): void;
  /** Updates applied so far (t). */
  readonly iterations: number;
  /** Drops the moment arrays. */
  dispose(): void;
}

function checkRange(name: string, value: number, low: number, high: number, open: boolean): void {
  const ok = Number.isFinite(value) && (open ? value > low : value >= low) && value < high;
  if (!ok) throw new RnnkitError('INVALID_ARGUMENT', `fusedAdam: ${name} must be in ${open ? '(' : '['}${low}, ${high}), got ${String(value)}`);
}

/**
 * Adam (Kingma & Ba) on raw arrays for `variables`: the same numbers as `tf.train.adam` up to
 * float32 rounding, with one full-size allocation per variable per step instead of a dozen.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { fusedAdam } from '@rnnkit/core';
 *
 * const optimizer = fusedAdam(variables, { learningRate: 1e-3 });
 * const { grads } = tf.variableGrads(loss, variables);
 * optimizer.applyGradients(grads);
 * tf.dispose(grads);
 * ```
 */
export function fusedAdam(variables: readonly Variable[], options: FusedAdamOptions = {}): FusedAdam {
  const { learningRate = 1e-3, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 } = options;
  checkRange('learningRate', learningRate, 0, Infinity, true);
  checkRange('beta1', beta1, 0, 1, false);
  checkRange('beta2', beta2, 0, 1, false);
  checkRange('epsilon', epsilon, 0, Infinity, true);
  let moments: Map<string, { m: Float32Array; v: Float32Array }> | null = new Map(variables.map((v) => [v.name, { m: new Float32Array(v.size), v: new Float32Array(v.size) }]));
  let t = 0;
  return {
    get iterations() {
      return t;
    },
    applyGradients(grads) {
      if (!moments) throw new RnnkitError('DISPOSED', 'fusedAdam: the optimizer was disposed');
      t++;
      const correction1 = 1 - beta1 ** t;
      const correction2 = 1 - beta2 ** t;
      for (const variable of variables) {
        const grad = grads[variable.name];
        if (!grad) continue;
        if (grad.size !== variable.size || grad.shape.join() !== variable.shape.join()) {
          throw new RnnkitError('SHAPE_MISMATCH', `fusedAdam: gradient of '${variable.name}' has shape [${grad.shape.join(', ')}], the variable [${variable.shape.join(', ')}]`);
        }
        const state = moments.get(variable.name) as { m: Float32Array; v: Float32Array };
        const g = grad.dataSync() as Float32Array;
        const theta = variable.dataSync() as Float32Array;
        const { m, v } = state;
        const next = new Float32Array(theta.length);
        for (let i = 0; i < next.length; i++) {
          const gi = g[i] as number;
          const mi = beta1 * (m[i] as number) + (1 - beta1) * gi;
          const vi = beta2 * (v[i] as number) + (1 - beta2) * gi * gi;
          m[i] = mi;
          v[i] = vi;
          next[i] = (theta[i] as number) - (learningRate * (mi / correction1)) / (Math.sqrt(vi / correction2) + epsilon);
        }
        const value = tensor(next, variable.shape, 'float32');
        variable.assign(value);
        dispose(value);
      }
    },
    dispose() {
      moments = null;
    },
  };
}
