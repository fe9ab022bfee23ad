// Eigenvalues of a real square matrix in plain JS (float64), by the classic EISPACK route as
// Numerical Recipes (2nd ed., §11.5–11.6) writes it: balance (balanc), reduce to upper
// Hessenberg form by elimination (elmhes), then the Francis double-shift QR iteration (hqr).
// Complex eigenvalues come in conjugate pairs. Used for the spectral radius of recurrent
// kernels, where power iteration fails on the complex dominant pairs rotations produce.
// Internally 1-indexed, to follow the published algorithm line by line.

import { RnnkitError } from '@rnnkit/core';

/** An eigenvalue re + i·im. */
export type Eigenvalue = { re: number; im: number };

const RADIX = 2;

function balance(a: number[][], n: number): void {
  let done = false;
  while (!done) {
    done = true;
    for (let i = 1; i <= n; i++) {
      let r = 0;
      let c = 0;
      for (let j = 1; j <= n; j++) {
        if (j === i) continue;
        c += Math.abs(a[j]![i]!);
        r += Math.abs(a[i]![j]!);
      }
      if (c === 0 || r === 0) continue;
      let g = r / RADIX;
      let f = 1;
      const s = c + r;
      while (c < g) {
        f *= RADIX;
        c *= RADIX * RADIX;
      }
      g = r * RADIX;
      while (c > g) {
        f /= RADIX;
        c /= RADIX * RADIX;
      }
      if ((c + r) / f < 0.95 * s) {
        done = false;
        for (let j = 1; j <= n; j++) a[i]![j]! /= f;
        for (let j = 1; j <= n; j++) a[j]![i]! *= f;
      }
    }
  }
}

function toHessenberg(a: number[][], n: number): void {
  for (let m = 2; m < n; m++) {
    let x = 0;
    let i = m;
    for (let j = m; j <= n; j++) {
      if (Math.abs(a[j]![m - 1]!) > Math.abs(x)) {
        x = a[j]![m - 1]!;
        i = j;
      }
    }
    if (i !== m) {
      for (let j = m - 1; j <= n; j++) [a[i]![j], a[m]![j]] = [a[m]![j]!, a[i]![j]!];
      for (let j = 1; j <= n; j++) [a[j]![i], a[j]![m]] = [a[j]![m]!, a[j]![i]!];
    }
    if (x === 0) continue;
    for (i = m + 1; i <= n; i++) {
      let y = a[i]![m - 1]!;
      if (y === 0) continue;
      y /= x;
      a[i]![m - 1] = y;
      for (let j = m; j <= n; j++) a[i]![j]! -= y * a[m]![j]!;
      for (let j = 1; j <= n; j++) a[j]![m]! += y * a[j]![i]!;
    }
  }
}

const sign = (a: number, b: number): number => (b >= 0 ? Math.abs(a) : -Math.abs(a));

/** Francis double-shift QR on an upper Hessenberg matrix (destroyed). */
function hessenbergEigenvalues(a: number[][], n: number): Eigenvalue[] {
  const wr = new Array<number>(n + 1).fill(0);
  const wi = new Array<number>(n + 1).fill(0);
  let anorm = 0;
  for (let i = 1; i <= n; i++) for (let j = Math.max(i - 1, 1); j <= n; j++) anorm += Math.abs(a[i]![j]!);
  let nn = n;
  let t = 0;
  let p = 0, q = 0, r = 0, s = 0, w = 0, x = 0, y = 0, z = 0;
  while (nn >= 1) {
    let its = 0;
    let l: number;
    do {
      for (l = nn; l >= 2; l--) {
        s = Math.abs(a[l - 1]![l - 1]!) + Math.abs(a[l]![l]!);
        if (s === 0) s = anorm;
        if (Math.abs(a[l]![l - 1]!) + s === s) {
          a[l]![l - 1] = 0;
          break;
        }
      }
      x = a[nn]![nn]!;
      if (l === nn) {
        wr[nn] = x + t;
        wi[nn--] = 0;
      } else {
        y = a[nn - 1]![nn - 1]!;
        w = a[nn]![nn - 1]! * a[nn - 1]![nn]!;
        if (l === nn - 1) {
          p = 0.5 * (y - x);
          q = p * p + w;
          z = Math.sqrt(Math.abs(q));
          x += t;
          if (q >= 0) {
            z = p + sign(z, p);
            wr[nn - 1] = wr[nn] = x + z;
            if (z !== 0) wr[nn] = x - w / z;
            wi[nn - 1] = wi[nn] = 0;
          } else {
            wr[nn - 1] = wr[nn] = x + p;
            wi[nn] = z;
            wi[nn - 1] = -z;
          }
          nn -= 2;
        } else {
          if (its === 60) throw new RnnkitError('UNSUPPORTED', 'eigenvalues: the QR iteration did not converge');
          if (its === 10 || its === 20) {
            // Exceptional shift.
            t += x;
            for (let i = 1; i <= nn; i++) a[i]![i]! -= x;
            s = Math.abs(a[nn]![nn - 1]!) + Math.abs(a[nn - 1]![nn - 2]!);
            y = x = 0.75 * s;
            w = -0.4375 * s * s;
          }
          ++its;
          let m: number;
          for (m = nn - 2; m >= l; m--) {
            z = a[m]![m]!;
            r = x - z;
            s = y - z;
            p = (r * s - w) / a[m + 1]![m]! + a[m]![m + 1]!;
            q = a[m + 1]![m + 1]! - z - r - s;
            r = a[m + 2]![m + 1]!;
            s = Math.abs(p) + Math.abs(q) + Math.abs(r);
            p /= s;
            q /= s;
            r /= s;
            if (m === l) break;
            const u = Math.abs(a[m]![m - 1]!) * (Math.abs(q) + Math.abs(r));
            const v = Math.abs(p) * (Math.abs(a[m - 1]![m - 1]!) + Math.abs(z) + Math.abs(a[m + 1]![m + 1]!));
            if (u + v === v) break;
          }
          for (let i = m + 2; i <= nn; i++) {
            a[i]![i - 2] = 0;
            if (i !== m + 2) a[i]![i - 3] = 0;
          }
          for (let k = m; k <= nn - 1; k++) {
            if (k !== m) {
              p = a[k]![k - 1]!;
              q = a[k + 1]![k - 1]!;
              r = 0;
              if (k !== nn - 1) r = a[k + 2]![k - 1]!;
              x = Math.abs(p) + Math.abs(q) + Math.abs(r);
              if (x !== 0) {
                p /= x;
                q /= x;
                r /= x;
              }
            }
            s = sign(Math.sqrt(p * p + q * q + r * r), p);
            if (s === 0) continue;
            if (k === m) {
              if (l !== m) a[k]![k - 1] = -a[k]![k - 1]!;
            } else {
              a[k]![k - 1] = -s * x;
            }
            p += s;
            x = p / s;
            y = q / s;
            z = r / s;
            q /= p;
            r /= p;
            for (let j = k; j <= nn; j++) {
              p = a[k]![j]! + q * a[k + 1]![j]!;
              if (k !== nn - 1) {
                p += r * a[k + 2]![j]!;
                a[k + 2]![j]! -= p * z;
              }
              a[k + 1]![j]! -= p * y;
              a[k]![j]! -= p * x;
            }
            const mmin = nn < k + 3 ? nn : k + 3;
            for (let i = l; i <= mmin; i++) {
              p = x * a[i]![k]! + y * a[i]![k + 1]!;
              if (k !== nn - 1) {
                p += z * a[i]![k + 2]!;
                a[i]![k + 2]! -= p * r;
              }
              a[i]![k + 1]! -= p * q;
              a[i]![k]! -= p;
            }
          }
        }
      }
    } while (l < nn - 1);
  }
  return Array.from({ length: n }, (_, i) => ({ re: wr[i + 1] as number, im: wi[i + 1] as number }));
}

/**
 * All eigenvalues of a real square matrix (rows of numbers), in no particular order.
 *
 * @example
 * ```ts
 * eigenvalues([[0, -1], [1, 0]]); // [{ re: 0, im: 1 }, { re: 0, im: -1 }] (a rotation by 90°)
 * ```
 */
export function eigenvalues(matrix: readonly (readonly number[])[]): Eigenvalue[] {
  const n = matrix.length;
  if (n === 0 || matrix.some((row) => row.length !== n)) {
    throw new RnnkitError('SHAPE_MISMATCH', `eigenvalues: expected a square matrix, got ${n} rows of lengths ${[...new Set(matrix.map((r) => r.length))].join(', ')}`);
  }
  if (matrix.some((row) => row.some((v) => !Number.isFinite(v)))) {
    throw new RnnkitError('NON_FINITE', 'eigenvalues: the matrix has a NaN or infinite entry');
  }
  // 1-indexed copy: row 0 and column 0 unused.
  const a = [new Array<number>(n + 1).fill(0), ...matrix.map((row) => [0, ...row])];
  balance(a, n);
  toHessenberg(a, n);
  return hessenbergEigenvalues(a, n);
}

/**
 * Spectral radius max |λ| of a real square matrix.
 *
 * @example
 * ```ts
 * spectralRadius([[0.5, 2], [0, -0.9]]); // 0.9
 * ```
 */
export function spectralRadius(matrix: readonly (readonly number[])[]): number {
  return Math.max(...eigenvalues(matrix).map(({ re, im }) => Math.hypot(re, im)));
}
