// hard_sigmoid in files converted from Keras. Keras 2 (tf.keras) defines it as
// clip(0.2·x + 0.5, 0, 1), like tf.layers: such a file loads and predicts what the independent
// float64 Keras reference (keras-reference.ts) computes. Keras 3 redefined it as
// relu6(x + 3)/6 = clip(x/6 + 0.5, 0, 1): a file whose keras_version is 3.x and which uses it is
// refused with UNSUPPORTED naming the layer, the option and why, before anything is allocated.

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { isRnnkitError } from '../errors.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { readFixture, sequenceInput } from './__fixtures__/fixture-files.js';
import { decodeEntries, kerasForward } from './__fixtures__/keras-reference.js';
import { loadModel } from './load-model.js';

beforeAll(useCpuBackend);

type Json = Record<string, unknown>;

/** A copy of `value` with every `key` set to `replacement` at any depth (nested layers and cells too). */
function setEverywhere(value: unknown, key: string, replacement: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => setEverywhere(v, key, replacement));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === key ? replacement : setEverywhere(v, key, replacement)]));
}

/** A fixture's model.json edited by `edit`, as in-memory artifacts with the fixture's weights. */
function edited(name: string, edit: (json: Json) => Json): { json: Json; artifacts: tf.io.ModelArtifacts; bytes: Uint8Array } {
  const { json: original, bytes } = readFixture(name);
  const json = edit(original);
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: json['modelTopology'] as Json,
    weightSpecs: (json['weightsManifest'] as { weights: tf.io.WeightsManifestEntry[] }[]).flatMap((g) => g.weights),
    weightData: bytes.slice().buffer,
    format: 'layers-model',
    generatedBy: json['generatedBy'] as string,
    convertedBy: json['convertedBy'] as string,
  };
  return { json, artifacts, bytes };
}

const hardGates = (json: Json): Json => setEverywhere(json, 'recurrent_activation', 'hard_sigmoid') as Json;
/** Inputs in [−4, 4): wide enough that hard_sigmoid gates reach their clipped parts. */
const wide = (batch: number, steps: number, features: number, seed: number): number[][][] => sequenceInput(batch, steps, features, seed).map((row) => row.map((step) => step.map((v) => 4 * v)));

function maxAbsDiff(a: unknown, b: unknown): number {
  const x = (a as number[]).flat(3) as number[];
  const y = (b as number[]).flat(3) as number[];
  expect(x.length).toBe(y.length);
  return Math.max(...x.map((v, i) => Math.abs(v - (y[i] as number))));
}

const keras2: [string, number[][] | number[][][]][] = [
  ['lstm-dense', wide(3, 5, 3, 11)],
  ['gru-reset-after', wide(2, 6, 2, 12)],
  ['gru-reset-before', wide(3, 4, 2, 13)],
  ['embedding-bidirectional', [[3, 7, 1, 11, 5, 2, 9], [4, 4, 10, 6, 0, 0, 0], [8, 0, 2, 5, 1, 0, 0]]],
];

describe('hard_sigmoid from Keras 2 (keras_version 2.15.0)', () => {
  it.each(keras2)('%s with every recurrent_activation hard_sigmoid loads and predicts what Keras computes (float64 reference, ≤ 1e-5)', async (name, input) => {
    const { json, artifacts, bytes } = edited(name, hardGates);
    const entries = decodeEntries(json, bytes);
    const expected = kerasForward(json, entries, input);
    // The reference does use hard_sigmoid: its numbers differ from the sigmoid original's.
    expect(maxAbsDiff(expected, kerasForward(readFixture(name).json, entries, input))).toBeGreaterThan(1e-3);
    const before = tf.memory().numTensors;
    const { model } = await loadModel(tf.io.fromMemory(artifacts));
    const x = tf.tensor(input);
    const y = model.predict(x);
    expect(maxAbsDiff(await y.array(), expected)).toBeLessThanOrEqual(1e-5);
    tf.dispose([x, y]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a Dense layer with activation hard_sigmoid loads too', async () => {
    const { json, artifacts, bytes } = edited('lstm-dense', (j) => setEverywhere(setEverywhere(j, 'recurrent_activation', 'hard_sigmoid'), 'activation', 'hard_sigmoid') as Json);
    const input = wide(3, 5, 3, 14);
    const expected = kerasForward(json, decodeEntries(json, bytes), input);
    const { model } = await loadModel(tf.io.fromMemory(artifacts));
    expect(model.layers.map((l) => l.getConfig()['activation'])).toEqual(['hard_sigmoid', 'hard_sigmoid']);
    const x = tf.tensor(input);
    const y = model.predict(x);
    expect(maxAbsDiff(await y.array(), expected)).toBeLessThanOrEqual(1e-5);
    tf.dispose([x, y]);
    model.dispose();
  });
});

async function refusal(artifacts: tf.io.ModelArtifacts): Promise<Error> {
  const before = tf.memory().numTensors;
  const error = await loadModel(tf.io.fromMemory(artifacts)).catch((e: unknown) => e);
  expect(tf.memory().numTensors).toBe(before);
  expect(isRnnkitError(error, 'UNSUPPORTED')).toBe(true);
  return error as Error;
}

describe('hard_sigmoid from Keras 3 (keras_version 3.x), which redefined it', () => {
  const why = /is not supported from Keras 3\.\d+\.\d+ \(Keras 3 defines it as relu6\(x \+ 3\)\/6 = clip\(x\/6 \+ 0\.5, 0, 1\); rnnkit computes Keras 2's and tf\.layers' clip\(0\.2·x \+ 0\.5, 0, 1\)\)/;

  it('is refused with UNSUPPORTED naming the layer, the option and why: GRU recurrent_activation', async () => {
    const error = await refusal(edited('keras3-gru', hardGates).artifacts);
    expect(error.message).toMatch(/GRU layer 'gru': option recurrent_activation: 'hard_sigmoid' /);
    expect(error.message).toMatch(why);
    expect(error).toMatchObject({ details: { layer: 'gru', option: 'recurrent_activation', value: 'hard_sigmoid', kerasVersion: '3.3.3' } });
  });

  it('is refused the same for a Dense activation', async () => {
    const error = await refusal(edited('keras3-gru', (j) => setEverywhere(j, 'activation', 'hard_sigmoid') as Json).artifacts);
    expect(error.message).toMatch(/GRU layer 'gru': option activation: 'hard_sigmoid' /);
    const denseOnly = edited('keras3-gru', (j) => {
      const layers = ((j['modelTopology'] as Json)['config'] as Json)['layers'] as Json[];
      (layers[2]!['config'] as Json)['activation'] = 'hard_sigmoid';
      return j;
    });
    expect((await refusal(denseOnly.artifacts)).message).toMatch(/Dense layer 'dense': option activation: 'hard_sigmoid' is not supported from Keras 3\.3\.3/);
  });

  it('is refused inside a Bidirectional wrapper (the nested layer reads the file version too)', async () => {
    const { artifacts } = edited('embedding-bidirectional', (j) => {
      const json = hardGates(j);
      return { ...json, modelTopology: { ...(json['modelTopology'] as Json), keras_version: '3.1.0' } };
    });
    const error = await refusal(artifacts);
    expect(error.message).toMatch(/Bidirectional layer '[^']+': LSTM layer '[^']+': option recurrent_activation: 'hard_sigmoid' is not supported from Keras 3\.1\.0/);
  });

  it('leaves sigmoid from Keras 3 alone (the unedited Keras-3 file loads)', async () => {
    const { model } = await loadModel(tf.io.fromMemory(edited('keras3-gru', (j) => j).artifacts));
    expect(model.layers[0]?.getConfig()['recurrent_activation']).toBe('sigmoid');
    model.dispose();
  });
});
