// Activations applied in place over a range of a Float32Array, and their derivatives written
// through the activation's output y (what the fused forward keeps): tanh' = 1 − y²,
// σ' = y(1 − y), relu' = [y > 0], hard_sigmoid' = 0.2·[0 < y < 1] (y = clip(0.2·z + 0.5, 0, 1),
// Keras 2 / tf.layers), linear' = 1. One loop per activation, so the JIT sees a monomorphic body.

import type { Activation } from '../cell.js';

/** buf[offset … offset+n) ← f(buf[…]). */
export function activateRange(kind: Activation, buf: Float32Array, offset: number, n: number): void {
  const end = offset + n;
  switch (kind) {
    case 'sigmoid':
      for (let i = offset; i < end; i++) buf[i] = 1 / (1 + Math.exp(-(buf[i] as number)));
      return;
    case 'tanh':
      for (let i = offset; i < end; i++) buf[i] = Math.tanh(buf[i] as number);
      return;
    case 'hard_sigmoid':
      for (let i = offset; i < end; i++) buf[i] = hardSigmoid(buf[i] as number);
      return;
    case 'relu':
      for (let i = offset; i < end; i++) if ((buf[i] as number) < 0) buf[i] = 0;
      return;
    case 'linear':
      return;
  }
}

/** f(z) as a scalar function (used where one value is needed, e.g. φ(c_t)). */
export function scalarActivation(kind: Activation): (z: number) => number {
  switch (kind) {
    case 'sigmoid':
      return (z) => 1 / (1 + Math.exp(-z));
    case 'tanh':
      return Math.tanh;
    case 'hard_sigmoid':
      return hardSigmoid;
    case 'relu':
      return (z) => (z > 0 ? z : 0);
    case 'linear':
      return (z) => z;
  }
}

/** f'(z) written through y = f(z). */
export function scalarDerivative(kind: Activation): (y: number) => number {
  switch (kind) {
    case 'sigmoid':
      return (y) => y * (1 - y);
    case 'tanh':
      return (y) => 1 - y * y;
    case 'hard_sigmoid':
      return (y) => (y > 0 && y < 1 ? 0.2 : 0);
    case 'relu':
      return (y) => (y > 0 ? 1 : 0);
    case 'linear':
      return () => 1;
  }
}

/** clip(0.2·z + 0.5, 0, 1). */
function hardSigmoid(z: number): number {
  const y = 0.2 * z + 0.5;
  return y <= 0 ? 0 : y >= 1 ? 1 : y;
}
