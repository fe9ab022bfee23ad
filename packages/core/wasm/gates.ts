// Gate nonlinearities on f32x4 lanes: exp by range reduction (x = n·ln2 + r, |r| ≤ ln2/2,
// a degree-6 polynomial for eʳ, 2ⁿ built in the exponent bits; max rel. error ≈ 2e-7), then
// σ(x) = 1 / (1 + e^{−x}) and tanh(x) = sign(x)·(1 − 2 / (e^{2|x|} + 1)) (no cancellation
// blow-up: absolute error ≈ 1e-7). Inputs are clamped to ±88 so eˣ stays finite.

const LOG2E: f32 = 1.4426950408889634;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;

export function exp4(x: v128): v128 {
  x = f32x4.min(f32x4.max(x, f32x4.splat(-87.0)), f32x4.splat(88.0));
  const n = f32x4.nearest(f32x4.mul(x, f32x4.splat(LOG2E)));
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(LN2_HI)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(LN2_LO)));
  // eʳ ≈ 1 + r + r²/2 + r³/6 + r⁴/24 + r⁵/120 + r⁶/720 (Horner)
  let p = f32x4.splat(1.3888889e-3);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3333333e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1666667e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666667e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(0.5));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.0));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(p, scale);
}

export function sigmoid4(x: v128): v128 {
  return f32x4.div(f32x4.splat(1.0), f32x4.add(f32x4.splat(1.0), exp4(f32x4.neg(x))));
}

export function tanh4(x: v128): v128 {
  const ax = f32x4.abs(x);
  const e = exp4(f32x4.add(ax, ax));
  const t = f32x4.sub(f32x4.splat(1.0), f32x4.div(f32x4.splat(2.0), f32x4.add(e, f32x4.splat(1.0))));
  // copy the sign of x onto t
  return v128.or(v128.and(t, i32x4.splat(0x7fffffff)), v128.and(x, i32x4.splat(0x80000000)));
}

function sigmoid1(x: f32): f32 {
  return f32x4.extract_lane(sigmoid4(f32x4.splat(x)), 0);
}

function tanh1(x: f32): f32 {
  return f32x4.extract_lane(tanh4(f32x4.splat(x)), 0);
}

/** kind 0 = sigmoid, 1 = tanh, 2 = relu: buf[0 … n) ← f(buf) in place. */
export function activate(kind: i32, ptr: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const p = ptr + (<usize>i << 2);
    const x = v128.load(p);
    v128.store(p, kind === 0 ? sigmoid4(x) : kind === 1 ? tanh4(x) : f32x4.max(x, f32x4.splat(0)));
  }
  for (; i < n; i++) {
    const p = ptr + (<usize>i << 2);
    const x = load<f32>(p);
    store<f32>(p, kind === 0 ? sigmoid1(x) : kind === 1 ? tanh1(x) : max(x, <f32>0));
  }
}

/**
 * The LSTM gate pass of one step (σ = sigmoid, φ = tanh), rows of [i f g o] (4U) pre-activations:
 * gates ← activations; c′ = f⊙c_prev + i⊙g; tc = tanh(c′); h′ = o⊙tc.
 */
export function lstmGates(gates: usize, cPrev: usize, cNext: usize, tc: usize, hNext: usize, batch: i32, units: i32): void {
  const rowBytes = <usize>(4 * units) << 2;
  const uBytes = <usize>units << 2;
  for (let b = 0; b < batch; b++) {
    const row = gates + <usize>b * rowBytes;
    const s = <usize>(b * units) << 2;
    let j = 0;
    for (; j + 4 <= units; j += 4) {
      const o4 = <usize>j << 2;
      const pi = row + o4, pf = pi + uBytes, pg = pf + uBytes, po = pg + uBytes;
      const i = sigmoid4(v128.load(pi));
      const f = sigmoid4(v128.load(pf));
      const g = tanh4(v128.load(pg));
      const o = sigmoid4(v128.load(po));
      const c = f32x4.add(f32x4.mul(f, v128.load(cPrev + s + o4)), f32x4.mul(i, g));
      const t = tanh4(c);
      v128.store(pi, i);
      v128.store(pf, f);
      v128.store(pg, g);
      v128.store(po, o);
      v128.store(cNext + s + o4, c);
      v128.store(tc + s + o4, t);
      v128.store(hNext + s + o4, f32x4.mul(o, t));
    }
    for (; j < units; j++) {
      const o4 = <usize>j << 2;
      const pi = row + o4, pf = pi + uBytes, pg = pf + uBytes, po = pg + uBytes;
      const i = sigmoid1(load<f32>(pi));
      const f = sigmoid1(load<f32>(pf));
      const g = tanh1(load<f32>(pg));
      const o = sigmoid1(load<f32>(po));
      const c = f * load<f32>(cPrev + s + o4) + i * g;
      const t = tanh1(c);
      store<f32>(pi, i);
      store<f32>(pf, f);
      store<f32>(pg, g);
      store<f32>(po, o);
      store<f32>(cNext + s + o4, c);
      store<f32>(tc + s + o4, t);
      store<f32>(hNext + s + o4, o * t);
    }
  }
}

/**
 * The LSTM backward gate pass of one step without masks (σ sigmoid, φ tanh), rows of [i f g o]:
 *   dh = dOut + gH;  dc = gC + dh⊙o⊙(1 − tc²)
 *   da = [dc⊙g⊙i(1−i) | dc⊙c_prev⊙f(1−f) | dc⊙i⊙(1−g²) | dh⊙tc⊙o(1−o)];  gC ← dc⊙f
 * `dOut` may be 0 (no output gradient at this step). Returns Σ dh² (for ‖∂L/∂h_k‖).
 */
export function lstmBackwardGates(dOut: usize, gH: usize, gC: usize, gates: usize, tc: usize, cPrev: usize, dA: usize, batch: i32, units: i32): f64 {
  const rowBytes = <usize>(4 * units) << 2;
  const uBytes = <usize>units << 2;
  const one = f32x4.splat(1.0);
  let sum = f32x4.splat(0);
  let sumTail: f64 = 0;
  for (let b = 0; b < batch; b++) {
    const row = gates + <usize>b * rowBytes;
    const drow = dA + <usize>b * rowBytes;
    const s = <usize>(b * units) << 2;
    let j = 0;
    for (; j + 4 <= units; j += 4) {
      const o4 = <usize>j << 2;
      const q = s + o4;
      const i = v128.load(row + o4), f = v128.load(row + o4 + uBytes), g = v128.load(row + o4 + 2 * uBytes), o = v128.load(row + o4 + 3 * uBytes);
      const t = v128.load(tc + q);
      const dh = dOut ? f32x4.add(v128.load(dOut + q), v128.load(gH + q)) : v128.load(gH + q);
      sum = f32x4.add(sum, f32x4.mul(dh, dh));
      const dc = f32x4.add(v128.load(gC + q), f32x4.mul(f32x4.mul(dh, o), f32x4.sub(one, f32x4.mul(t, t))));
      v128.store(drow + o4, f32x4.mul(f32x4.mul(dc, g), f32x4.mul(i, f32x4.sub(one, i))));
      v128.store(drow + o4 + uBytes, f32x4.mul(f32x4.mul(dc, v128.load(cPrev + q)), f32x4.mul(f, f32x4.sub(one, f))));
      v128.store(drow + o4 + 2 * uBytes, f32x4.mul(f32x4.mul(dc, i), f32x4.sub(one, f32x4.mul(g, g))));
      v128.store(drow + o4 + 3 * uBytes, f32x4.mul(f32x4.mul(dh, t), f32x4.mul(o, f32x4.sub(one, o))));
      v128.store(gC + q, f32x4.mul(dc, f));
    }
    for (; j < units; j++) {
      const o4 = <usize>j << 2;
      const q = s + o4;
      const i = load<f32>(row + o4), f = load<f32>(row + o4 + uBytes), g = load<f32>(row + o4 + 2 * uBytes), o = load<f32>(row + o4 + 3 * uBytes);
      const t = load<f32>(tc + q);
      const dh: f32 = dOut ? load<f32>(dOut + q) + load<f32>(gH + q) : load<f32>(gH + q);
      sumTail += <f64>dh * <f64>dh;
      const dc = load<f32>(gC + q) + dh * o * (1 - t * t);
      store<f32>(drow + o4, dc * g * i * (1 - i));
      store<f32>(drow + o4 + uBytes, dc * load<f32>(cPrev + q) * f * (1 - f));
      store<f32>(drow + o4 + 2 * uBytes, dc * i * (1 - g * g));
      store<f32>(drow + o4 + 3 * uBytes, dh * t * o * (1 - o));
      store<f32>(gC + q, dc * f);
    }
  }
  return <f64>f32x4.extract_lane(sum, 0) + <f64>f32x4.extract_lane(sum, 1) + <f64>f32x4.extract_lane(sum, 2) + <f64>f32x4.extract_lane(sum, 3) + sumTail;
}

/**
 * The SimpleRNN (φ = tanh) backward pass of one step without masks:
 * dh = dOut + gH;  dz = dh ⊙ (1 − h′²) written to dz (may alias h′). Returns Σ dh².
 */
export function tanhBackward(dOut: usize, gH: usize, h: usize, dz: usize, n: i32): f64 {
  const one = f32x4.splat(1.0);
  let sum = f32x4.splat(0);
  let tail: f64 = 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const d = dOut ? f32x4.add(v128.load(dOut + o), v128.load(gH + o)) : v128.load(gH + o);
    const y = v128.load(h + o);
    sum = f32x4.add(sum, f32x4.mul(d, d));
    v128.store(dz + o, f32x4.mul(d, f32x4.sub(one, f32x4.mul(y, y))));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const d: f32 = dOut ? load<f32>(dOut + o) + load<f32>(gH + o) : load<f32>(gH + o);
    const y = load<f32>(h + o);
    tail += <f64>d * <f64>d;
    store<f32>(dz + o, d * (1 - y * y));
  }
  return <f64>f32x4.extract_lane(sum, 0) + <f64>f32x4.extract_lane(sum, 1) + <f64>f32x4.extract_lane(sum, 2) + <f64>f32x4.extract_lane(sum, 3) + tail;
}

/**
 * The GRU backward gate pass of one step (σ sigmoid, φ tanh), rows of [z r ĥ] (3U) activations:
 *   dĥ = dh⊙(1 − z)⊙(1 − ĥ²);  da_z = dh⊙(h_{k−1} − ĥ)⊙z(1 − z);  dhDirect = dh⊙z
 *   reset-after: da_r = dĥ⊙u_h⊙r(1 − r);  dAu = [da_z | da_r | dĥ⊙r]  (u_h in `extra`)
 * Reset-before leaves da_r to the caller (it needs dĥ·U_hᵀ first).
 */
export function gruBackwardGates(dh: usize, gates: usize, hPrev: usize, extra: usize, dA: usize, dAu: usize, dhDirect: usize, batch: i32, units: i32, resetAfter: i32): void {
  const rowBytes = <usize>(3 * units) << 2;
  const uBytes = <usize>units << 2;
  const one = f32x4.splat(1.0);
  for (let b = 0; b < batch; b++) {
    const row = gates + <usize>b * rowBytes;
    const drow = dA + <usize>b * rowBytes;
    const urow = dAu + <usize>b * rowBytes;
    const s = <usize>(b * units) << 2;
    let j = 0;
    for (; j + 4 <= units; j += 4) {
      const o4 = <usize>j << 2;
      const q = s + o4;
      const z = v128.load(row + o4), r = v128.load(row + o4 + uBytes), cand = v128.load(row + o4 + 2 * uBytes);
      const d = v128.load(dh + q);
      const dCand = f32x4.mul(f32x4.mul(d, f32x4.sub(one, z)), f32x4.sub(one, f32x4.mul(cand, cand)));
      const daz = f32x4.mul(f32x4.mul(d, f32x4.sub(v128.load(hPrev + q), cand)), f32x4.mul(z, f32x4.sub(one, z)));
      v128.store(drow + o4, daz);
      v128.store(drow + o4 + 2 * uBytes, dCand);
      v128.store(dhDirect + q, f32x4.mul(d, z));
      if (resetAfter) {
        const dar = f32x4.mul(f32x4.mul(dCand, v128.load(extra + q)), f32x4.mul(r, f32x4.sub(one, r)));
        v128.store(drow + o4 + uBytes, dar);
        v128.store(urow + o4, daz);
        v128.store(urow + o4 + uBytes, dar);
        v128.store(urow + o4 + 2 * uBytes, f32x4.mul(dCand, r));
      }
    }
    for (; j < units; j++) {
      const o4 = <usize>j << 2;
      const q = s + o4;
      const z = load<f32>(row + o4), r = load<f32>(row + o4 + uBytes), cand = load<f32>(row + o4 + 2 * uBytes);
      const d = load<f32>(dh + q);
      const dCand = d * (1 - z) * (1 - cand * cand);
      const daz = d * (load<f32>(hPrev + q) - cand) * (z * (1 - z));
      store<f32>(drow + o4, daz);
      store<f32>(drow + o4 + 2 * uBytes, dCand);
      store<f32>(dhDirect + q, d * z);
      if (resetAfter) {
        const dar = dCand * load<f32>(extra + q) * (r * (1 - r));
        store<f32>(drow + o4 + uBytes, dar);
        store<f32>(urow + o4, daz);
        store<f32>(urow + o4 + uBytes, dar);
        store<f32>(urow + o4 + 2 * uBytes, dCand * r);
      }
    }
  }
}

/**
 * GRU forward, reset-after (σ sigmoid, φ tanh), one step; `gates` rows [z r ĥ] hold x·W + b_in,
 * `u` rows hold hm·U, `bRec` the recurrent bias (0: none):
 *   z = σ(a_z + u_z + b_z), r = σ(a_r + u_r + b_r), u_h += b_h (kept in `extra`),
 *   ĥ = tanh(a_h + r⊙u_h), h′ = z⊙h + (1 − z)⊙ĥ.
 */
export function gruGatesAfter(gates: usize, u: usize, bRec: usize, extra: usize, hPrev: usize, hNext: usize, batch: i32, units: i32): void {
  const rowBytes = <usize>(3 * units) << 2;
  const uBytes = <usize>units << 2;
  const one = f32x4.splat(1.0);
  const zero = f32x4.splat(0);
  for (let b = 0; b < batch; b++) {
    const row = gates + <usize>b * rowBytes;
    const urow = u + <usize>b * rowBytes;
    const s = <usize>(b * units) << 2;
    let j = 0;
    for (; j + 4 <= units; j += 4) {
      const o4 = <usize>j << 2;
      const q = s + o4;
      const bz = bRec ? v128.load(bRec + o4) : zero, br = bRec ? v128.load(bRec + o4 + uBytes) : zero, bh = bRec ? v128.load(bRec + o4 + 2 * uBytes) : zero;
      const z = sigmoid4(f32x4.add(f32x4.add(v128.load(row + o4), v128.load(urow + o4)), bz));
      const r = sigmoid4(f32x4.add(f32x4.add(v128.load(row + o4 + uBytes), v128.load(urow + o4 + uBytes)), br));
      const uh = f32x4.add(v128.load(urow + o4 + 2 * uBytes), bh);
      const cand = tanh4(f32x4.add(v128.load(row + o4 + 2 * uBytes), f32x4.mul(r, uh)));
      v128.store(row + o4, z);
      v128.store(row + o4 + uBytes, r);
      v128.store(row + o4 + 2 * uBytes, cand);
      v128.store(extra + q, uh);
      v128.store(hNext + q, f32x4.add(f32x4.mul(z, v128.load(hPrev + q)), f32x4.mul(f32x4.sub(one, z), cand)));
    }
    for (; j < units; j++) {
      const o4 = <usize>j << 2;
      const q = s + o4;
      const bz: f32 = bRec ? load<f32>(bRec + o4) : 0, br: f32 = bRec ? load<f32>(bRec + o4 + uBytes) : 0, bh: f32 = bRec ? load<f32>(bRec + o4 + 2 * uBytes) : 0;
      const z = sigmoid1(load<f32>(row + o4) + load<f32>(urow + o4) + bz);
      const r = sigmoid1(load<f32>(row + o4 + uBytes) + load<f32>(urow + o4 + uBytes) + br);
      const uh = load<f32>(urow + o4 + 2 * uBytes) + bh;
      const cand = tanh1(load<f32>(row + o4 + 2 * uBytes) + r * uh);
      store<f32>(row + o4, z);
      store<f32>(row + o4 + uBytes, r);
      store<f32>(row + o4 + 2 * uBytes, cand);
      store<f32>(extra + q, uh);
      store<f32>(hNext + q, z * load<f32>(hPrev + q) + (1 - z) * cand);
    }
  }
}

/** GRU forward, reset-before, after a_zr += hm·U_zr: z, r = σ(a) in place and rhm = r⊙hm. */
export function gruGatesBeforeZr(gates: usize, hm: usize, rhm: usize, batch: i32, units: i32): void {
  const rowBytes = <usize>(3 * units) << 2;
  const uBytes = <usize>units << 2;
  for (let b = 0; b < batch; b++) {
    const row = gates + <usize>b * rowBytes;
    const s = <usize>(b * units) << 2;
    let j = 0;
    for (; j + 4 <= units; j += 4) {
      const o4 = <usize>j << 2;
      const r = sigmoid4(v128.load(row + o4 + uBytes));
      v128.store(row + o4, sigmoid4(v128.load(row + o4)));
      v128.store(row + o4 + uBytes, r);
      v128.store(rhm + s + o4, f32x4.mul(r, v128.load(hm + s + o4)));
    }
    for (; j < units; j++) {
      const o4 = <usize>j << 2;
      const r = sigmoid1(load<f32>(row + o4 + uBytes));
      store<f32>(row + o4, sigmoid1(load<f32>(row + o4)));
      store<f32>(row + o4 + uBytes, r);
      store<f32>(rhm + s + o4, r * load<f32>(hm + s + o4));
    }
  }
}

/** GRU forward, reset-before, after a_h += rhm·U_h: ĥ = tanh(a_h) in place and h′ = z⊙h + (1 − z)⊙ĥ. */
export function gruGatesBeforeH(gates: usize, hPrev: usize, hNext: usize, batch: i32, units: i32): void {
  const rowBytes = <usize>(3 * units) << 2;
  const uBytes = <usize>units << 2;
  const one = f32x4.splat(1.0);
  for (let b = 0; b < batch; b++) {
    const row = gates + <usize>b * rowBytes;
    const s = <usize>(b * units) << 2;
    let j = 0;
    for (; j + 4 <= units; j += 4) {
      const o4 = <usize>j << 2;
      const z = v128.load(row + o4);
      const cand = tanh4(v128.load(row + o4 + 2 * uBytes));
      v128.store(row + o4 + 2 * uBytes, cand);
      v128.store(hNext + s + o4, f32x4.add(f32x4.mul(z, v128.load(hPrev + s + o4)), f32x4.mul(f32x4.sub(one, z), cand)));
    }
    for (; j < units; j++) {
      const o4 = <usize>j << 2;
      const z = load<f32>(row + o4);
      const cand = tanh1(load<f32>(row + o4 + 2 * uBytes));
      store<f32>(row + o4 + 2 * uBytes, cand);
      store<f32>(hNext + s + o4, z * load<f32>(hPrev + s + o4) + (1 - z) * cand);
    }
  }
}
