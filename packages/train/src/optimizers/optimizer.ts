// The optimizer contract and the bookkeeping every optimizer shares: per-parameter state
// ("slots" such as Adam's m and v, and a step count t as PyTorch keeps one per parameter),
// tidy updates, JSON state for checkpoints. Each optimizer file only states its update rule.

import { add, mul, tidy } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { RnnkitError, formatShape } from '@rnnkit/core';
import { decodeTensor, encodeTensor } from '../io/tensor-codec.js';
import type { EncodedTensor } from '../io/tensor-codec.js';

/** Tensors by parameter name (e.g. `'lstm_1/kernel'`). */
export type NamedTensors = Record<string, Tensor>;

/** Names of the built-in optimizers. */
export type OptimizerKind = 'sgd' | 'momentum' | 'nesterov' | 'rmsprop' | 'adagrad' | 'adam' | 'adamw';

/** An optimizer's full state as plain JSON (for checkpoints). */
export type OptimizerState = {
  kind: OptimizerKind;
  learningRate: number;
  /** The hyper-parameters it was made with (checked on restore). */
  hyper: Record<string, number | boolean>;
  /** Per parameter: its step count t and its slot tensors. */
  params: Record<string, { step: number; slots: Record<string, EncodedTensor> }>;
};

/** A first-order optimizer. */
export interface Optimizer {
  readonly kind: OptimizerKind;
  /** Current learning rate γ (a schedule may set it between steps). */
  learningRate: number;
  /** The hyper-parameters, defaults filled in. */
  readonly hyper: Readonly<Record<string, number | boolean>>;
  /**
   * One update. Returns NEW parameter tensors; `params` and `grads` are left untouched (the
   * caller owns both old and new). Slot tensors are owned by the optimizer.
   */
  step(params: NamedTensors, grads: NamedTensors): NamedTensors;
  /** Serializable state: slots, step counts, learning rate. */
  getState(): OptimizerState;
  /** Restores {@link Optimizer.getState}'s output (same kind and hyper-parameters). */
  setState(state: OptimizerState): void;
  /** Frees the slot tensors. */
  dispose(): void;
}

/** What an update rule sees for one parameter. */
export type UpdateInput = {
  param: Tensor;
  grad: Tensor;
  /** This parameter's slots from the previous step; absent on its first step. */
  slots: Readonly<Record<string, Tensor | undefined>>;
  /** t, 1 on the parameter's first update. */
  step: number;
  learningRate: number;
};

/** An update rule's result: the new parameter and the new slots to keep. */
export type UpdateOutput = { param: Tensor; slots: Record<string, Tensor> };

/** Checks a learning-rate-like option: finite and ≥ 0 (or > 0 when `strict`). */
export function checkHyper(where: string, name: string, value: number, range: { min?: number; below?: number; strict?: boolean } = {}): void {
  const { min = 0, below = Number.POSITIVE_INFINITY, strict = false } = range;
  if (!Number.isFinite(value) || value < min || (strict && value === min) || value >= below) {
    const interval = `${strict ? '(' : '['}${min}, ${below === Number.POSITIVE_INFINITY ? '∞' : below})`;
    throw new RnnkitError('INVALID_ARGUMENT', `${where}: ${name} must be in ${interval}, got ${String(value)}`, { [name]: value });
  }
}

/**
 * Builds an optimizer from its update rule; shared by every optimizer file.
 * `update` runs inside `tf.tidy`; the returned slots are kept, the previous ones disposed.
 */
export function defineOptimizer(
  kind: OptimizerKind,
  learningRate: number,
  hyper: Record<string, number | boolean>,
  update: (input: UpdateInput) => UpdateOutput,
): Optimizer {
  checkHyper(kind, 'learningRate', learningRate);
  const state = new Map<string, { step: number; slots: Record<string, Tensor> }>();

  const disposeSlots = (): void => {
    for (const { slots } of state.values()) for (const t of Object.values(slots)) t.dispose();
    state.clear();
  };

  const optimizer: Optimizer = {
    kind,
    learningRate,
    hyper: Object.freeze({ ...hyper }),

    step(params, grads) {
      const result: NamedTensors = {};
      for (const [name, param] of Object.entries(params)) {
        const grad = grads[name];
        if (!grad) {
          throw new RnnkitError('MISSING_VALUE', `${kind}.step: no gradient for parameter '${name}'`, { name });
        }
        if (grad.shape.join() !== param.shape.join()) {
          throw new RnnkitError(
            'SHAPE_MISMATCH',
            `${kind}.step: gradient of '${name}' has shape ${formatShape(grad.shape)}, the parameter ${formatShape(param.shape)}`,
            { name, expected: param.shape, actual: grad.shape },
          );
        }
        const previous = state.get(name) ?? { step: 0, slots: {} };
        const step = previous.step + 1;
        const out = tidy(() => {
          const o = update({ param, grad, slots: previous.slots, step, learningRate: optimizer.learningRate });
          // Never hand back (or keep) a tensor the caller owns: copy it.
          const own = (t: Tensor): Tensor => (t === param || t === grad ? t.clone() : t);
          return { param: own(o.param), slots: Object.fromEntries(Object.entries(o.slots).map(([k, t]) => [k, own(t)])) };
        });
        const kept = new Set(Object.values(out.slots));
        for (const t of Object.values(previous.slots)) if (!kept.has(t)) t.dispose();
        state.set(name, { step, slots: out.slots });
        result[name] = out.param;
      }
      return result;
    },

    getState() {
      const params: OptimizerState['params'] = {};
      for (const [name, { step, slots }] of state) {
        const encoded: Record<string, EncodedTensor> = {};
        for (const [slot, t] of Object.entries(slots)) encoded[slot] = encodeTensor(t);
        params[name] = { step, slots: encoded };
      }
      return { kind, learningRate: optimizer.learningRate, hyper: { ...hyper }, params };
    },

    setState(saved) {
      if (saved?.kind !== kind) {
        throw new RnnkitError('INVALID_ARGUMENT', `${kind}.setState: the state is of a '${String(saved?.kind)}' optimizer`, {
          expected: kind,
          actual: saved?.kind,
        });
      }
      for (const [key, value] of Object.entries(hyper)) {
        if (saved.hyper?.[key] !== value) {
          throw new RnnkitError(
            'INVALID_ARGUMENT',
            `${kind}.setState: hyper-parameter ${key} is ${String(saved.hyper?.[key])} in the state, ${String(value)} here`,
            { key },
          );
        }
      }
      disposeSlots();
      for (const [name, { step, slots }] of Object.entries(saved.params ?? {})) {
        const decoded: Record<string, Tensor> = {};
        for (const [slot, enc] of Object.entries(slots)) decoded[slot] = decodeTensor(enc, `${kind} state ${name}/${slot}`);
        state.set(name, { step, slots: decoded });
      }
      optimizer.learningRate = saved.learningRate;
    },

    dispose: disposeSlots,
  };
  return optimizer;
}

/** Exponential moving average β·previous + (1 − β)·value, from a zero start (Adam's m, v; RMSprop's v). */
export function movingAverage(previous: Tensor | undefined, value: Tensor, beta: number): Tensor {
  const fresh = mul(value, 1 - beta);
  return previous ? add(mul(previous, beta), fresh) : fresh;
}
