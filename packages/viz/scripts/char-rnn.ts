// A character-level SimpleRNN in plain JavaScript (Karpathy's min-char-rnn, with Adam),
// trained on tinyshakespeare only to colour the gallery's token strip with real numbers:
// the probability the model gave to each actual next character, and one unit's activation.
//
//   h_t = tanh(W[:, x_t] + U·h_{t−1} + b)   p_t = softmax(V·h_t + c)   L = −Σ log p_t[x_{t+1}]

import { adamStep, glorotArray, mulberry32, orthogonal } from './tiny-rnn.js';

/** Parameters of the char model; W is stored H × vocab, V vocab × H. */
export interface CharRnn {
  vocab: string[];
  units: number;
  W: Float64Array;
  U: Float64Array;
  b: Float64Array;
  V: Float64Array;
  c: Float64Array;
}

function step(net: CharRnn, x: number, prev: Float64Array): { h: Float64Array; p: Float64Array } {
  const H = net.units;
  const K = net.vocab.length;
  const h = new Float64Array(H);
  for (let i = 0; i < H; i++) {
    let z = (net.W[i * K + x] as number) + (net.b[i] as number);
    for (let j = 0; j < H; j++) z += (net.U[i * H + j] as number) * (prev[j] as number);
    h[i] = Math.tanh(z);
  }
  const p = new Float64Array(K);
  let max = -Infinity;
  for (let k = 0; k < K; k++) {
    let s = net.c[k] as number;
    for (let i = 0; i < H; i++) s += (net.V[k * H + i] as number) * (h[i] as number);
    p[k] = s;
    if (s > max) max = s;
  }
  let total = 0;
  for (let k = 0; k < K; k++) total += p[k] = Math.exp((p[k] as number) - max);
  for (let k = 0; k < K; k++) p[k] = (p[k] as number) / total;
  return { h, p };
}

/** Trains on `text` with truncated BPTT; returns the model and its mean loss per pass (nats/char). */
export function trainCharRnn(text: string, options: { units: number; seqLength: number; passes: number; lr: number; seed: number }): { net: CharRnn; losses: number[] } {
  const vocab = [...new Set(text)].sort();
  const index = new Map(vocab.map((ch, i) => [ch, i]));
  const ids = Array.from(text, (ch) => index.get(ch) as number);
  const rng = mulberry32(options.seed);
  const H = options.units;
  const K = vocab.length;
  const net: CharRnn = { vocab, units: H, W: glorotArray(rng, K, H, H * K), U: orthogonal(rng, H), b: new Float64Array(H), V: glorotArray(rng, H, K, K * H), c: new Float64Array(K) };
  const arrays = [net.W, net.U, net.b, net.V, net.c];
  const update = adamStep(arrays, options.lr);
  const losses: number[] = [];
  for (let pass = 0; pass < options.passes; pass++) {
    let h: Float64Array = new Float64Array(H);
    let lossSum = 0;
    let count = 0;
    for (let start = 0; start + options.seqLength + 1 < ids.length; start += options.seqLength) {
      // ---- forward over one chunk, keeping the states ----
      const hs: Float64Array[] = [h];
      const ps: Float64Array[] = [];
      for (let t = 0; t < options.seqLength; t++) {
        const out = step(net, ids[start + t] as number, hs[t] as Float64Array);
        hs.push(out.h);
        ps.push(out.p);
        lossSum -= Math.log((out.p[ids[start + t + 1] as number] as number) + 1e-12);
        count++;
      }
      // ---- backward through time ----
      const grads = arrays.map((a) => new Float64Array(a.length));
      const [dW, dU, db, dV, dc] = grads as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
      let dhNext: Float64Array = new Float64Array(H);
      for (let t = options.seqLength - 1; t >= 0; t--) {
        const p = ps[t] as Float64Array;
        const hT = hs[t + 1] as Float64Array;
        const hPrev = hs[t] as Float64Array;
        const dh = Float64Array.from(dhNext);
        for (let k = 0; k < K; k++) {
          const dl = (p[k] as number) - (k === ids[start + t + 1] ? 1 : 0);
          dc[k] = (dc[k] as number) + dl;
          for (let i = 0; i < H; i++) {
            dV[k * H + i] = (dV[k * H + i] as number) + dl * (hT[i] as number);
            dh[i] = (dh[i] as number) + (net.V[k * H + i] as number) * dl;
          }
        }
        const next = new Float64Array(H);
        const x = ids[start + t] as number;
        for (let i = 0; i < H; i++) {
          const dz = (dh[i] as number) * (1 - (hT[i] as number) ** 2);
          dW[i * K + x] = (dW[i * K + x] as number) + dz;
          db[i] = (db[i] as number) + dz;
          for (let j = 0; j < H; j++) {
            dU[i * H + j] = (dU[i * H + j] as number) + dz * (hPrev[j] as number);
            next[j] = (next[j] as number) + (net.U[i * H + j] as number) * dz;
          }
        }
        dhNext = next;
      }
      update(grads);
      h = hs[options.seqLength] as Float64Array;
    }
    losses.push(lossSum / count);
  }
  return { net, losses };
}

/** Runs the model over `text`: p(actual next char) at each position and every hidden state. */
export function readText(net: CharRnn, text: string): { confidence: number[]; hidden: number[][] } {
  const index = new Map(net.vocab.map((ch, i) => [ch, i]));
  let h: Float64Array = new Float64Array(net.units);
  const confidence: number[] = [];
  const hidden: number[][] = [];
  const chars = [...text];
  chars.forEach((ch, t) => {
    const out = step(net, index.get(ch) ?? 0, h);
    h = out.h;
    hidden.push(Array.from(h));
    const next = chars[t + 1];
    confidence.push(next === undefined ? NaN : (out.p[index.get(next) ?? 0] as number));
  });
  return { confidence, hidden };
}
