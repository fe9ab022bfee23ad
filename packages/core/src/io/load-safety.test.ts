// A model file can come from anywhere: each forged or damaged part is refused with a typed
// error saying why, before anything is allocated (tf.memory().numTensors never moves).

import * as tf from '@tensorflow/tfjs-core';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRnnkitError } from '../errors.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { fixtureRoot } from './__fixtures__/fixture-files.js';
import { loadModel } from './load-model.js';
import type { LoadModelOptions } from './load-model.js';

beforeAll(useCpuBackend);
const scratch = mkdtempSync(join(tmpdir(), 'rnnkit-safety-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type ModelJson = {
  modelTopology: { model_config: { config: { layers: { class_name: string; config: Record<string, unknown> }[] } } } & Record<string, unknown>;
  weightsManifest: { paths: string[]; weights: Record<string, unknown>[] }[];
  format?: string;
} & Record<string, unknown>;

let counter = 0;
/** A copy of the lstm-dense fixture (LSTM(4) on [5, 3] → Dense(2)), with model.json edited by `edit`. */
function forged(edit: (json: ModelJson, dir: string) => void = () => undefined): string {
  const dir = join(scratch, `case-${counter++}`);
  cpSync(join(fixtureRoot, 'lstm-dense'), dir, { recursive: true });
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as ModelJson;
  edit(json, dir);
  writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
  return dir;
}
const layersOf = (json: ModelJson) => json.modelTopology.model_config.config.layers;
const entries = (json: ModelJson) => json.weightsManifest[0]!.weights;

async function refusal(source: string, options?: LoadModelOptions): Promise<{ code: string; message: string }> {
  const before = tf.memory().numTensors;
  const error = await loadModel(source, options).then(
    ({ model }) => {
      model.dispose();
      return null;
    },
    (e: unknown) => e,
  );
  expect(tf.memory().numTensors).toBe(before);
  if (!isRnnkitError(error)) throw new Error(`expected an RnnkitError, got ${String(error)}`);
  return error;
}

describe('the manifest against the topology and the shards', () => {
  it('loads the untouched copy (the baseline every case below breaks one thing of)', async () => {
    const { model } = await loadModel(forged());
    expect(model.countParams()).toBe(3 * 16 + 4 * 16 + 16 + 4 * 2 + 2);
    model.dispose();
  });

  it('refuses a weight whose shape disagrees with the topology, naming both shapes', async () => {
    const error = await refusal(forged((json) => (entries(json)[0]!['shape'] = [6, 8])));
    expect(error.code).toBe('CORRUPT_FILE');
    expect(error.message).toContain("weight 'lstm/lstm_cell/kernel' of LSTM layer 'lstm' has shape [6, 8], the topology needs [3, 16]");
  });

  it('refuses a GRU whose reset_after disagrees with its bias shape, with a hint', async () => {
    const dir = join(scratch, 'gru-mismatch');
    cpSync(join(fixtureRoot, 'gru-reset-after'), dir, { recursive: true });
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as ModelJson;
    layersOf(json)[1]!.config['reset_after'] = false;
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    const error = await refusal(dir);
    expect(error.message).toContain('[2, 12], the topology needs [12]');
    expect(error.message).toContain('reset_after: true');
  });

  it('refuses missing and unclaimed weights', async () => {
    expect((await refusal(forged((json) => (entries(json)[4]!['name'] = 'dense_9/bias')))).message).toContain("weight 'dense_9/bias' belongs to no layer");
    const dropped = forged((json) => {
      entries(json).pop();
    });
    expect((await refusal(dropped)).message).toContain('longer than declared');
  });

  it.each([
    ['float64', 'CORRUPT_FILE'],
    ['string', 'UNSUPPORTED'],
  ])('refuses dtype %s with %s', async (dtype, code) => {
    const error = await refusal(forged((json) => (entries(json)[0]!['dtype'] = dtype)));
    expect(error.code).toBe(code);
    expect(error.message).toContain('lstm/lstm_cell/kernel');
  });

  it('refuses int32 model weights', async () => {
    expect((await refusal(forged((json) => (entries(json)[4]!['dtype'] = 'int32')))).message).toContain("'dense/bias' must be float32");
  });

  it('refuses truncated and overlong shards before reading them', async () => {
    const short = forged((_json, dir) => truncateSync(join(dir, 'group1-shard1of1.bin'), 551));
    expect((await refusal(short)).message).toContain('truncated: the manifest declares 552 bytes');
    const long = forged((_json, dir) => appendFileSync(join(dir, 'group1-shard1of1.bin'), Buffer.alloc(4)));
    expect((await refusal(long)).message).toContain('longer than declared');
    const missing = forged((_json, dir) => rmSync(join(dir, 'group1-shard1of1.bin')));
    expect((await refusal(missing)).message).toContain("shard 'group1-shard1of1.bin' is missing");
    const folder = forged((_json, dir) => {
      rmSync(join(dir, 'group1-shard1of1.bin'));
      mkdirSync(join(dir, 'group1-shard1of1.bin'));
    });
    expect((await refusal(folder)).message).toContain('not a regular file');
  });

  it('scans for NaN / Infinity on request (checkFinite), naming the weight and index', async () => {
    const dir = forged((_json, d) => {
      const bytes = readFileSync(join(d, 'group1-shard1of1.bin'));
      bytes.writeFloatLE(Number.NaN, (48 + 64 + 5) * 4);
      writeFileSync(join(d, 'group1-shard1of1.bin'), bytes);
    });
    const error = await refusal(dir, { checkFinite: true });
    expect(error.code).toBe('NON_FINITE');
    expect(error.message).toContain("weight 'lstm/lstm_cell/bias' has a non-finite value at flat index 5");
    const { model } = await loadModel(dir);
    model.dispose();
  });
});

describe('hostile model.json', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s anywhere', async (key) => {
    const dir = forged();
    const text = readFileSync(join(dir, 'model.json'), 'utf8').replace('"units":4', `"units":4,"${key}":{"isAdmin":true}`);
    writeFileSync(join(dir, 'model.json'), text);
    const error = await refusal(dir);
    expect(error.code).toBe('CORRUPT_FILE');
    expect(error.message).toContain(`forbidden key '${key}'`);
  });

  it('refuses absurd shapes before allocating (no 10^12-element tensor from a 3 kB file)', async () => {
    const started = Date.now();
    const error = await refusal(forged((json) => (entries(json)[0]!['shape'] = [1_000_000, 1_000_000])));
    expect(error.message).toContain('more than maxElements = 268435456');
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await refusal(forged(), { maxElements: 100 })).message).toContain('maxElements = 100');
  });

  it.each([
    ['../outside.bin'],
    ['/etc/passwd'],
    ['https://evil.example/weights.bin'],
    ['C:\\weights.bin'],
    ['%2e%2e/weights.bin'],
    ['sub/../../weights.bin'],
    ['.hidden.bin'],
  ])('refuses the shard path %s', async (path) => {
    const error = await refusal(forged((json) => (json.weightsManifest[0]!.paths = [path])));
    expect(error.code).toBe('CORRUPT_FILE');
    expect(error.message).toContain('must stay inside the model directory');
  });

  it('refuses a shard that is a symlink out of the model directory', async () => {
    const outside = join(scratch, 'outside.bin');
    writeFileSync(outside, readFileSync(join(fixtureRoot, 'lstm-dense', 'group1-shard1of1.bin')));
    const dir = forged((_json, d) => {
      rmSync(join(d, 'group1-shard1of1.bin'));
      symlinkSync(outside, join(d, 'group1-shard1of1.bin'));
    });
    expect((await refusal(dir)).message).toContain('resolves outside the model directory');
  });

  it('refuses too many shards and too large a model.json', async () => {
    const many = forged((json) => (json.weightsManifest[0]!.paths = Array.from({ length: 2000 }, (_, i) => `s${i}.bin`)));
    expect((await refusal(many)).message).toContain('more than maxShards = 1024');
    expect((await refusal(forged(), { maxJsonBytes: 100 })).message).toContain('more than maxJsonBytes = 100');
  });

  it('refuses a graph model and a non-layers format', async () => {
    expect((await refusal(forged((json) => (json.format = 'graph-model')))).code).toBe('UNSUPPORTED');
    expect((await refusal(forged((json) => (json.format = 'pickle')))).code).toBe('CORRUPT_FILE');
  });
});

describe('layers and options rnnkit does not implement → UNSUPPORTED naming the layer and the option', () => {
  it.each<[string, (json: ModelJson) => void, RegExp]>([
    ['activation selu', (j) => (layersOf(j)[1]!.config['activation'] = 'selu'), /LSTM layer 'lstm': option activation: 'selu' is not supported \(rnnkit supports 'tanh', 'relu', 'sigmoid', 'hard_sigmoid', 'linear'\)/],
    ['time_major', (j) => (layersOf(j)[1]!.config['time_major'] = true), /LSTM layer 'lstm': option time_major: true is not supported/],
    ['return_state', (j) => (layersOf(j)[1]!.config['return_state'] = true), /option return_state: true is not supported \(a layer of a Sequential model has one output\)/],
    ['an unknown option', (j) => (layersOf(j)[2]!.config['lora_alpha'] = 2), /Dense layer 'dense': option lora_alpha \(2\) is not known to rnnkit/],
    ['float16 dtype', (j) => (layersOf(j)[2]!.config['dtype'] = 'float16'), /Dense layer 'dense': option dtype: 'float16' is not supported/],
    ['mixed precision policy', (j) => (layersOf(j)[2]!.config['dtype'] = { class_name: 'Policy', config: { name: 'mixed_float16' } }), /option dtype: 'mixed_float16'/],
    ['an Attention layer', (j) => (layersOf(j)[2]!.class_name = 'Attention'), /layer 'dense' has class Attention, which rnnkit does not implement/],
    ['a custom Keras 3 layer', (j) => Object.assign(layersOf(j)[2]!, { registered_name: 'MyPackage>MyDense' }), /'MyPackage>MyDense' is a custom registered layer/],
    ['a functional model', (j) => ((j.modelTopology.model_config as Record<string, unknown>)['class_name'] = 'Functional'), /is a functional \(Functional\) model; rnnkit loads Sequential models/],
    ['a Bidirectional backward_layer that differs from the wrapped layer', (j) => {
      const lstmSpec = layersOf(j)[1]!;
      layersOf(j)[1] = { class_name: 'Bidirectional', config: { name: 'bidirectional', layer: lstmSpec, backward_layer: { class_name: 'LSTM', config: { ...lstmSpec.config, name: 'lstm_b', units: 5 } } } };
    }, /option backward_layer: differs from the wrapped layer/],
    ['stateful in only one direction of a Bidirectional', (j) => {
      const lstmSpec = layersOf(j)[1]!;
      layersOf(j)[1] = { class_name: 'Bidirectional', config: { name: 'bidirectional', layer: lstmSpec, backward_layer: { class_name: 'LSTM', config: { ...lstmSpec.config, name: 'lstm_b', go_backwards: true, stateful: true } } } };
    }, /option backward_layer: differs from the wrapped layer/],
  ])('%s', async (_label, edit, pattern) => {
    const error = await refusal(forged(edit));
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.message).toMatch(pattern);
  });

  it('ignores what does not change the numbers: unroll, implementation, regularizers, initializers', async () => {
    const { model } = await loadModel(forged((j) => Object.assign(layersOf(j)[1]!.config, { unroll: true, implementation: 1, activity_regularizer: { class_name: 'L1', config: { l1: 0.1 } } })));
    model.dispose();
  });
});
