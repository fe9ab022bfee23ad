// From tfjs tensors to a fused kernel's input and back: the batch-major [B, T, F] input (and
// its mask) laid out time-major in processing order (goBackwards reads the last step first),
// the input dropout mask applied, the weights read once; and a time-major sequence back into a
// [B, T, U] tensor.

import { tensor } from '@tensorflow/tfjs-core';
import type { Tensor, Tensor3D } from '@tensorflow/tfjs-core';
import type { RnnLayer } from '../layers/rnn.js';
import type { FusedCellSpec, SequenceInput } from './sequence-types.js';

export type SequenceExtras = { mask: Tensor | null; inputMask: Float32Array | null; recurrentMask: Float32Array | null; initialState: Float32Array[] };

/** The kernel input from a layer's weights and an input batch (processing order). */
export function sequenceInput(layer: RnnLayer, spec: FusedCellSpec, x: Tensor, timeIndices: readonly number[], extras: SequenceExtras): SequenceInput {
  const [B, T, I] = x.shape as [number, number, number];
  const { kernel, recurrentKernel, bias } = layer.params;
  const useBias = layer.cell.config.useBias;
  const biasData = useBias ? (bias.dataSync() as Float32Array) : null;
  const GU = kernel.shape[1];
  const resetAfterGru = spec.kind === 'GRU' && spec.resetAfter;
  let stepMask: Float32Array | null = null;
  if (extras.mask) {
    const m = extras.mask.dataSync();
    stepMask = new Float32Array(T * B);
    timeIndices.forEach((t, k) => {
      for (let b = 0; b < B; b++) stepMask![k * B + b] = Number(m[b * T + t]) !== 0 ? 1 : 0;
    });
  }
  return {
    spec,
    batch: B,
    steps: T,
    x: toTimeMajor(x.dataSync() as Float32Array, B, T, I, timeIndices, extras.inputMask),
    kernel: kernel.dataSync() as Float32Array,
    recurrentKernel: recurrentKernel.dataSync() as Float32Array,
    biasIn: biasData ? (resetAfterGru ? biasData.subarray(0, GU) : biasData) : null,
    biasRecurrent: biasData && resetAfterGru ? biasData.subarray(GU, 2 * GU) : null,
    initialState: extras.initialState,
    stepMask,
    recurrentMask: extras.recurrentMask,
    zeroOutputForMask: layer.zeroOutputForMask,
    inputMask: extras.inputMask,
  };
}

/** [B, T, F] batch-major → [T·B·F] time-major in processing order (optionally times a [B·F] mask). */
export function toTimeMajor(data: Float32Array, B: number, T: number, F: number, timeIndices: readonly number[] | null, rowMask: Float32Array | null = null): Float32Array {
  const out = new Float32Array(T * B * F);
  for (let k = 0; k < T; k++) {
    const t = timeIndices ? (timeIndices[k] as number) : k;
    for (let b = 0; b < B; b++) {
      const src = (b * T + t) * F;
      const dst = (k * B + b) * F;
      if (!rowMask) {
        out.set(data.subarray(src, src + F), dst);
        continue;
      }
      for (let f = 0; f < F; f++) out[dst + f] = (data[src + f] as number) * (rowMask[b * F + f] as number);
    }
  }
  return out;
}

/** [T·B·U] time-major → a [B, T, U] tensor (position k = processing step k). */
export function sequenceTensor(data: Float32Array, B: number, T: number, U: number): Tensor3D {
  const out = new Float32Array(B * T * U);
  for (let k = 0; k < T; k++) {
    for (let b = 0; b < B; b++) out.set(data.subarray((k * B + b) * U, (k * B + b + 1) * U), (b * T + k) * U);
  }
  return tensor(out, [B, T, U]) as Tensor3D;
}

