// A reference BPTT for tests: the backward loop written exactly as the TSDoc of RnnCache
// documents it (the real one lives in @rnnkit/train).

import * as tf from '@tensorflow/tfjs-core';
import type { RnnLayer } from '../rnn.js';
import type { RnnCache } from '../rnn-cache.js';

/** BPTT over the cache, transcribed from the TSDoc of RnnCache. */
export function bptt(layer: Pick<RnnLayer, 'cell' | 'params'>, cache: RnnCache, dOutput: tf.Tensor, dFinal: tf.Tensor2D[]) {
  return tf.tidy(() => {
    const { cell, params } = layer;
    const { steps: stepCaches, stepMasks, timeIndices, inputMask, timeSteps: T } = cache;
    let gO: tf.Tensor2D = tf.zeros([cache.batchSize, cache.units]);
    let gS: tf.Tensor2D[] = dFinal;
    const dx: tf.Tensor2D[] = new Array(T);
    let dParams: tf.Tensor[] | null = null;
    for (let k = T - 1; k >= 0; k--) {
      const incoming = cache.returnSequences
        ? (tf.squeeze(tf.slice(dOutput, [0, k, 0], [cache.batchSize, 1, cache.units]), [1]) as tf.Tensor2D)
        : k === T - 1
          ? (dOutput as tf.Tensor2D)
          : null;
      if (incoming) gO = tf.add(gO, incoming);
      const m = stepMasks?.[k] ?? null;
      const masked = (g: tf.Tensor2D): tf.Tensor2D => (m ? tf.mul(m, g) : g);
      const r = cell.backward(params, stepCaches[k], masked(gO), gS.map(masked));
      dx[timeIndices[k] as number] = inputMask ? tf.mul(r.dx, inputMask) : r.dx;
      const step = [r.dParams.kernel, r.dParams.recurrentKernel, r.dParams.bias];
      dParams = dParams ? dParams.map((p, i) => tf.add(p, step[i] as tf.Tensor)) : step;
      gS = r.dState.map((d, i) => (m ? tf.add(d, tf.mul(tf.sub(1, m), gS[i] as tf.Tensor2D)) : d));
      gO = cache.zeroOutputForMask || !m ? tf.zerosLike(gO) : tf.mul(tf.sub(1, m), gO);
    }
    return { dx: tf.stack(dx, 1), dInitial: gS, dParams: dParams as tf.Tensor[] };
  });
}

