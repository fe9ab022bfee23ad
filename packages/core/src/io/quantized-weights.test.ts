// Weights quantized by tensorflowjs_converter (--quantize_uint8 / uint16 / float16) load through
// tfjs's own dequantization: value = min + scale·q, or the IEEE half-precision value.

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { dense } from '../layers/dense.js';
import { sequential } from '../model/sequential.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { loadModel } from './load-model.js';
import { modelTopology } from './model-to-artifacts.js';

beforeAll(useCpuBackend);

/** float → IEEE 754 half bits (round to nearest even), for normal numbers in range. */
function toHalf(v: number): number {
  const f = new Float32Array([v]);
  const bits = new Uint32Array(f.buffer)[0] as number;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  if (v === 0) return sign;
  const mantissa = bits & 0x7fffff;
  let half = sign | (exponent << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (half & 1) === 1)) half += 1;
  return half;
}

/** IEEE half bits → number, independently of tfjs. */
function fromHalf(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >>> 10) & 0x1f;
  const fraction = h & 0x3ff;
  return exponent === 0 ? sign * 2 ** -14 * (fraction / 1024) : sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

const kernel = Array.from({ length: 12 }, (_, i) => Math.sin(i + 1) * 0.7);
const bias = [0.25, -0.125, 0.5];
const x = [[0.3, -1.2, 0.8, 2.0], [1.0, 0.5, -0.5, 0.0]];

function forward(w: number[], b: number[]): number[][] {
  return x.map((row) => [0, 1, 2].map((j) => row.reduce((sum, v, k) => sum + v * (w[k * 3 + j] as number), b[j] as number)));
}

describe('quantized weights', () => {
  it.each(['uint16', 'float16'] as const)('%s kernels dequantize as the converter defines', async (dtype) => {
    const template = sequential({ inputShape: [4], layers: [dense({ units: 3 })] });
    const topology = modelTopology(template);
    template.dispose();
    let data: Uint8Array;
    let quantization: tf.io.WeightsManifestEntry['quantization'];
    let dequantized: number[];
    if (dtype === 'float16') {
      const halves = Uint16Array.from(kernel, toHalf);
      data = new Uint8Array(halves.buffer);
      quantization = { dtype: 'float16' };
      dequantized = Array.from(halves, fromHalf);
    } else {
      const min = Math.min(...kernel);
      const scale = (Math.max(...kernel) - min) / 65535;
      const q = Uint16Array.from(kernel, (v) => Math.round((v - min) / scale));
      data = new Uint8Array(q.buffer);
      quantization = { dtype: 'uint16', min, scale };
      dequantized = Array.from(q, (v) => v * scale + min);
    }
    const weightData = new Uint8Array(data.length + 12);
    weightData.set(data);
    weightData.set(new Uint8Array(new Float32Array(bias).buffer), data.length);
    const artifacts: tf.io.ModelArtifacts = {
      modelTopology: topology,
      format: 'layers-model',
      weightSpecs: [
        { name: 'dense/kernel', shape: [4, 3], dtype: 'float32', quantization },
        { name: 'dense/bias', shape: [3], dtype: 'float32' },
      ],
      weightData: weightData.buffer,
    };
    const { model } = await loadModel(tf.io.fromMemory(artifacts));
    const input = tf.tensor2d(x);
    const y = model.predict(input);
    const expected = forward(dequantized, bias);
    const actual = (await y.array()) as number[][];
    actual.flat().forEach((v, i) => expect(v).toBeCloseTo(expected.flat()[i] as number, 5));
    expect(Math.max(...dequantized.map((v, i) => Math.abs(v - (kernel[i] as number))))).toBeLessThan(dtype === 'float16' ? 1e-3 : 2e-5);
    tf.dispose([input, y]);
    model.dispose();
  });
});
