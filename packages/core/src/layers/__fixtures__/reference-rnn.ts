// An independent float64 reference of Keras's recurrent layers, written from Keras's equations
// (keras/src/layers/rnn/{simple_rnn,lstm,gru}.py and backend `rnn`), in plain JS arrays:
// no tfjs, no rnnkit code. The loop (masks, dropout masks, goBackwards, zero_output_for_mask) is
// here; each step is the cell reference's (cells/__fixtures__/reference-cells.ts). Used where
// tf.layers cannot serve: GRU reset_after, dropout masks, zero_output_for_mask.

import type { CellConfig } from '../../cell.js';
import { stepRow } from '../../cells/__fixtures__/reference-cells.js';

export type Matrix = number[][];
export type ReferenceKind = 'SimpleRNN' | 'LSTM' | 'GRU';

export interface ReferenceInput {
  kind: ReferenceKind;
  resetAfter?: boolean;
  kernel: Matrix;
  recurrentKernel: Matrix;
  /** `[G·u]`, or `[2][3u]` for GRU reset_after; omitted without bias. */
  bias?: number[] | Matrix;
  /** `[batch][T][features]`. */
  x: number[][][];
  initialState?: Matrix[];
  /** `[batch][T]`, 1 keep / 0 masked. */
  mask?: Matrix;
  /** `[batch][features]`, already scaled. */
  inputMask?: Matrix;
  /** `[batch][units]`, already scaled. */
  recurrentMask?: Matrix;
  goBackwards?: boolean;
  zeroOutputForMask?: boolean;
}

const times = (a: number[], b: number[]): number[] => a.map((v, i) => v * (b[i] as number));

/** The cells' default activations (tanh; sigmoid gates), as Keras's layers default to. */
function cellConfig(input: ReferenceInput): CellConfig {
  const units = input.recurrentKernel.length;
  const inputSize = input.kernel.length;
  return { kind: input.kind, units, inputSize, activation: 'tanh', recurrentActivation: 'sigmoid', useBias: input.bias !== undefined, resetAfter: input.resetAfter ?? false };
}

/**
 * Runs the layer; `outputs[b][k]` is the output at processing step k (reversed order with
 * goBackwards, as Keras returns it), `states[i][b]` the final states.
 */
export function referenceRnn(input: ReferenceInput): { outputs: number[][][]; states: Matrix[] } {
  const u = input.recurrentKernel.length;
  const config = cellConfig(input);
  const params = { kernel: input.kernel, recurrentKernel: input.recurrentKernel, bias: input.bias ?? [] };
  const stateCount = input.kind === 'LSTM' ? 2 : 1;
  const outputs: number[][][] = [];
  const finalStates: Matrix[] = Array.from({ length: stateCount }, () => []);
  input.x.forEach((sequence, b) => {
    let state = Array.from({ length: stateCount }, (_, i) => input.initialState?.[i]?.[b]?.slice() ?? new Array<number>(u).fill(0));
    let previous = new Array<number>(u).fill(0);
    const sampleOutputs: number[][] = [];
    const order = sequence.map((_, t) => (input.goBackwards ? sequence.length - 1 - t : t));
    for (const t of order) {
      const xt = input.inputMask ? times(sequence[t] as number[], input.inputMask[b] as number[]) : (sequence[t] as number[]);
      const next = stepRow(config, params, xt, state, input.recurrentMask?.[b] ?? null);
      const keep = input.mask ? (input.mask[b] as number[])[t] !== 0 : true;
      const output = keep ? (next[0] as number[]) : input.zeroOutputForMask ? new Array<number>(u).fill(0) : previous;
      if (keep) state = next;
      sampleOutputs.push(output);
      previous = output;
    }
    outputs.push(sampleOutputs);
    state.forEach((s, i) => (finalStates[i] as Matrix).push(s));
  });
  return { outputs, states: finalStates };
}
