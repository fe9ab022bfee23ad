// Activations by Keras name, with the derivative written in terms of the activation's
// output y (what a backward step has cached): tanh' = 1 − y², σ' = y(1 − y), relu' = [y > 0].

import { clone, mul, tidy, relu, sigmoid, sub, tanh, onesLike, square, step as stepOp } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Activation } from './cell.js';
import { RnnkitError } from './errors.js';

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
    case 'relu':
      return relu(x);
    case 'linear':
      return clone(x);
    default:
      throw new RnnkitError('UNSUPPORTED', `Unknown activation '${String(name)}' (expected tanh, relu, sigmoid or linear)`);
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
    case 'relu':
      return stepOp(y, 0);
    case 'linear':
      return onesLike(y);
    default:
      throw new RnnkitError('UNSUPPORTED', `Unknown activation '${String(name)}'`);
  }
}

export function checkActivation(where: string, name: string): Activation {
  if (name === 'tanh' || name === 'relu' || name === 'sigmoid' || name === 'linear') return name;
  throw new RnnkitError('UNSUPPORTED', `${where}: unknown activation '${name}' (expected tanh, relu, sigmoid or linear)`);
}
