// Test reference: textbook Householder QR (Golub & Van Loan, Alg. 5.2.1) in float64, with the
// signs of Q's columns flipped so that R has a positive diagonal — the Q that Keras's
// `Orthogonal` takes. Independent of cholesky-qr.ts: reflections, not Gram matrices.

/** Q [rows, cols] (row-major nested) of the QR of `a` [rows, cols], rows ≥ cols. */
export function householderQ(a: number[][]): number[][] {
  const m = a.length;
  const n = a[0]!.length;
  const r = a.map((row) => [...row]);
  const reflectors: number[][] = [];
  for (let k = 0; k < n; k++) {
    const v = new Array<number>(m).fill(0);
    let norm = 0;
    for (let i = k; i < m; i++) norm += r[i]![k]! ** 2;
    norm = Math.sqrt(norm);
    const alpha = r[k]![k]! >= 0 ? -norm : norm;
    for (let i = k; i < m; i++) v[i] = r[i]![k]!;
    v[k] = v[k]! - alpha;
    const vv = v.reduce((s, x) => s + x * x, 0);
    reflectors.push(v.map((x) => x / Math.sqrt(vv)));
    const u = reflectors[k]!;
    for (let j = k; j < n; j++) {
      let dot = 0;
      for (let i = k; i < m; i++) dot += u[i]! * r[i]![j]!;
      for (let i = k; i < m; i++) r[i]![j] = r[i]![j]! - 2 * u[i]! * dot;
    }
  }
  // Q = H_0 H_1 … H_{n−1} applied to the first n columns of I.
  const q = Array.from({ length: m }, (_, i) => Array.from({ length: n }, (_, j): number => (i === j ? 1 : 0)));
  for (let k = n - 1; k >= 0; k--) {
    const u = reflectors[k]!;
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let i = k; i < m; i++) dot += u[i]! * q[i]![j]!;
      for (let i = k; i < m; i++) q[i]![j] = q[i]![j]! - 2 * u[i]! * dot;
    }
  }
  for (let j = 0; j < n; j++) {
    if (r[j]![j]! < 0) for (let i = 0; i < m; i++) q[i]![j] = -q[i]![j]!;
  }
  return q;
}
