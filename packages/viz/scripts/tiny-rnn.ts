// A tiny recurrent network in plain JavaScript, only for the gallery's real numbers: a
// SimpleRNN regressor trained with BPTT and Adam (the loss curve, forecasts, hidden states)
// and an LSTM forward/backward pass for ‖∂L/∂h_t‖ (the gradient flow). Keras conventions:
// glorot-uniform kernels, orthogonal recurrent kernels, LSTM forget bias 1, gate order i, f, c, o.
//
//   SimpleRNN  h_t = tanh(w·x_t + U·h_{t−1} + b)            ŷ = v·h_T + c
//   backward   dz = dh_t ⊙ (1 − h_t²);  dU += dz ⊗ h_{t−1};  dh_{t−1} = Uᵀ·dz
//   LSTM       i, f, o = σ(…), g = tanh(…);  c_t = f⊙c_{t−1} + i⊙g;  h_t = o⊙tanh(c_t)

/** Seeded uniform [0, 1) generator (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** Glorot-uniform values for a fanIn × fanOut kernel. */
export function glorotArray(rng: () => number, fanIn: number, fanOut: number, count = fanIn * fanOut): Float64Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return Float64Array.from({ length: count }, () => (2 * rng() - 1) * limit);
}

/** `blocks` orthogonal n × n matrices stacked (rows), by Gram–Schmidt on Gaussian rows. */
export function orthogonal(rng: () => number, n: number, blocks = 1): Float64Array {
  const out = new Float64Array(blocks * n * n);
  for (let k = 0; k < blocks; k++) {
    const rows: Float64Array[] = [];
    for (let i = 0; i < n; i++) {
      const v = Float64Array.from({ length: n }, () => normal(rng));
      for (const r of rows) {
        let dot = 0;
        for (let j = 0; j < n; j++) dot += (v[j] as number) * (r[j] as number);
        for (let j = 0; j < n; j++) v[j] = (v[j] as number) - dot * (r[j] as number);
      }
      const norm = Math.hypot(...v);
      for (let j = 0; j < n; j++) v[j] = (v[j] as number) / norm;
      rows.push(v);
      out.set(v, (k * n + i) * n);
    }
  }
  return out;
}

/** Parameters of the SimpleRNN regressor with one input and one output. */
export interface SimpleRnn {
  units: number;
  w: Float64Array;
  u: Float64Array; // u[i·H + j] multiplies h_{t−1}[j] into unit i
  b: Float64Array;
  v: Float64Array;
  c: Float64Array;
}

/** A fresh SimpleRNN with Keras's initializers. */
export function simpleRnn(units: number, rng: () => number): SimpleRnn {
  return { units, w: glorotArray(rng, 1, units), u: orthogonal(rng, units), b: new Float64Array(units), v: glorotArray(rng, units, 1), c: new Float64Array(1) };
}

/** Hidden states h_0 … h_T (h_0 = 0) and the prediction ŷ. */
export function rnnForward(net: SimpleRnn, xs: ArrayLike<number>): { hs: Float64Array[]; y: number } {
  const H = net.units;
  const hs = [new Float64Array(H)];
  for (let t = 0; t < xs.length; t++) {
    const prev = hs[t] as Float64Array;
    const h = new Float64Array(H);
    for (let i = 0; i < H; i++) {
      let z = (net.w[i] as number) * (xs[t] as number) + (net.b[i] as number);
      for (let j = 0; j < H; j++) z += (net.u[i * H + j] as number) * (prev[j] as number);
      h[i] = Math.tanh(z);
    }
    hs.push(h);
  }
  const last = hs[xs.length] as Float64Array;
  let y = net.c[0] as number;
  for (let i = 0; i < H; i++) y += (net.v[i] as number) * (last[i] as number);
  return { hs, y };
}

/** Adds the gradients of ½(ŷ − target)² to `grad`; returns ‖∂L/∂h_t‖ for t = 1 … T. */
export function rnnBackward(net: SimpleRnn, xs: ArrayLike<number>, hs: Float64Array[], dy: number, grad: SimpleRnn): number[] {
  const H = net.units;
  const T = xs.length;
  const norms = new Array<number>(T);
  let dh: Float64Array = Float64Array.from(net.v, (v) => v * dy);
  for (let i = 0; i < H; i++) grad.v[i] = (grad.v[i] as number) + dy * ((hs[T] as Float64Array)[i] as number);
  grad.c[0] = (grad.c[0] as number) + dy;
  for (let t = T; t >= 1; t--) {
    norms[t - 1] = Math.hypot(...dh);
    const h = hs[t] as Float64Array;
    const prev = hs[t - 1] as Float64Array;
    const dz = Float64Array.from(dh, (d, i) => d * (1 - (h[i] as number) ** 2));
    const next = new Float64Array(H);
    for (let i = 0; i < H; i++) {
      const g = dz[i] as number;
      grad.w[i] = (grad.w[i] as number) + g * (xs[t - 1] as number);
      grad.b[i] = (grad.b[i] as number) + g;
      for (let j = 0; j < H; j++) {
        grad.u[i * H + j] = (grad.u[i * H + j] as number) + g * (prev[j] as number);
        next[j] = (next[j] as number) + (net.u[i * H + j] as number) * g;
      }
    }
    dh = next;
  }
  return norms;
}

/** Adam over a list of parameter arrays (Kingma & Ba 2015), gradients clipped to ±5. */
export function adamStep(params: readonly Float64Array[], lr: number): (grads: readonly Float64Array[]) => void {
  const m = params.map((p) => new Float64Array(p.length));
  const s = params.map((p) => new Float64Array(p.length));
  let step = 0;
  return (grads) => {
    step++;
    params.forEach((p, n) => {
      const g = grads[n] as Float64Array;
      const mk = m[n] as Float64Array;
      const sk = s[n] as Float64Array;
      for (let i = 0; i < p.length; i++) {
        const gi = Math.max(-5, Math.min(5, g[i] as number));
        mk[i] = 0.9 * (mk[i] as number) + 0.1 * gi;
        sk[i] = 0.999 * (sk[i] as number) + 0.001 * gi * gi;
        p[i] = (p[i] as number) - (lr * ((mk[i] as number) / (1 - 0.9 ** step))) / (Math.sqrt((sk[i] as number) / (1 - 0.999 ** step)) + 1e-8);
      }
    });
  };
}

/** A zeroed copy of `net`'s arrays, to accumulate gradients in. */
export function zerosLike(net: SimpleRnn): SimpleRnn {
  return { units: net.units, w: new Float64Array(net.w.length), u: new Float64Array(net.u.length), b: new Float64Array(net.b.length), v: new Float64Array(net.v.length), c: new Float64Array(1) };
}

/** The parameter arrays of a SimpleRnn, in a fixed order (for {@link adamStep}). */
export function rnnArrays(net: SimpleRnn): Float64Array[] {
  return [net.w, net.u, net.b, net.v, net.c];
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * ‖∂L/∂h_t‖ of a freshly initialised LSTM (one input, readout v = glorot) on `xs` for
 * L = ½(v·h_T − target)², and the forget-gate activations f_t per unit.
 */
export function lstmGradientNorms(units: number, xs: ArrayLike<number>, target: number, rng: () => number): { norms: number[]; forget: number[][] } {
  const H = units;
  const w = glorotArray(rng, 1, 4 * H); // input kernel [1, 4H], gate order i, f, c, o
  const u = orthogonal(rng, H, 4); // recurrent kernel, rows k = gate·H + unit
  const b = Float64Array.from({ length: 4 * H }, (_, k) => (k >= H && k < 2 * H ? 1 : 0)); // unit forget bias
  const v = glorotArray(rng, H, 1);
  const T = xs.length;
  const hs = [new Float64Array(H)];
  const cs = [new Float64Array(H)];
  const gates: Float64Array[] = [];
  for (let t = 0; t < T; t++) {
    const z = new Float64Array(4 * H);
    for (let k = 0; k < 4 * H; k++) {
      let s = (w[k] as number) * (xs[t] as number) + (b[k] as number);
      for (let j = 0; j < H; j++) s += (u[k * H + j] as number) * ((hs[t] as Float64Array)[j] as number);
      z[k] = k >= 2 * H && k < 3 * H ? Math.tanh(s) : sigmoid(s);
    }
    const c = new Float64Array(H);
    const h = new Float64Array(H);
    for (let i = 0; i < H; i++) {
      c[i] = (z[H + i] as number) * ((cs[t] as Float64Array)[i] as number) + (z[i] as number) * (z[2 * H + i] as number);
      h[i] = (z[3 * H + i] as number) * Math.tanh(c[i] as number);
    }
    gates.push(z);
    cs.push(c);
    hs.push(h);
  }
  let y = 0;
  for (let i = 0; i < H; i++) y += (v[i] as number) * ((hs[T] as Float64Array)[i] as number);
  const dy = y - target;
  let dh: Float64Array = Float64Array.from(v, (vi) => vi * dy);
  let dc: Float64Array = new Float64Array(H);
  const norms = new Array<number>(T);
  for (let t = T; t >= 1; t--) {
    norms[t - 1] = Math.hypot(...dh);
    const z = gates[t - 1] as Float64Array;
    const c = cs[t] as Float64Array;
    const cPrev = cs[t - 1] as Float64Array;
    const dz = new Float64Array(4 * H);
    const dcPrev = new Float64Array(H);
    for (let i = 0; i < H; i++) {
      const [ig, fg, gg, og] = [z[i] as number, z[H + i] as number, z[2 * H + i] as number, z[3 * H + i] as number];
      const tc = Math.tanh(c[i] as number);
      const dci = (dc[i] as number) + (dh[i] as number) * og * (1 - tc * tc);
      dz[i] = dci * gg * ig * (1 - ig);
      dz[H + i] = dci * (cPrev[i] as number) * fg * (1 - fg);
      dz[2 * H + i] = dci * ig * (1 - gg * gg);
      dz[3 * H + i] = (dh[i] as number) * tc * og * (1 - og);
      dcPrev[i] = dci * fg;
    }
    const next = new Float64Array(H);
    for (let k = 0; k < 4 * H; k++) for (let j = 0; j < H; j++) next[j] = (next[j] as number) + (u[k * H + j] as number) * (dz[k] as number);
    dh = next;
    dc = dcPrev;
  }
  return { norms, forget: gates.map((z) => Array.from(z.subarray(H, 2 * H))) };
}
