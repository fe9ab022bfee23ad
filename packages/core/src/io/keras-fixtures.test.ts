import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/tf-setup.js';
import { fixtureNames, readFixture, sequenceInput } from './__fixtures__/fixture-files.js';
import { decodeEntries, kerasForward } from './__fixtures__/keras-reference.js';
import { loadModel } from './load-model.js';

beforeAll(useCpuBackend);

/** Inputs per fixture: masked/padded steps where the model masks. */
const inputs: Record<(typeof fixtureNames)[number], number[][] | number[][][]> = {
  'lstm-dense': sequenceInput(3, 5, 3, 11),
  'gru-reset-after': sequenceInput(2, 6, 2, 12),
  'gru-reset-before': sequenceInput(3, 4, 2, 13),
  'embedding-bidirectional': [
    [3, 7, 1, 11, 5, 2, 9],
    [4, 4, 10, 6, 0, 0, 0],
    [8, 0, 2, 5, 1, 0, 0],
  ],
  'masking-simplernn': sequenceInput(3, 6, 2, 14, [[0, 5], [1, 2], [1, 4], [1, 5], [2, 0]]),
  'keras3-gru': sequenceInput(2, 5, 2, 15),
};

function maxAbsDiff(a: unknown, b: unknown): number {
  const x = (a as number[]).flat(3) as number[];
  const y = (b as number[]).flat(3) as number[];
  expect(x.length).toBe(y.length);
  return Math.max(...x.map((v, i) => Math.abs(v - (y[i] as number))));
}

describe('Keras-converter fixtures (tensorflowjs_converter layers format)', () => {
  it.each(fixtureNames)('%s loads and predicts what Keras computes (float64 reference, max abs error ≤ 1e-5)', async (name) => {
    const { dir, json, bytes } = readFixture(name);
    const expected = kerasForward(json, decodeEntries(json, bytes), inputs[name]);
    const rows = (expected as number[][]).map((row) => JSON.stringify(row));
    expect(new Set(rows).size).toBe(rows.length); // a fixture whose rows all agree would test little
    const before = tf.memory().numTensors;
    const { model, generatedBy, convertedBy } = await loadModel(dir);
    expect(generatedBy).toMatch(/^keras v[23]/);
    expect(convertedBy).toBe('TensorFlow.js Converter v4.22.0');
    const x = tf.tensor(inputs[name]);
    const y = model.predict(x);
    const actual = await y.array();
    expect(maxAbsDiff(actual, expected)).toBeLessThanOrEqual(1e-5);
    tf.dispose([x, y]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reads GRU reset_after: true with its [2, 3·units] bias (what tf.layers refuses, tfjs #4621 / #5728)', async () => {
    const { model } = await loadModel(readFixture('gru-reset-after').dir);
    const gru = model.layers[0]!;
    expect(gru.getConfig()['reset_after']).toBe(true);
    expect(gru.weights.map((w) => w.variable.shape)).toEqual([[2, 12], [4, 12], [2, 12]]);
    model.dispose();
  });
});
