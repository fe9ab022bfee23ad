// An independent float64 reference of Keras's recurrent layers, written from Keras's equations
// (keras/src/layers/rnn/{simple_rnn,lstm,gru}.py and backend `rnn`), in plain JS arrays:
// no tfjs, no rnnkit code. Used where tf.layers cannot serve: GRU reset_after, dropout masks,
// zero_output_for_mask.

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

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/** row · M (+ b). */
function affine(row: number[], m: Matrix, bias?: number[]): number[] {
  const cols = (m[0] as number[]).length;
  const out = bias ? bias.slice() : new Array<number>(cols).fill(0);
  row.forEach((v, i) => {
    const mRow = m[i] as number[];
    for (let j = 0; j < cols; j++) out[j] = (out[j] as number) + v * (mRow[j] as number);
  });
  return out;
}

const times = (a: number[], b: number[]): number[] => a.map((v, i) => v * (b[i] as number));
const part = (v: number[], k: number, u: number): number[] => v.slice(k * u, (k + 1) * u);
const columns = (m: Matrix, from: number, to: number): Matrix => m.map((row) => row.slice(from, to));

/** One cell step for one sample: returns the new state list (output = state[0]). */
function cellStep(input: ReferenceInput, x: number[], state: number[][], recurrentMask: number[] | undefined): number[][] {
  const u = (input.recurrentKernel as Matrix).length;
  const h = state[0] as number[];
  const hm = recurrentMask ? times(h, recurrentMask) : h;
  if (input.kind === 'SimpleRNN') {
    const z = affine(x, input.kernel, input.bias as number[] | undefined);
    const r = affine(hm, input.recurrentKernel);
    return [z.map((v, j) => Math.tanh(v + (r[j] as number)))];
  }
  if (input.kind === 'LSTM') {
    const a = affine(x, input.kernel, input.bias as number[] | undefined);
    const r = affine(hm, input.recurrentKernel);
    const z = a.map((v, j) => v + (r[j] as number));
    const [i, f, g, o] = [part(z, 0, u).map(sigmoid), part(z, 1, u).map(sigmoid), part(z, 2, u).map(Math.tanh), part(z, 3, u).map(sigmoid)];
    const c = (state[1] as number[]).map((cp, j) => (f[j] as number) * cp + (i[j] as number) * (g[j] as number));
    return [c.map((cj, j) => (o[j] as number) * Math.tanh(cj)), c];
  }
  const [inputBias, recurrentBias] = input.resetAfter
    ? [(input.bias as Matrix | undefined)?.[0], (input.bias as Matrix | undefined)?.[1]]
    : [input.bias as number[] | undefined, undefined];
  const mx = affine(x, input.kernel, inputBias);
  let z: number[];
  let candidate: number[];
  if (input.resetAfter) {
    const inner = affine(hm, input.recurrentKernel, recurrentBias);
    z = part(mx, 0, u).map((v, j) => sigmoid(v + (inner[j] as number)));
    const r = part(mx, 1, u).map((v, j) => sigmoid(v + (inner[u + j] as number)));
    candidate = part(mx, 2, u).map((v, j) => Math.tanh(v + (r[j] as number) * (inner[2 * u + j] as number)));
  } else {
    const inner = affine(hm, columns(input.recurrentKernel, 0, 2 * u));
    z = part(mx, 0, u).map((v, j) => sigmoid(v + (inner[j] as number)));
    const r = part(mx, 1, u).map((v, j) => sigmoid(v + (inner[u + j] as number)));
    const rh = affine(times(r, hm), columns(input.recurrentKernel, 2 * u, 3 * u));
    candidate = part(mx, 2, u).map((v, j) => Math.tanh(v + (rh[j] as number)));
  }
  // The carry uses the unmasked previous state.
  return [h.map((hj, j) => (z[j] as number) * hj + (1 - (z[j] as number)) * (candidate[j] as number))];
}

/**
 * Runs the layer; `outputs[b][k]` is the output at processing step k (reversed order with
 * goBackwards, as Keras returns it), `states[i][b]` the final states.
 */
export function referenceRnn(input: ReferenceInput): { outputs: number[][][]; states: Matrix[] } {
  const u = input.recurrentKernel.length;
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
      const next = cellStep(input, xt, state, input.recurrentMask?.[b]);
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
