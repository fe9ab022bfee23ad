// Activations by Keras name, with the derivative written in terms of the activation's
// output y (what a backward step has cached): tanh' = 1 − y², σ' = y(1 − y), relu' = [y > 0],
// hard_sigmoid' = 0.2·[0 < y < 1].
//
// hard_sigmoid is Keras 2's and tf.layers' clip(0.2·x + 0.5, 0, 1) (tf.layers' default gate
// activation), computed with the same ops as tfjs-layers so the two agree bit for bit. Keras 3
// redefined it as relu6(x + 3)/6 = clip(x/6 + 0.5, 0, 1); files from Keras 3 are refused (io).

import { add, clipByValue, clone, mul, tidy, relu, sigmoid, sub, tanh, onesLike, square, step as stepOp } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Activation } from './cell.js';
import { RnnkitError } from './errors.js';

/** The activation names {@link checkActivation} accepts, in the order messages list them. */
export const activationNames: readonly Activation[] = ['tanh', 'relu', 'sigmoid', 'hard_sigmoid', 'linear'];

const expected = `expected ${activationNames.join(', ')}`;

/** Applies the activation `name` to `x`. */
export function activate<T extends Tensor>(name: Activation, x: T): T {
  return tidy(() => activateUntidied(name, x));
}

function activateUntidied<T extends Tensor>(name: Activation, x: T): T {
  switch (name) {
    case 'tanh':
      return tanh(x);
    case 'sigmoid':
      return sigmoid(x);
    case 'hard_sigmoid':
      return clipByValue(add(0.5, mul(0.2, x)), 0, 1) as T;
    case 'relu':
      return relu(x);
    case 'linear':
      return clone(x);
    default:
      throw new RnnkitError('UNSUPPORTED', `Unknown activation '${String(name)}' (${expected})`);
  }
}

/** dy/dx expressed through y = f(x). */
export function activationGradFromOutput<T extends Tensor>(name: Activation, y: T): T {
  return tidy(() => gradFromOutputUntidied(name, y));
}

function gradFromOutputUntidied<T extends Tensor>(name: Activation, y: T): T {
  switch (name) {
    case 'tanh':
      return sub(1, square(y));
    case 'sigmoid':
      return mul(y, sub(1, y));
    case 'hard_sigmoid':
      // 0.2 on the slope (0 < y < 1), 0 where clipped: step(y)·step(1 − y) = [y > 0]·[y < 1].
      return mul(0.2, mul(stepOp(y, 0), stepOp(sub(1, y), 0))) as T;
    case 'relu':
      return stepOp(y, 0);
    case 'linear':
      return onesLike(y);
    default:
      throw new RnnkitError('UNSUPPORTED', `Unknown activation '${String(name)}' (${expected})`);
  }
}

/** `name` as an {@link Activation}, or UNSUPPORTED naming `where` and the accepted names. */
export function checkActivation(where: string, name: string): Activation {
  if ((activationNames as readonly string[]).includes(name)) return name as Activation;
  throw new RnnkitError('UNSUPPORTED', `${where}: unknown activation '${name}' (${expected})`);
}
