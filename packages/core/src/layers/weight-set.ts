// The weights of one layer: tf.Variables with their Keras suffixes ('kernel', 'bias'…),
// and the shape-checked get/set/count/dispose every layer shares.

import { cast, clone, tidy, variable } from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { RnnkitError, formatShape } from '../errors.js';
import type { LayerWeight } from './layer.js';

/** A layer's variables in Keras order. */
export interface WeightSet {
  readonly variables: readonly Variable[];
  /** `LayerWeight`s named `<prefix>/<suffix>`. */
  describe(prefix: string, trainable: boolean): LayerWeight[];
  /** Copies of the values (the caller disposes them). */
  read(): Tensor[];
  /** Assigns new values after checking count and shapes. */
  write(where: string, prefix: string, values: readonly Tensor[]): void;
  count(): number;
  dispose(): void;
}

/**
 * Wraps initial values as variables. Takes ownership of `initial` (the values are disposed
 * once the variables hold them).
 */
export function createWeightSet(initial: readonly { suffix: string; value: Tensor }[]): WeightSet {
  const suffixes = initial.map((w) => w.suffix);
  const variables = initial.map((w) => {
    const v = variable(w.value, true);
    w.value.dispose();
    return v;
  });
  return {
    variables,
    describe: (prefix, trainable) =>
      variables.map((v, i) => ({ name: `${prefix}/${suffixes[i] as string}`, variable: v, trainable })),
    read: () => variables.map((v) => clone(v)),
    write(where, prefix, values) {
      if (values.length !== variables.length) {
        throw new RnnkitError(
          'INVALID_ARGUMENT',
          `${where}: setWeights expects ${variables.length} tensors (${suffixes.map((s) => `${prefix}/${s}`).join(', ')}), got ${values.length}`,
          { expected: variables.length, actual: values.length },
        );
      }
      values.forEach((value, i) => {
        const target = variables[i] as Variable;
        const same = value.shape.length === target.shape.length && value.shape.every((d, axis) => d === target.shape[axis]);
        if (!same) {
          throw new RnnkitError(
            'SHAPE_MISMATCH',
            `${where}: weight '${prefix}/${suffixes[i] as string}' must have shape ${formatShape(target.shape)}, got ${formatShape(value.shape)}`,
            { weight: `${prefix}/${suffixes[i] as string}`, expected: target.shape, actual: value.shape },
          );
        }
      });
      values.forEach((value, i) => {
        const target = variables[i] as Variable;
        tidy(() => target.assign(value.dtype === 'float32' ? value : cast(value, 'float32')));
      });
    },
    count: () => variables.reduce((n, v) => n + v.size, 0),
    dispose: () => variables.forEach((v) => v.dispose()),
  };
}
