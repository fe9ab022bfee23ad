// The row lookup of an embedding and its gradient, side by side:
//   forward:   y_p = E[id_p]                              (a gather of rows)
//   backward:  dE[v] = Σ_{p : id_p = v} dy_p                (a scatter-add of rows)
// The scatter-add is tfjs `scatterND`, which sums rows with the same id on every backend
// (cpu, wasm, webgl, tensorflow). Not `unsortedSegmentSum`, which tf.gather's own gradient
// uses: @tensorflow/tfjs-backend-wasm 4.22 has no UnsortedSegmentSum kernel, and the cpu
// backend's one builds a mask per vocabulary entry (O(vocab · rows · width)).

import { customGrad, gather, reshape, scatterND } from '@tensorflow/tfjs-core';
import type { GradSaveFunc, Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs-core';

/**
 * `dE` for a lookup: the rows of `dRows [N, width]` summed by id into `[count, width]`
 * (row `v` is the sum of the `dRows` whose id is `v`; rows no id names stay 0).
 * `ids` are int32 in [0, count).
 *
 * @example
 * ```ts
 * scatterAddRows(tf.tensor1d([2, 0, 2], 'int32'), tf.tensor2d([[1], [2], [3]]), 3); // [[2], [0], [4]]
 * ```
 */
export function scatterAddRows(ids: Tensor1D, dRows: Tensor2D, count: number): Tensor2D {
  return scatterND(reshape(ids, [-1, 1]), dRows, [count, dRows.shape[1]]);
}

/**
 * `table[ids]` as rows `[N, width]`, differentiable in `table` by {@link scatterAddRows}
 * (so `tf.grad`/`tf.variableGrads` through an embedding work on backends without
 * UnsortedSegmentSum). `ids` are int32 in [0, rows of table).
 *
 * @example
 * ```ts
 * const rows = gatherRows(table, tf.tensor1d([3, 1, 3], 'int32')); // [3, width]
 * ```
 */
export function gatherRows(table: Tensor, ids: Tensor1D): Tensor2D {
  const lookUp = customGrad((...inputs: (Tensor | GradSaveFunc)[]) => {
    const [e, save] = inputs as [Tensor, GradSaveFunc];
    save([ids]);
    return {
      value: gather(e, ids) as Tensor2D,
      // dE = scatter-add of dy by id
      gradFunc: (dy: Tensor, saved: Tensor[]) => scatterAddRows(saved[0] as Tensor1D, dy as Tensor2D, e.shape[0] as number),
    };
  });
  return lookUp(table) as Tensor2D;
}
