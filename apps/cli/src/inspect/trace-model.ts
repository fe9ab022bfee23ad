// What happens inside a model for one input, as plain arrays for @rnnkit/viz: a forward pass
// through @rnnkit/train's forwardModel keeps every recurrent layer's per-step cell caches, which
// core's stepTrace reads as gate activations (LSTM i, f, g, o; GRU z, r, candidate) and states;
// the backward pass (backwardModel, BPTT) records ‖∂L/∂h_t‖ at every step for the loss given.

import { isBidirectional, isRnnLayer, stepTrace } from '@rnnkit/core';
import type { CellKind, RnnCache, SequentialModel, StepMatrix } from '@rnnkit/core';
import { backwardModel, disposeModelTrace, forwardModel } from '@rnnkit/train';
import type { Loss } from '@rnnkit/train';
import { dispose } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';

export type { StepMatrix };

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

/** The gates core's stepTrace names, with the names the charts use. */
const GATES: Readonly<Record<CellKind, readonly (readonly [string, string])[]>> = {
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

/** The trace of one recurrent layer (or one half of a bidirectional layer), in input time order. */
function traceOf(name: string, kind: CellKind, cache: RnnCache, norms: readonly number[] | undefined): LayerTrace {
  const { hidden, cell, gates } = stepTrace(cache, kind);
  const order = cache.timeIndices;
  const gradientNorms = [...(norms ?? [])];
  order.forEach((t, k) => (gradientNorms[t] = norms?.[k] as number));
  return {
    name,
    className: kind,
    hidden,
    cell,
    gates: Object.fromEntries(GATES[kind].map(([field, label]) => [label, gates[field] as StepMatrix])),
    gradientNorms: norms ? gradientNorms : [],
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
      if (isRnnLayer(layer)) return [traceOf(layer.name, layer.cell.kind, cache as RnnCache, norms[layer.name])];
      if (isBidirectional(layer)) {
        const halves = cache as { forward: RnnCache; backward: RnnCache };
        const kind = layer.forwardLayer.cell.kind;
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
