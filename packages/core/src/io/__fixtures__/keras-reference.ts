// Test reference: a Keras Sequential model.json + weight bytes run forward in float64 over plain
// arrays, straight from Keras's definitions — written independently of rnnkit's loader and layers.
//   SimpleRNN  h = φ(xW + hU + b)
//   LSTM       gates i, f, c, o: c = σ(f)·c + σ(i)·φ(c̃), h = σ(o)·φ(c)
//   GRU        gates z, r, h; reset_after: h̃ = φ(x W_h + b_h + r ⊙ (h U_h + b'_h)), bias [2, 3u]
//              reset_before: h̃ = φ(x W_h + b_h + (r ⊙ h) U_h); h = z ⊙ h + (1 − z) ⊙ h̃
// Masking (Keras): a masked step keeps the state and repeats the previous output (zeros instead
// inside Bidirectional when it returns sequences); go_backwards reads the sequence reversed and
// returns its outputs in reading order; Bidirectional reverses the backward sequence back.

type Json = Record<string, unknown>;
type Matrix = number[][];
type Seq = number[][][]; // [batch, time, features]
type Value = { kind: 'seq'; x: Seq } | { kind: 'flat'; x: Matrix };
type Weights = { shape: number[]; values: Float64Array }[];

/** Decodes every manifest entry (float32, or uint8-quantized) from the concatenated shard bytes. */
export function decodeEntries(modelJson: Json, bytes: Uint8Array): Map<string, { shape: number[]; values: Float64Array }> {
  const out = new Map<string, { shape: number[]; values: Float64Array }>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  for (const group of modelJson['weightsManifest'] as { weights: Json[] }[]) {
    for (const w of group.weights) {
      const shape = w['shape'] as number[];
      const n = shape.reduce((a, b) => a * b, 1);
      const q = w['quantization'] as { min: number; scale: number } | undefined;
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = q ? view.getUint8(offset + i) * q.scale + q.min : view.getFloat32(offset + 4 * i, true);
      offset += q ? n : 4 * n;
      out.set(w['name'] as string, { shape, values });
    }
  }
  return out;
}

/** Keras 2's activations; hard_sigmoid = clip(0.2·v + 0.5, 0, 1) (Keras 3 changed it to clip(v/6 + 0.5, 0, 1)). */
const act = (name: string, v: number): number =>
  name === 'tanh'
    ? Math.tanh(v)
    : name === 'sigmoid'
      ? 1 / (1 + Math.exp(-v))
      : name === 'hard_sigmoid'
        ? Math.min(1, Math.max(0, 0.2 * v + 0.5))
        : name === 'relu'
          ? Math.max(0, v)
          : v;

function rowTimes(row: readonly number[], w: { shape: number[]; values: Float64Array }, from: number, width: number): number[] {
  const cols = w.shape[1] as number;
  const out = new Array<number>(width).fill(0);
  row.forEach((x, k) => {
    for (let j = 0; j < width; j++) out[j]! += x * w.values[k * cols + from + j]!;
  });
  return out;
}

function cellStep(cls: string, c: Json, w: Weights, x: number[], state: number[][]): number[][] {
  const u = c['units'] as number;
  const g = cls === 'LSTM' ? 4 : cls === 'GRU' ? 3 : 1;
  const [kernel, recurrent, bias] = w as [Weights[0], Weights[0], Weights[0] | undefined];
  const resetAfter = cls === 'GRU' && c['reset_after'] === true;
  const bIn = bias ? Array.from(bias.values.slice(0, g * u)) : new Array<number>(g * u).fill(0);
  const bRec = bias && resetAfter ? Array.from(bias.values.slice(g * u)) : new Array<number>(g * u).fill(0);
  const phi = (v: number): number => act((c['activation'] as string) ?? 'tanh', v);
  const sigma = (v: number): number => act((c['recurrent_activation'] as string) ?? 'sigmoid', v);
  const h = state[0]!;
  const xw = rowTimes(x, kernel, 0, g * u).map((v, j) => v + bIn[j]!);
  if (cls === 'SimpleRNN') return [rowTimes(h, recurrent, 0, u).map((v, j) => phi(xw[j]! + v))];
  if (cls === 'LSTM') {
    const a = rowTimes(h, recurrent, 0, 4 * u).map((v, j) => v + xw[j]!);
    const cell = state[1]!.map((cp, j) => sigma(a[u + j]!) * cp + sigma(a[j]!) * phi(a[2 * u + j]!));
    return [cell.map((cj, j) => sigma(a[3 * u + j]!) * phi(cj)), cell];
  }
  let z: number[];
  let candidate: number[];
  if (resetAfter) {
    const hu = rowTimes(h, recurrent, 0, 3 * u).map((v, j) => v + bRec[j]!);
    z = hu.slice(0, u).map((v, j) => sigma(xw[j]! + v));
    const r = hu.slice(u, 2 * u).map((v, j) => sigma(xw[u + j]! + v));
    candidate = r.map((rj, j) => phi(xw[2 * u + j]! + rj * hu[2 * u + j]!));
  } else {
    const hu = rowTimes(h, recurrent, 0, 2 * u);
    z = hu.slice(0, u).map((v, j) => sigma(xw[j]! + v));
    const r = hu.slice(u).map((v, j) => sigma(xw[u + j]! + v));
    candidate = rowTimes(r.map((rj, j) => rj * h[j]!), recurrent, 2 * u, u).map((v, j) => phi(xw[2 * u + j]! + v));
  }
  return [z.map((zj, j) => zj * h[j]! + (1 - zj) * candidate[j]!)];
}

/** One recurrent layer over a batch; returns the outputs in reading order and the last output. */
function runRnn(cls: string, c: Json, w: Weights, xs: Seq, mask: boolean[][] | null, backwards: boolean, zeroMasked: boolean): { seq: Seq; last: Matrix } {
  const u = c['units'] as number;
  const seq: Seq = [];
  const last: Matrix = [];
  xs.forEach((row, b) => {
    const order = row.map((_, t) => t);
    if (backwards) order.reverse();
    let state = (cls === 'LSTM' ? [0, 0] : [0]).map(() => new Array<number>(u).fill(0));
    let output = new Array<number>(u).fill(0);
    const outs: number[][] = [];
    for (const t of order) {
      if (mask && !mask[b]![t]) {
        outs.push(zeroMasked ? new Array<number>(u).fill(0) : output);
        continue;
      }
      state = cellStep(cls, c, w, row[t]!, state);
      output = state[0]!;
      outs.push(output);
    }
    seq.push(outs);
    last.push(output);
  });
  return { seq, last };
}

function recurrentConfig(spec: Json): { cls: string; c: Json } {
  const cls = spec['class_name'] as string;
  return { cls, c: spec['config'] as Json };
}

/**
 * Runs the model in `modelJson` (weights from `entries`) on `input`: token ids `[batch, T]` or
 * features `[batch, T, F]`. Returns the model output as nested arrays.
 */
export function kerasForward(modelJson: Json, entries: Map<string, { shape: number[]; values: Float64Array }>, input: number[][] | number[][][]): number[][] | number[][][] {
  const topology = modelJson['modelTopology'] as Json;
  const model = (topology['model_config'] ?? topology) as Json;
  const layers = ((model['config'] as Json)['layers'] as Json[]).filter((l) => l['class_name'] !== 'InputLayer');
  const weightsOf = (prefix: string): Weights => [...entries.entries()].filter(([name]) => name.startsWith(`${prefix}/`)).map(([, w]) => w);
  let value: Value | { kind: 'ids'; x: number[][] } = Array.isArray((input as unknown[][])[0]![0]) ? { kind: 'seq', x: input as Seq } : { kind: 'ids', x: input as number[][] };
  let mask: boolean[][] | null = null;
  for (const layer of layers) {
    const cls = layer['class_name'] as string;
    const c = layer['config'] as Json;
    const name = c['name'] as string;
    if (cls === 'Embedding') {
      const table = weightsOf(name)[0]!;
      const d = c['output_dim'] as number;
      const ids = value.x as number[][];
      if (c['mask_zero']) mask = ids.map((row) => row.map((id) => id !== 0));
      value = { kind: 'seq', x: ids.map((row) => row.map((id) => Array.from(table.values.slice(id * d, (id + 1) * d)))) };
    } else if (cls === 'Masking') {
      const xs = value.x as Seq;
      mask = xs.map((row) => row.map((step) => step.some((v) => v !== c['mask_value'])));
      value = { kind: 'seq', x: xs.map((row, b) => row.map((step, t) => step.map((v) => (mask![b]![t] ? v : 0)))) };
    } else if (cls === 'Dropout') {
      continue;
    } else if (cls === 'Dense') {
      const [kernel, bias] = weightsOf(name) as [Weights[0], Weights[0]];
      const units = c['units'] as number;
      const apply = (row: number[]): number[] => {
        const z = rowTimes(row, kernel, 0, units).map((v, j) => v + bias.values[j]!);
        if (c['activation'] !== 'softmax') return z.map((v) => act(c['activation'] as string, v));
        const top = Math.max(...z);
        const e = z.map((v) => Math.exp(v - top));
        const sum = e.reduce((a, b) => a + b, 0);
        return e.map((v) => v / sum);
      };
      value = value.kind === 'seq' ? { kind: 'seq', x: value.x.map((row) => row.map(apply)) } : { kind: 'flat', x: (value.x as Matrix).map(apply) };
    } else if (cls === 'Bidirectional') {
      const inner = recurrentConfig(c['layer'] as Json);
      const sequences = inner.c['return_sequences'] === true;
      const w = weightsOf(name);
      const half = w.length / 2;
      const xs = value.x as Seq;
      const back = inner.c['go_backwards'] === true;
      const fw = runRnn(inner.cls, inner.c, w.slice(0, half), xs, mask, back, sequences);
      const bw = runRnn(inner.cls, inner.c, w.slice(half), xs, mask, !back, sequences);
      const merge = (a: number[], b: number[]): number[] => {
        const mode = c['merge_mode'] ?? 'concat';
        if (mode === 'concat') return [...a, ...b];
        return a.map((v, j) => (mode === 'sum' ? v + b[j]! : mode === 'mul' ? v * b[j]! : (v + b[j]!) / 2));
      };
      if (sequences) value = { kind: 'seq', x: fw.seq.map((row, b) => row.map((o, t) => merge(o, bw.seq[b]![row.length - 1 - t]!))) };
      else {
        value = { kind: 'flat', x: fw.last.map((o, b) => merge(o, bw.last[b]!)) };
        mask = null;
      }
    } else {
      const sequences = c['return_sequences'] === true;
      const out = runRnn(cls, c, weightsOf(name), value.x as Seq, mask, c['go_backwards'] === true, false);
      value = sequences ? { kind: 'seq', x: out.seq } : { kind: 'flat', x: out.last };
      if (!sequences) mask = null;
    }
  }
  return value.x as number[][] | number[][][];
}
