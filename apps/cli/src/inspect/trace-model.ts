// What happens inside a model for one input, as plain arrays for @rnnkit/viz: a forward pass
// through @rnnkit/train's forwardModel keeps every recurrent layer's per-step cell caches,
// which hold the gate activations (LSTM i, f, g, o; GRU z, r, candidate) and the states; the
// backward pass (backwardModel, BPTT) records ‖∂L/∂h_t‖ at every step for the loss given.

import { isBidirectional, isRnnLayer } from '@rnnkit/core';
import type { RnnCache, SequentialModel } from '@rnnkit/core';
import { backwardModel, disposeModelTrace, forwardModel } from '@rnnkit/train';
import type { Loss } from '@rnnkit/train';
import { dispose } from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';

/** Time steps × units. */
export type StepMatrix = number[][];

/** One recurrent layer's trace (a bidirectional layer gives one per direction), every series in input time order. */
export interface LayerTrace {
  readonly name: string;
  readonly className: string;
  /** Hidden state h_t. */
  readonly hidden: StepMatrix;
  /** Cell state c_t (LSTM only). */
  readonly cell: StepMatrix | null;
  /** Gate activations by gate name. */
  readonly gates: Readonly<Record<string, StepMatrix>>;
  /** ‖∂L/∂h_t‖ per step. */
  readonly gradientNorms: readonly number[];
}

/** The trace of a model for one input. */
export interface ModelTraceResult {
  readonly loss: number;
  readonly layers: readonly LayerTrace[];
}

/** Gate fields of each cell's step cache, with the names the charts use. */
const GATES: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  LSTM: [
    ['i', 'input gate i'],
    ['f', 'forget gate f'],
    ['g', 'candidate g'],
    ['o', 'output gate o'],
  ],
  GRU: [
    ['z', 'update gate z'],
    ['r', 'reset gate r'],
    ['candidate', 'candidate h̃'],
  ],
  SimpleRNN: [],
};

/**
 * The short name of a gate label, for file names (`'forget gate f'` → `'f'`, `'candidate h̃'` → `'candidate'`).
 *
 * @example
 * ```ts
 * gateField('update gate z'); // 'z'
 * ```
 */
export function gateField(label: string): string {
  for (const gates of Object.values(GATES)) for (const [field, name] of gates) if (name === label) return field;
  return label.replace(/\W+/g, '-');
}

/** Row 0 of a `[1, units]` tensor as numbers. */
function row(t: Tensor2D): number[] {
  return Array.from(t.dataSync()).slice(0, t.shape[1]);
}

/** The states after each step: the next step's previous state, the final state after the last. */
function statesAfter(cache: RnnCache, field: string, stateIndex: number): StepMatrix {
  const steps = cache.steps as Record<string, Tensor2D>[];
  return steps.map((_, k) => (k + 1 < steps.length ? row((steps[k + 1] as Record<string, Tensor2D>)[field] as Tensor2D) : row(cache.finalState[stateIndex] as Tensor2D)));
}

/** Per-step values put in input time order (`timeIndices[k]` is the input step read at step k). */
function inTimeOrder<T>(values: readonly T[], timeIndices: readonly number[]): T[] {
  const out = [...values];
  timeIndices.forEach((t, k) => (out[t] = values[k] as T));
  return out;
}

/** The trace of one recurrent layer (or one half of a bidirectional layer), in input time order. */
function traceOf(name: string, className: string, cache: RnnCache, norms: readonly number[] | undefined): LayerTrace {
  const steps = cache.steps as Record<string, Tensor2D>[];
  const order = cache.timeIndices;
  const gates = Object.fromEntries((GATES[className] ?? []).map(([field, label]) => [label, inTimeOrder(steps.map((s) => row(s[field] as Tensor2D)), order)]));
  const hidden = className === 'SimpleRNN' ? steps.map((s) => row(s['h'] as Tensor2D)) : statesAfter(cache, className === 'GRU' ? 'hPrev' : 'hPrevMasked', 0);
  return {
    name,
    className,
    hidden: inTimeOrder(hidden, order),
    cell: className === 'LSTM' ? inTimeOrder(statesAfter(cache, 'cPrev', 1), order) : null,
    gates,
    gradientNorms: inTimeOrder(norms ?? [], order),
  };
}

/**
 * Runs the model on `x` (batch of one), backpropagates `loss` against `y`, and returns each
 * recurrent layer's states, gates and gradient norms. Leaves no tensors behind.
 *
 * @example
 * ```ts
 * const trace = traceModel(model, x, y, meanSquaredError());
 * trace.layers[0].gates['forget gate f']; // [T][units]
 * ```
 */
export function traceModel(model: SequentialModel, x: Tensor, y: Tensor, loss: Loss): ModelTraceResult {
  // The step-by-step path keeps each step's cell cache (the fused kernels keep raw buffers).
  const trace = forwardModel(model, x, { training: false, fused: false });
  try {
    const { value, gradient } = loss.valueAndGradient(trace.output, y);
    const gradients = backwardModel(model, trace, gradient, { recordHiddenGradNorms: true });
    const lossValue = value.dataSync()[0] as number;
    dispose([value, gradient, ...Object.values(gradients.grads), ...[...gradients.dInitialStates.values()].flat()]);
    const norms = gradients.hiddenGradNorms;
    const layers = trace.layers.flatMap(({ layer, cache }): LayerTrace[] => {
      if (isRnnLayer(layer)) return [traceOf(layer.name, layer.className, cache as RnnCache, norms[layer.name])];
      if (isBidirectional(layer)) {
        const halves = cache as { forward: RnnCache; backward: RnnCache };
        const kind = layer.forwardLayer.className;
        return [
          traceOf(`${layer.name}/forward`, kind, halves.forward, norms[`${layer.name}/forward`]),
          traceOf(`${layer.name}/backward`, kind, halves.backward, norms[`${layer.name}/backward`]),
        ];
      }
      return [];
    });
    return { loss: lossValue, layers };
  } finally {
    disposeModelTrace(trace);
  }
}
