// Adam's update on f32x4 lanes (AssemblyScript; see wasm/gemm.ts for how this is built):
//   m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²,  out ← θ − stepSize·m / (√v·rootScale + ε)
// with stepSize = lr/(1−β1ᵗ) and rootScale = 1/√(1−β2ᵗ) computed by the caller: the published
// rule θ − lr·m̂/(√v̂ + ε) rearranged so each element costs one division and one square root.
// Pointers are byte offsets into this module's memory; `out` may be `theta`.

export function adam(theta: usize, g: usize, m: usize, v: usize, out: usize, n: i32, beta1: f32, beta2: f32, stepSize: f32, rootScale: f32, epsilon: f32): void {
  const b1 = f32x4.splat(beta1);
  const k1 = f32x4.splat(1 - beta1);
  const b2 = f32x4.splat(beta2);
  const k2 = f32x4.splat(1 - beta2);
  const step = f32x4.splat(stepSize);
  const scale = f32x4.splat(rootScale);
  const eps = f32x4.splat(epsilon);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const off = <usize>i << 2;
    const gi = v128.load(g + off);
    const mi = f32x4.add(f32x4.mul(b1, v128.load(m + off)), f32x4.mul(k1, gi));
    const vi = f32x4.add(f32x4.mul(b2, v128.load(v + off)), f32x4.mul(k2, f32x4.mul(gi, gi)));
    v128.store(m + off, mi);
    v128.store(v + off, vi);
    const denominator = f32x4.add(f32x4.mul(f32x4.sqrt(vi), scale), eps);
    v128.store(out + off, f32x4.sub(v128.load(theta + off), f32x4.div(f32x4.mul(step, mi), denominator)));
  }
  for (; i < n; i++) {
    const off = <usize>i << 2;
    const gi = load<f32>(g + off);
    const mi = beta1 * load<f32>(m + off) + (1 - beta1) * gi;
    const vi = beta2 * load<f32>(v + off) + (1 - beta2) * gi * gi;
    store<f32>(m + off, mi);
    store<f32>(v + off, vi);
    store<f32>(out + off, load<f32>(theta + off) - (stepSize * mi) / (Mathf.sqrt(vi) * rootScale + epsilon));
  }
}
