// stepTrace against what the layer itself returned: the hidden states are the output sequence
// (put in input order), the last step's states are the final state, and the gates satisfy the
// cells' own equations (LSTM c = f⊙c₋₁ + i⊙g, h = o⊙tanh c; GRU h = z⊙h₋₁ + (1 − z)⊙h̃) — with
// masks, goBackwards and recurrent dropout. Bad rows and foreign caches get RnnkitErrors.

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { RnnkitError } from '../errors.js';
import { createRng } from '../rng.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { normal } from './__fixtures__/tensor-testing.js';
import { disposeCache } from './cache-tensors.js';
import { gru } from './gru.js';
import { lstm } from './lstm.js';
import type { RecurrentLayerOptions, RnnLayer } from './rnn.js';
import { simpleRnn } from './simple-rnn.js';
import { stepTrace } from './step-trace.js';

beforeAll(useCpuBackend);

const [batch, steps, features, units] = [3, 5, 4, 3];
const makers: [string, (o: RecurrentLayerOptions) => RnnLayer][] = [
  ['SimpleRNN', (o) => simpleRnn({ units, ...o })],
  ['LSTM', (o) => lstm({ units, ...o })],
  ['GRU', (o) => gru({ units, ...o })],
];
const cases = [
  { name: 'plain', options: {}, masked: false, training: false },
  { name: 'masked, backwards, recurrent dropout', options: { goBackwards: true, recurrentDropout: 0.3 }, masked: true, training: true },
];

describe.each(makers)('stepTrace of a %s layer', (kind, make) => {
  it.each(cases)('gives the states the layer returned and gates that satisfy the cell ($name)', ({ options, masked, training }) => {
    const layer = make({ ...options, returnSequences: true });
    layer.build([null, steps, features], createRng(4));
    const x = normal([batch, steps, features], 1);
    const mask = masked ? tf.tensor2d([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0], [0, 1, 0, 1, 1]]) : null;
    const { output, cache } = layer.forward(x, { training, rng: createRng(6), mask });
    const sequence = output.arraySync() as number[][][];
    const final = cache.finalState.map((s) => s.arraySync() as number[][]);
    const before = tf.memory().numTensors;
    for (let row = 0; row < batch; row++) {
      const trace = stepTrace(cache, layer.cell.kind, row);
      expect(tf.memory().numTensors).toBe(before);
      // Output position j is processing step j, which read input step timeIndices[j].
      cache.timeIndices.forEach((t, j) => expect(trace.hidden[t]).toEqual((sequence[row] as number[][])[j]));
      const lastRead = cache.timeIndices[steps - 1] as number;
      expect(trace.hidden[lastRead]).toEqual(final[0]?.[row]);
      if (kind === 'LSTM') expect(trace.cell?.[lastRead]).toEqual(final[1]?.[row]);
      else expect(trace.cell).toBeNull();
      // The cells' equations, on the steps the mask let through (in processing order).
      const active = (k: number): boolean => !mask || (mask.arraySync() as number[][])[row]?.[cache.timeIndices[k] as number] === 1;
      for (let k = 0; k < steps; k++) {
        if (!active(k)) continue;
        const t = cache.timeIndices[k] as number;
        const previousT = k > 0 ? (cache.timeIndices[k - 1] as number) : -1;
        const previous = (series: number[][] | null): number[] => (previousT >= 0 ? (series?.[previousT] as number[]) : new Array<number>(units).fill(0));
        for (let j = 0; j < units; j++) {
          const gate = (name: string): number => trace.gates[name]?.[t]?.[j] as number;
          if (kind === 'LSTM') {
            const c = gate('f') * (previous(trace.cell)[j] as number) + gate('i') * gate('g');
            expect(trace.cell?.[t]?.[j]).toBeCloseTo(c, 5);
            expect(trace.hidden[t]?.[j]).toBeCloseTo(gate('o') * Math.tanh(c), 5);
            for (const name of ['i', 'f', 'o']) expect(gate(name)).toBeGreaterThan(0);
          } else if (kind === 'GRU') {
            const h = gate('z') * (previous(trace.hidden)[j] as number) + (1 - gate('z')) * gate('candidate');
            expect(trace.hidden[t]?.[j]).toBeCloseTo(h, 5);
          }
        }
      }
      if (kind === 'SimpleRNN') expect(trace.gates).toEqual({});
    }
    disposeCache([output, cache]);
    tf.dispose([x, ...(mask ? [mask] : [])]);
    layer.dispose();
  });
});

describe('stepTrace input checks', () => {
  it('refuses a row outside the batch and a cache of another cell, naming what is wrong', () => {
    const layer = lstm({ units });
    layer.build([null, steps, features], createRng(4));
    const x = normal([batch, steps, features], 1);
    const { output, cache } = layer.forward(x, { training: false, mask: null });
    expect(() => stepTrace(cache, 'LSTM', batch)).toThrow(RnnkitError);
    expect(() => stepTrace(cache, 'LSTM', 1.5)).toThrow(/row must be an integer in \[0, 3\), got 1.5/);
    expect(() => stepTrace(cache, 'GRU')).toThrow(/has no 'hPrev': pass the cache of the step-by-step forward pass of a GRU layer/);
    disposeCache([output, cache]);
    tf.dispose(x);
    layer.dispose();
  });
});
