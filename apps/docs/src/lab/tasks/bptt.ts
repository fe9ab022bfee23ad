// Chapter 5: ‖∂L/∂h_t‖ at every time step, from @rnnkit/train's BPTT (forwardModel +
// backwardModel, recorded per step), for a SimpleRNN and an LSTM reading the same T days of
// temperatures, with the loss on the last output only. Truncated BPTT with k₂ < T runs the first
// T − k₂ steps forward without a backward pass and carries their state into the window, exactly
// as truncated training does; the steps before the window get no gradient.
import { dense, lstm, sequential, simpleRnn } from '@rnnkit/core';
import { minMaxScaler } from '@rnnkit/data';
import { backwardModel, disposeModelTrace, forwardModel } from '@rnnkit/train';
import { concat, dispose, fill, mul, ones, slice, tensor3d, tidy } from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import { temperatures } from '../../data/temperatures.js';
import type { Task } from '../protocol.js';

/** What the page asks. */
export interface BpttPayload {
  /** Sequence length T. */
  steps: number;
  /** Backpropagate only the last k₂ steps (k₂ = T: full BPTT). */
  truncation: number;
  units: number;
  seed: number;
  /** Factor on the SimpleRNN's (orthogonal) recurrent kernel U. */
  recurrentScale: number;
  /** The LSTM's forget-gate bias b_f (Keras's unit forget bias is 1). */
  forgetBias: number;
}

/** ‖∂L/∂h_t‖ for t = 0 … T−1 per model (0 before a truncated window). */
export type BpttGradients = Record<'SimpleRNN' | 'LSTM', number[]>;

export const bptt: Task = async (payload) => {
  const { steps, truncation, units, seed, recurrentScale, forgetBias } = payload as BpttPayload;
  const series = temperatures();
  const scaled = minMaxScaler({ featureRange: [-1, 1] }).fit(series.values).transform(series.values.subarray(0, steps));
  const x = tensor3d(Float32Array.from(scaled), [1, steps, 1]);
  const cut = steps - Math.min(truncation, steps);
  const result: Partial<BpttGradients> = {};

  for (const kind of ['SimpleRNN', 'LSTM'] as const) {
    const recurrent = kind === 'LSTM' ? lstm({ units, name: 'recurrent' }) : simpleRnn({ units, name: 'recurrent' });
    const model = sequential({ layers: [recurrent, dense({ units: 1 })], inputShape: [null, 1], seed });
    // Weights in Keras order: kernel, recurrent kernel, bias (gate order i, f, c, o), dense….
    const weights = model.getWeights();
    const [, recurrentKernel, bias] = weights;
    if (!recurrentKernel || !bias) throw new Error('unexpected weight list');
    const adjusted = tidy(() =>
      kind === 'SimpleRNN'
        ? [weights[0], mul(recurrentKernel, recurrentScale), ...weights.slice(2)]
        : [weights[0], recurrentKernel, concat([slice(bias, [0], [units]), fill([units], forgetBias), slice(bias, [2 * units], [2 * units])]), ...weights.slice(3)],
    );
    model.setWeights(adjusted as Tensor[]);
    dispose([...weights, ...(adjusted as Tensor[])]);
    // Steps before the window: forward only, state carried in.
    let carried: Map<number, Tensor2D[]> | undefined;
    let head: ReturnType<typeof forwardModel> | null = null;
    const headInput = cut > 0 ? slice(x, [0, 0, 0], [1, cut, 1]) : null;
    if (headInput) {
      head = forwardModel(model, headInput, { training: false });
      carried = head.finalStates;
    }
    const window = slice(x, [0, cut, 0], [1, steps - cut, 1]);
    const trace = forwardModel(model, window, { training: false, ...(carried ? { initialStates: carried } : {}) });
    // L = ŷ_T (the last output): ∂L/∂ŷ = 1.
    const dOutput = ones(trace.output.shape);
    const gradients = backwardModel(model, trace, dOutput, { recordHiddenGradNorms: true });
    const norms = Object.values(gradients.hiddenGradNorms)[0] ?? [];
    result[kind] = [...new Array<number>(cut).fill(0), ...norms];
    dispose([dOutput, window, ...(headInput ? [headInput] : []), ...Object.values(gradients.grads), ...[...gradients.dInitialStates.values()].flat()]);
    disposeModelTrace(trace);
    if (head) disposeModelTrace(head);
    model.dispose();
  }
  x.dispose();
  return result as BpttGradients;
};
