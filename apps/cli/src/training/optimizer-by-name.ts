// --optimizer NAME --lr RATE → an @rnnkit/train optimizer with its documented defaults otherwise.

import { adagrad, adam, adamw, momentum, nesterov, rmsprop, sgd } from '@rnnkit/train';
import type { Optimizer } from '@rnnkit/train';
import type { OptimizerChoice } from '../options/training-options.js';

const FACTORIES: Readonly<Record<OptimizerChoice, (learningRate: number) => Optimizer>> = {
  sgd: (learningRate) => sgd({ learningRate }),
  momentum: (learningRate) => momentum({ learningRate }),
  nesterov: (learningRate) => nesterov({ learningRate }),
  rmsprop: (learningRate) => rmsprop({ learningRate }),
  adagrad: (learningRate) => adagrad({ learningRate }),
  adam: (learningRate) => adam({ learningRate }),
  adamw: (learningRate) => adamw({ learningRate }),
};

/**
 * The optimizer named by --optimizer.
 *
 * @example
 * ```ts
 * optimizerByName('adam', 0.005).kind; // 'adam'
 * ```
 */
export function optimizerByName(name: OptimizerChoice, learningRate: number): Optimizer {
  return FACTORIES[name](learningRate);
}
