// Adam on raw Float32Arrays, for the fused training step: the moments live in plain arrays and
// each update is one pass per variable, so a step allocates one new parameter array per variable
// and nothing else. tfjs's Adam (and a tensor-op Adam) builds a dozen full-size temporaries per
// variable inside one tidy — for a 256-unit LSTM's 1M-parameter recurrent kernel that is ~50 MB
// alive at once, more than twice the activations BPTT keeps for W2 (T 100, batch 32).
//
// The update is torch.optim.Adam's (and tfjs's) documented rule:
//   m ← β₁·m + (1 − β₁)·g,   v ← β₂·v + (1 − β₂)·g²
//   θ ← θ − γ · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
// With the WASM kernels (backend 'wasm' or 'native') it runs on f32x4 lanes in module memory
// (wasm/adam.ts; the moments live there); with 'js', in float64 per element.

import { dispose, tensor } from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { RnnkitError } from '../errors.js';
import { fusedBackend, wasmKernels } from './fused-backend.js';
import type { FusedBackendName } from './fused-backend.js';
import type { WasmKernels } from './wasm-kernels.js';

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
  /**
   * Where the update runs: `'wasm'` and `'native'` on the WASM SIMD kernels (f32x4), `'js'` in
   * float64 JavaScript. They agree to float32 rounding.
   * @default the fused kernels' backend in use (`fusedBackend()`)
   */
  backend?: FusedBackendName;
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
  const { learningRate = 1e-3, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, backend = fusedBackend() } = options;
  checkRange('learningRate', learningRate, 0, Infinity, true);
  checkRange('beta1', beta1, 0, 1, false);
  checkRange('beta2', beta2, 0, 1, false);
  checkRange('epsilon', epsilon, 0, Infinity, true);
  const kernels = backend === 'js' ? null : wasmKernels();
  if (backend !== 'js' && !kernels) throw new RnnkitError('BACKEND_UNAVAILABLE', `fusedAdam: backend '${backend}' needs WebAssembly SIMD, which this runtime lacks; use 'js'`);
  const update = kernels ? wasmUpdate(kernels, variables) : jsUpdate(variables);
  let disposed = false;
  let t = 0;
  return {
    get iterations() {
      return t;
    },
    applyGradients(grads) {
      if (disposed) throw new RnnkitError('DISPOSED', 'fusedAdam: the optimizer was disposed');
      for (const variable of variables) {
        const grad = grads[variable.name];
        if (grad && (grad.size !== variable.size || grad.shape.join() !== variable.shape.join())) {
          throw new RnnkitError('SHAPE_MISMATCH', `fusedAdam: gradient of '${variable.name}' has shape [${grad.shape.join(', ')}], the variable [${variable.shape.join(', ')}]`);
        }
      }
      t++;
      const hyper = { learningRate, beta1, beta2, epsilon, correction1: 1 - beta1 ** t, correction2: 1 - beta2 ** t };
      variables.forEach((variable, index) => {
        const grad = grads[variable.name];
        if (!grad) return;
        const next = update.step(index, grad.dataSync() as Float32Array, variable.dataSync() as Float32Array, hyper);
        const value = tensor(next, variable.shape, 'float32');
        variable.assign(value);
        dispose(value);
      });
    },
    dispose() {
      if (!disposed) update.dispose();
      disposed = true;
    },
  };
}

/** The hyper-parameters and this step's bias corrections 1 − βᵗ. */
type Hyper = { learningRate: number; beta1: number; beta2: number; epsilon: number; correction1: number; correction2: number };
/** One engine's update: the next parameters of variable `index` (a fresh array), moments updated in place. */
type Update = { step(index: number, g: Float32Array, theta: Float32Array, h: Hyper): Float32Array; dispose(): void };

/** float64 per element, moments in plain arrays. */
function jsUpdate(variables: readonly Variable[]): Update {
  const moments = variables.map((v) => ({ m: new Float32Array(v.size), v: new Float32Array(v.size) }));
  return {
    step(index, g, theta, { learningRate, beta1, beta2, epsilon, correction1, correction2 }) {
      const { m, v } = moments[index] as { m: Float32Array; v: Float32Array };
      const next = new Float32Array(theta.length);
      for (let i = 0; i < next.length; i++) {
        const gi = g[i] as number;
        const mi = beta1 * (m[i] as number) + (1 - beta1) * gi;
        const vi = beta2 * (v[i] as number) + (1 - beta2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        next[i] = (theta[i] as number) - (learningRate * (mi / correction1)) / (Math.sqrt(vi / correction2) + epsilon);
      }
      return next;
    },
    dispose() {},
  };
}

/** f32x4 lanes in the WASM module's memory: the moments stay there, θ and g are copied in. */
function wasmUpdate(kernels: WasmKernels, variables: readonly Variable[]): Update {
  const { math } = kernels;
  const moments = variables.map((v) => {
    const holder = {} as { m: Float32Array; v: Float32Array };
    math.bind(holder, { m: v.size, v: v.size });
    return holder;
  });
  const io = {} as { theta: Float32Array; g: Float32Array };
  math.bind(io, { theta: Math.max(1, ...variables.map((v) => v.size)), g: Math.max(1, ...variables.map((v) => v.size)) });
  return {
    step(index, g, theta, { learningRate, beta1, beta2, epsilon, correction1, correction2 }) {
      const state = moments[index] as { m: Float32Array; v: Float32Array };
      const n = theta.length;
      io.theta.set(theta);
      io.g.set(g);
      const [stepSize, rootScale] = [learningRate / correction1, 1 / Math.sqrt(correction2)]; // wasm/adam.ts's rearranged rule
      kernels.adam({ theta: io.theta, g: io.g, m: state.m, v: state.v, out: io.theta }, n, { beta1, beta2, stepSize, rootScale, epsilon });
      return io.theta.slice(0, n);
    },
    dispose() {
      moments.forEach((holder) => math.release(holder));
      math.release(io);
    },
  };
}
