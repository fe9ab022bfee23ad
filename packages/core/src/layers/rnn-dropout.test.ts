// Input and recurrent dropout of recurrent layers: off at inference, seeded and reproducible
// in training, one mask per sequence, and equal to the float64 formula with the masks used.

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { referenceRnn } from './__fixtures__/reference-rnn.js';
import type { Matrix, ReferenceKind } from './__fixtures__/reference-rnn.js';
import { expectNoLeak, maxAbsDiff, normal } from './__fixtures__/tensor-testing.js';
import { disposeCache } from './cache-tensors.js';
import { gru } from './gru.js';
import { lstm } from './lstm.js';
import type { RecurrentLayerOptions, RnnLayer } from './rnn.js';
import { simpleRnn } from './simple-rnn.js';

beforeAll(useCpuBackend);

const [batch, steps, features, units] = [4, 5, 3, 6];
const rates = { dropout: 0.3, recurrentDropout: 0.4 };

const variants: { name: string; kind: ReferenceKind; resetAfter?: boolean; make: (o: RecurrentLayerOptions) => RnnLayer }[] = [
  { name: 'SimpleRNN', kind: 'SimpleRNN', make: (o) => simpleRnn({ units, ...o }) },
  { name: 'LSTM', kind: 'LSTM', make: (o) => lstm({ units, ...o }) },
  { name: 'GRU resetAfter', kind: 'GRU', resetAfter: true, make: (o) => gru({ units, ...o }) },
  { name: 'GRU resetBefore', kind: 'GRU', resetAfter: false, make: (o) => gru({ units, resetAfter: false, ...o }) },
];

function built(make: (o: RecurrentLayerOptions) => RnnLayer, options: RecurrentLayerOptions): RnnLayer {
  const layer = make({ returnSequences: true, ...options });
  layer.build([null, steps, features], createRng(21));
  return layer;
}

describe.each(variants)('$name dropout', ({ kind, resetAfter, make }) => {
  it('is off at inference: training=false equals the layer without dropout', () => {
    const [dropping, plain] = [built(make, rates), built(make, {})];
    const x = normal([batch, steps, features], 1);
    const a = dropping.apply(x) as tf.Tensor;
    const b = plain.apply(x) as tf.Tensor;
    expect(maxAbsDiff(a, b)).toBe(0);
    const { output, cache } = dropping.forward(x, { training: false, rng: createRng(1) });
    expect(cache.inputMask).toBeNull();
    expect(cache.recurrentMask).toBeNull();
    expect(maxAbsDiff(output, b)).toBe(0);
    disposeCache([x, a, b, output, cache]);
    dropping.dispose();
    plain.dispose();
  });

  it('is reproducible from a seed, and draws fresh masks for each sequence', () => {
    const [first, second] = [built(make, { ...rates, seed: 7 }), built(make, { ...rates, seed: 7 })];
    const x = normal([batch, steps, features], 2);
    const inference = first.apply(x) as tf.Tensor;
    const a1 = first.apply(x, { training: true }) as tf.Tensor;
    const b1 = second.apply(x, { training: true }) as tf.Tensor;
    const a2 = first.apply(x, { training: true }) as tf.Tensor;
    expect(maxAbsDiff(a1, b1)).toBe(0);
    expect(maxAbsDiff(a1, inference)).toBeGreaterThan(1e-3);
    expect(maxAbsDiff(a1, a2)).toBeGreaterThan(1e-3);
    tf.dispose([x, inference, a1, b1, a2]);
    first.dispose();
    second.dispose();
  });

  it('equals the float64 formula with the masks it used (one mask for every step)', () => {
    const layer = built(make, { ...rates, returnState: true });
    const x = normal([batch, steps, features], 3);
    expectNoLeak(() => {
      const { output, cache } = layer.forward(x, { training: true, rng: createRng(99) });
      const inputMask = cache.inputMask?.arraySync() as Matrix;
      const recurrentMask = cache.recurrentMask?.arraySync() as Matrix;
      // Inverted dropout: entries are 0 or 1/(1 − rate).
      expect(new Set(inputMask.flat().map((v) => v.toFixed(5)))).toEqual(new Set(['0.00000', (1 / 0.7).toFixed(5)]));
      expect(new Set(recurrentMask.flat().map((v) => v.toFixed(5)))).toEqual(new Set(['0.00000', (1 / 0.6).toFixed(5)]));
      const weights = layer.getWeights();
      const [kernel, recurrentKernel, bias] = weights.map((w) => w.arraySync() as Matrix);
      const reference = referenceRnn({
        kind,
        resetAfter,
        kernel: kernel as Matrix,
        recurrentKernel: recurrentKernel as Matrix,
        bias,
        x: x.arraySync() as number[][][],
        inputMask,
        recurrentMask,
      });
      expect(maxAbsDiff(output, reference.outputs)).toBeLessThanOrEqual(1e-5);
      reference.states.forEach((s, i) => expect(maxAbsDiff(cache.finalState[i] as tf.Tensor, s)).toBeLessThanOrEqual(1e-5));
      disposeCache([output, cache, ...weights]);
    });
    x.dispose();
    layer.dispose();
  });
});
