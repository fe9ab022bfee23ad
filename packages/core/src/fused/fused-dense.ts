// Matrix multiply on the fused kernels' gemm (WASM SIMD, split over threads where that pays) as
// a differentiable tfjs op, and a dense layer on it. tfjs's wasm backend multiplies through
// XNNPACK only when neither operand is transposed; the gradients of a matMul (dy·Bᵀ, Aᵀ·dy) take
// its naive loop, which made a char model's 65-way output head cost a third of its training step.
//
//   forward  C = A·B                 gemm(A, B)
//   backward dA = dC·Bᵀ              gemm(dC, Bᵀ)   (Bᵀ transposed once: B is the small weight)
//            dB = Aᵀ·dC              gemm(Aᵀ, dC)   (the gemm reads A transposed in place)

import { add, customGrad, reshape, softmax, tensor2d, tidy } from '@tensorflow/tfjs-core';
import type { GradSaveFunc, Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import { activate } from '../activations.js';
import { checkShape } from '../check.js';
import { RnnkitError } from '../errors.js';
import type { DenseActivation, DenseCache } from '../layers/dense.js';
import type { DifferentiableLayer } from '../layers/layer.js';
import type { FusedBackendName } from './fused-backend.js';
import { fusedMath } from './fused-backend.js';
import { transpose } from './gemm.js';

/** Options of {@link fusedMatMul} and {@link fusedDense}. */
export interface FusedMatMulOptions {
  /**
   * Arithmetic backend of the gemm.
   * @default the current one (`fusedBackend()`)
   */
  backend?: FusedBackendName;
}

const data = (t: Tensor): Float32Array => t.dataSync() as Float32Array;

/**
 * `A·B` for `A [m, k]` and `B [k, n]` on the fused kernels' gemm, differentiable with respect to
 * both (its gradients are gemms too). Same numbers as `tf.matMul` up to float32 rounding.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { fusedMatMul } from '@rnnkit/core';
 *
 * const { grads } = tf.variableGrads(() => tf.sum(fusedMatMul(x, w)));
 * ```
 */
export function fusedMatMul(a: Tensor2D, b: Tensor2D, options: FusedMatMulOptions = {}): Tensor2D {
  if (a.rank !== 2 || b.rank !== 2) {
    throw new RnnkitError('RANK_MISMATCH', `fusedMatMul: expected two rank-2 tensors, got shapes [${a.shape.join(', ')}] and [${b.shape.join(', ')}]`);
  }
  const [m, k] = a.shape;
  const [kb, n] = b.shape;
  if (k !== kb) {
    throw new RnnkitError('SHAPE_MISMATCH', `fusedMatMul: inner dimensions differ: A is [${m}, ${k}], B is [${kb}, ${n}]`);
  }
  const math = fusedMath(options.backend);
  const run = customGrad((...args: (Tensor | GradSaveFunc)[]) => {
    const [x, w] = args as [Tensor2D, Tensor2D];
    const xs = data(x);
    const ws = data(w);
    const out = new Float32Array(m * n);
    math.gemm(false, m, n, k, xs, 0, k, ws, 0, n, out, 0, n, false);
    return {
      value: tensor2d(out, [m, n]),
      gradFunc: (dy: Tensor) => {
        const dys = data(dy);
        const wT = new Float32Array(n * k);
        transpose(ws, 0, k, n, n, wT, 0);
        const dx = new Float32Array(m * k);
        math.gemm(false, m, k, n, dys, 0, n, wT, 0, k, dx, 0, k, false);
        const dw = new Float32Array(k * n);
        math.gemm(true, k, n, m, xs, 0, k, dys, 0, n, dw, 0, n, false);
        return [tensor2d(dx, [m, k]), tensor2d(dw, [k, n])];
      },
    };
  });
  return run(a, b) as Tensor2D;
}

/**
 * What `layer.apply(x)` gives for a built dense layer, with the multiply (and its gradients) on
 * {@link fusedMatMul}; bias and activation are ordinary tfjs ops. `x` is `[..., features]`.
 *
 * @example
 * ```ts
 * import { dense, fusedDense } from '@rnnkit/core';
 *
 * const head = dense({ units: 65 });
 * head.build([null, 256]);
 * const logits = fusedDense(head, hidden); // hidden [2048, 256] → [2048, 65]
 * ```
 */
export function fusedDense(layer: DifferentiableLayer<DenseCache>, x: Tensor, options: FusedMatMulOptions = {}): Tensor {
  if (layer.className !== 'Dense') {
    throw new RnnkitError('INVALID_ARGUMENT', `fusedDense: layer '${layer.name}' is a ${layer.className}, not a Dense layer`);
  }
  const [kernel, bias] = layer.weights.map((w) => w.variable);
  if (!kernel) throw new RnnkitError('NOT_BUILT', `fusedDense: layer '${layer.name}' is not built (call build or apply first)`);
  const [features, units] = kernel.shape as [number, number];
  checkShape('fusedDense', `layer '${layer.name}' input`, x, [...x.shape.slice(0, -1).map(() => null), features]);
  const config = layer.getConfig();
  const activation = config['activation'] as DenseActivation;
  return tidy(() => {
    const x2 = reshape(x, [-1, features]) as Tensor2D;
    let z: Tensor = fusedMatMul(x2, kernel as Tensor as Tensor2D, options);
    if (config['use_bias'] === true && bias) z = add(z, bias);
    const y = activation === 'softmax' ? softmax(z) : activation === 'linear' ? z : activate(activation, z);
    return reshape(y, [...x.shape.slice(0, -1), units]);
  });
}
