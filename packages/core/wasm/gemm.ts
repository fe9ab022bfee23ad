// AssemblyScript source of rnnkit's WebAssembly SIMD kernels (compiled by build.mjs with the
// `assemblyscript` npm package; the .wasm ships inside @rnnkit/core as a base64 module).
//
//   gemm: C[M×N] = (accumulate ? C : 0) + op(A)[M×K]·B[K×N], op(A) = A or Aᵀ, row-major,
//         pointers are byte offsets into this module's memory, leading dimensions in floats.
// Main tile 4×8 (8 f32x4 accumulators: each k step = 4 splats of A, 2 vector loads of B,
// 8 mul + 8 add); edges with 1×16, 1×4 and scalar tiles. The k loop is blocked (KC) so a
// [KC × 8] panel of B stays in L1 while the rows of A stream past it. With `pack` (a byte
// pointer to KC·8 floats of the caller's scratch, one per thread) each panel is first copied
// contiguous: a wide B (ldb of a 1024-column gate block = 4 KB between panel rows) otherwise
// lands every row of the panel in the same cache sets. Packing moves data, not arithmetic:
// every element of C is the same sum in the same order either way.

const KC: i32 = 256;

/** Where JS may start laying out buffers (after this module's static data). */
export const HEAP_BASE: usize = __heap_base;


export function gemm(transA: i32, m: i32, n: i32, k: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, accumulate: i32, pack: usize): void {
  const ai = transA ? 1 : lda;
  const ap = transA ? lda : 1;
  if (!accumulate) {
    for (let i = 0; i < m; i++) memory.fill(c + (<usize>(i * ldc) << 2), 0, <usize>n << 2);
  }
  const m4 = m - (m & 3);
  const n8 = n - (n & 7);
  for (let p0 = 0; p0 < k; p0 += KC) {
    const p1 = min(k, p0 + KC);
    const usePack = pack != 0 && m4 >= 8 && ldb > 8;
    for (let j = 0; j < n8; j += 8) {
      let pb = b + (<usize>(p0 * ldb + j) << 2);
      let strideB = <usize>ldb << 2;
      if (usePack) {
        packPanel(pb, strideB, pack, p1 - p0);
        pb = pack;
        strideB = 32;
      }
      for (let i = 0; i < m4; i += 4) tile4x8(a, ai, ap, pb, strideB, c, ldc, i, j, p0, p1);
    }
    for (let i = 0; i < m; i++) {
      const j0 = i < m4 ? n8 : 0;
      rowTail(a, ai, ap, b, ldb, c, ldc, i, j0, n, p0, p1);
    }
  }
}

/** Copies `rows` rows of 8 floats (`stride` bytes apart) from `src` contiguous to `dst`. */
function packPanel(src: usize, stride: usize, dst: usize, rows: i32): void {
  for (let r = 0; r < rows; r++) {
    v128.store(dst, v128.load(src));
    v128.store(dst, v128.load(src, 16), 16);
    src += stride;
    dst += 32;
  }
}

/** C[i…i+4, j…j+8] += A[i…i+4, p0…p1) · panel, the panel's row p at `pb + (p − p0)·strideB`. */
function tile4x8(a: usize, ai: i32, ap: i32, pb: usize, strideB: usize, c: usize, ldc: i32, i: i32, j: i32, p0: i32, p1: i32): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let pa = a + (<usize>(i * ai + p0 * ap) << 2);
  const strideA = <usize>ap << 2;
  const rowA = <usize>ai << 2;
  for (let p = p0; p < p1; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    const a0 = f32x4.splat(load<f32>(pa));
    const a1 = f32x4.splat(load<f32>(pa + rowA));
    const a2 = f32x4.splat(load<f32>(pa + 2 * rowA));
    const a3 = f32x4.splat(load<f32>(pa + 3 * rowA));
    c00 = f32x4.add(c00, f32x4.mul(a0, b0));
    c01 = f32x4.add(c01, f32x4.mul(a0, b1));
    c10 = f32x4.add(c10, f32x4.mul(a1, b0));
    c11 = f32x4.add(c11, f32x4.mul(a1, b1));
    c20 = f32x4.add(c20, f32x4.mul(a2, b0));
    c21 = f32x4.add(c21, f32x4.mul(a2, b1));
    c30 = f32x4.add(c30, f32x4.mul(a3, b0));
    c31 = f32x4.add(c31, f32x4.mul(a3, b1));
    pb += strideB;
    pa += strideA;
  }
  let pc = c + (<usize>(i * ldc + j) << 2);
  const strideC = <usize>ldc << 2;
  v128.store(pc, f32x4.add(v128.load(pc), c00));
  v128.store(pc, f32x4.add(v128.load(pc, 16), c01), 16);
  pc += strideC;
  v128.store(pc, f32x4.add(v128.load(pc), c10));
  v128.store(pc, f32x4.add(v128.load(pc, 16), c11), 16);
  pc += strideC;
  v128.store(pc, f32x4.add(v128.load(pc), c20));
  v128.store(pc, f32x4.add(v128.load(pc, 16), c21), 16);
  pc += strideC;
  v128.store(pc, f32x4.add(v128.load(pc), c30));
  v128.store(pc, f32x4.add(v128.load(pc, 16), c31), 16);
}

/** Row i, columns [j0, n): 1×16, then 1×4, then scalar tiles. */
function rowTail(a: usize, ai: i32, ap: i32, b: usize, ldb: i32, c: usize, ldc: i32, i: i32, j0: i32, n: i32, p0: i32, p1: i32): void {
  const strideB = <usize>ldb << 2;
  const strideA = <usize>ap << 2;
  const aRow = a + (<usize>(i * ai + p0 * ap) << 2);
  const cRow = c + (<usize>(i * ldc) << 2);
  let j = j0;
  for (; j + 16 <= n; j += 16) {
    let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
    let pb = b + (<usize>(p0 * ldb + j) << 2);
    let pa = aRow;
    for (let p = p0; p < p1; p++) {
      const av = f32x4.splat(load<f32>(pa));
      s0 = f32x4.add(s0, f32x4.mul(av, v128.load(pb)));
      s1 = f32x4.add(s1, f32x4.mul(av, v128.load(pb, 16)));
      s2 = f32x4.add(s2, f32x4.mul(av, v128.load(pb, 32)));
      s3 = f32x4.add(s3, f32x4.mul(av, v128.load(pb, 48)));
      pb += strideB;
      pa += strideA;
    }
    const pc = cRow + (<usize>j << 2);
    v128.store(pc, f32x4.add(v128.load(pc), s0));
    v128.store(pc, f32x4.add(v128.load(pc, 16), s1), 16);
    v128.store(pc, f32x4.add(v128.load(pc, 32), s2), 32);
    v128.store(pc, f32x4.add(v128.load(pc, 48), s3), 48);
  }
  for (; j + 4 <= n; j += 4) {
    let s = f32x4.splat(0);
    let pb = b + (<usize>(p0 * ldb + j) << 2);
    let pa = aRow;
    for (let p = p0; p < p1; p++) {
      s = f32x4.add(s, f32x4.mul(f32x4.splat(load<f32>(pa)), v128.load(pb)));
      pb += strideB;
      pa += strideA;
    }
    const pc = cRow + (<usize>j << 2);
    v128.store(pc, f32x4.add(v128.load(pc), s));
  }
  for (; j < n; j++) {
    let s: f32 = 0;
    let pb = b + (<usize>(p0 * ldb + j) << 2);
    let pa = aRow;
    for (let p = p0; p < p1; p++) {
      s += load<f32>(pa) * load<f32>(pb);
      pb += strideB;
      pa += strideA;
    }
    const pc = cRow + (<usize>j << 2);
    store<f32>(pc, load<f32>(pc) + s);
  }
}
