// Test reference: the three cells' forward steps written out independently in float64 over
// plain arrays, straight from the published equations (Elman 1990; Keras LSTMCell, gate order
// i, f, c, o; Keras GRUCell, gate order z, r, h, both reset placements). Used for the GRU
// resetAfter parity (tf.layers cannot run it), for float64 central differences, and as the cell
// step of the layer reference (layers/__fixtures__/reference-rnn.ts).

import type { Activation, CellConfig } from '../../cell.js';

export type Matrix = number[][];

export interface ReferenceParams {
  kernel: Matrix;
  recurrentKernel: Matrix;
  bias: number[] | Matrix;
}

function act(name: Activation | undefined, v: number): number {
  switch (name) {
    case 'tanh':
      return Math.tanh(v);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-v));
    case 'relu':
      return Math.max(0, v);
    case 'hard_sigmoid':
      return Math.min(1, Math.max(0, 0.2 * v + 0.5));
    default:
      return v;
  }
}

/** Receives every value an activation is applied to, and which activation (gradient checks keep them off kinks). */
export type ActivationRecorder = (name: Activation | undefined, input: number) => void;

/** row · M[:, from..from+width) */
function rowTimes(row: readonly number[], m: Matrix, from: number, width: number): number[] {
  const out = new Array<number>(width).fill(0);
  row.forEach((value, k) => {
    const mk = m[k]!;
    for (let j = 0; j < width; j++) out[j]! += value * mk[from + j]!;
  });
  return out;
}

/** One step for one batch row; returns the new state ([h] or [h, c]). */
export function stepRow(config: CellConfig, p: ReferenceParams, x: number[], state: number[][], mask: number[] | null, record?: ActivationRecorder): number[][] {
  const u = config.units;
  const g = config.kind === 'LSTM' ? 4 : config.kind === 'GRU' ? 3 : 1;
  const hPrev = state[0]!;
  const hm = mask ? hPrev.map((v, j) => v * mask[j]!) : hPrev;
  const reset2d = config.kind === 'GRU' && config.resetAfter;
  const bIn = !config.useBias ? new Array<number>(g * u).fill(0) : reset2d ? (p.bias as Matrix)[0]! : (p.bias as number[]);
  const bRec = reset2d && config.useBias ? (p.bias as Matrix)[1]! : new Array<number>(g * u).fill(0);
  const xw = rowTimes(x, p.kernel, 0, g * u).map((v, j) => v + bIn[j]!);
  const phi = (v: number): number => (record?.(config.activation, v), act(config.activation, v));
  const sigma = (v: number): number => (record?.(config.recurrentActivation, v), act(config.recurrentActivation, v));

  if (config.kind === 'SimpleRNN') {
    const hu = rowTimes(hm, p.recurrentKernel, 0, u);
    return [xw.map((v, j) => phi(v + hu[j]!))];
  }
  if (config.kind === 'LSTM') {
    const a = rowTimes(hm, p.recurrentKernel, 0, 4 * u).map((v, j) => v + xw[j]!);
    const cPrev = state[1]!;
    const c = cPrev.map((cp, j) => sigma(a[u + j]!) * cp + sigma(a[j]!) * phi(a[2 * u + j]!));
    const h = c.map((cj, j) => sigma(a[3 * u + j]!) * phi(cj));
    return [h, c];
  }
  // GRU
  let z: number[], candidate: number[];
  if (config.resetAfter) {
    const uu = rowTimes(hm, p.recurrentKernel, 0, 3 * u).map((v, j) => v + bRec[j]!);
    z = uu.slice(0, u).map((v, j) => sigma(xw[j]! + v));
    const r = uu.slice(u, 2 * u).map((v, j) => sigma(xw[u + j]! + v));
    candidate = r.map((rj, j) => phi(xw[2 * u + j]! + rj * uu[2 * u + j]!));
  } else {
    const uzr = rowTimes(hm, p.recurrentKernel, 0, 2 * u);
    z = uzr.slice(0, u).map((v, j) => sigma(xw[j]! + v));
    const r = uzr.slice(u).map((v, j) => sigma(xw[u + j]! + v));
    const uh = rowTimes(r.map((rj, j) => rj * hm[j]!), p.recurrentKernel, 2 * u, u);
    candidate = uh.map((v, j) => phi(xw[2 * u + j]! + v));
  }
  return [z.map((zj, j) => zj * hPrev[j]! + (1 - zj) * candidate[j]!)];
}

/** One step for a batch: x [batch, inputSize], state tensors [batch, units] each; `record` sees every activation input. */
export function referenceStep(config: CellConfig, p: ReferenceParams, x: Matrix, state: Matrix[], mask?: Matrix, record?: ActivationRecorder): Matrix[] {
  const rows = x.map((xb, b) => stepRow(config, p, xb, state.map((s) => s[b]!), mask ? mask[b]! : null, record));
  return state.map((_, k) => rows.map((r) => r[k]!));
}

/** Runs `referenceStep` over xs [batch, steps, inputSize]; returns outputs [batch, steps, units] and the final state. */
export function referenceSequence(config: CellConfig, p: ReferenceParams, xs: number[][][], initial: Matrix[]): { outputs: number[][][]; state: Matrix[] } {
  let state = initial;
  const outputs: number[][][] = xs.map(() => []);
  const steps = xs[0]!.length;
  for (let t = 0; t < steps; t++) {
    state = referenceStep(config, p, xs.map((row) => row[t]!), state);
    state[0]!.forEach((h, b) => outputs[b]!.push(h));
  }
  return { outputs, state };
}
