// saveModel / loadModel round trips: a Node directory (atomic, overwrite policy, a failure
// injected mid-save), an in-memory IOHandler, metadata, extra weight groups, shard splitting.

import * as tf from '@tensorflow/tfjs-core';
import * as fs from 'node:fs/promises';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRnnkitError } from '../errors.js';
import { maxAbsDiff, normal } from '../layers/__fixtures__/tensor-testing.js';
import { bidirectional } from '../layers/bidirectional.js';
import { dense } from '../layers/dense.js';
import { embedding } from '../layers/embedding.js';
import { gru } from '../layers/gru.js';
import { lstm } from '../layers/lstm.js';
import { sequential } from '../model/sequential.js';
import type { SequentialModel } from '../model/sequential.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { randomizeWeights } from './__fixtures__/random-weights.js';
import { loadModel } from './load-model.js';
import { modelDirectory } from './model-directory.js';
import type { FileSystem } from './node-modules.js';
import { saveModel } from './save-model.js';

beforeAll(useCpuBackend);
const scratch = mkdtempSync(join(tmpdir(), 'rnnkit-save-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function forecaster(seed = 1): SequentialModel {
  const model = sequential({ inputShape: [8, 2], seed, layers: [gru({ units: 6, returnSequences: true }), lstm({ units: 4 }), dense({ units: 1 })] });
  randomizeWeights(model, seed + 100);
  return model;
}

async function expectSamePredictions(a: SequentialModel, b: SequentialModel): Promise<void> {
  const x = normal([3, 8, 2], 7);
  const [ya, yb] = [a.predict(x), b.predict(x)];
  expect(maxAbsDiff(ya, yb)).toBe(0); // float32 bytes round-trip exactly
  tf.dispose([x, ya, yb]);
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!isRnnkitError(error)) throw new Error(`expected an RnnkitError, got ${String(error)}`);
  return error;
}

describe('saveModel → loadModel, Node directory', () => {
  it('round-trips weights bit-exactly, writes model.json + group1-shard1of1.bin, and leaks nothing', async () => {
    const model = forecaster();
    const dir = join(scratch, 'roundtrip');
    const before = tf.memory().numTensors;
    await saveModel(model, dir);
    expect(readdirSync(dir).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['modelTopology', 'format', 'generatedBy', 'convertedBy', 'weightsManifest', 'userDefinedMetadata']);
    expect(tf.memory().numTensors).toBe(before);
    const { model: loaded } = await loadModel(dir);
    expect(loaded.getConfig()).toEqual(model.getConfig());
    await expectSamePredictions(model, loaded);
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('keeps trainable: false and the layer names', async () => {
    const model = sequential({ inputShape: [8, 2], layers: [gru({ units: 3, name: 'encoder', trainable: false }), dense({ units: 1, name: 'head' })] });
    const dir = join(scratch, 'frozen');
    await saveModel(model, dir);
    const { model: loaded } = await loadModel(dir);
    expect(loaded.layers.map((l) => [l.name, l.trainable])).toEqual([['encoder', false], ['head', true]]);
    expect(loaded.trainableWeights.map((w) => w.name)).toEqual(['head/kernel', 'head/bias']);
    model.dispose();
    loaded.dispose();
  });

  it('splits weights into shards of shardSizeBytes (4 MiB by default, like tensorflowjs_converter)', async () => {
    const model = sequential({ inputShape: [10], layers: [embedding({ inputDim: 1100, outputDim: 1000 }), bidirectional(lstm({ units: 4 })), dense({ units: 2 })] });
    const dir = join(scratch, 'sharded');
    await saveModel(model, dir);
    const bytes = model.countParams() * 4;
    const shards = Math.ceil(bytes / (4 * 1024 * 1024));
    expect(shards).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['group1-shard1of2.bin', 'group1-shard2of2.bin', 'model.json']);
    expect(readFileSync(join(dir, 'group1-shard1of2.bin')).length).toBe(4 * 1024 * 1024);
    const { model: loaded } = await loadModel(join(dir, 'model.json'));
    const x = tf.tensor2d([[1, 5, 1099, 0, 3, 3, 7, 8, 9, 10]]);
    const [a, b] = [model.predict(x), loaded.predict(x)];
    expect(maxAbsDiff(a, b)).toBe(0);
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
  });

  it('refuses to replace an existing model unless overwrite: true, and never replaces a non-model directory', async () => {
    const dir = join(scratch, 'existing');
    const first = forecaster(1);
    const second = forecaster(2);
    await saveModel(first, dir);
    const error = await refusal(saveModel(second, dir));
    expect(error.code).toBe('IO_ERROR');
    expect(error.message).toContain('overwrite: true');
    await saveModel(second, dir, { overwrite: true });
    const { model: loaded } = await loadModel(dir);
    await expectSamePredictions(second, loaded);
    const precious = join(scratch, 'precious');
    mkdirSync(precious);
    writeFileSync(join(precious, 'thesis.tex'), 'do not delete');
    expect((await refusal(saveModel(first, precious, { overwrite: true }))).message).toContain('holds no model.json');
    expect(readFileSync(join(precious, 'thesis.tex'), 'utf8')).toBe('do not delete');
    [first, second, loaded].forEach((m) => m.dispose());
  });

  it('is atomic: a write failing mid-save leaves the previous model intact and no temporary files', async () => {
    const dir = join(scratch, 'atomic');
    const old = forecaster(3);
    await saveModel(old, dir);
    const oldJson = readFileSync(join(dir, 'model.json'), 'utf8');
    let seenDuringSave: string | null = null;
    let opened = 0;
    const failing: FileSystem = {
      ...fs,
      open: (async (path: string, flags?: string) => {
        if (flags === 'wx' && ++opened === 2) {
          seenDuringSave = readFileSync(join(dir, 'model.json'), 'utf8'); // the target, mid-save
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        }
        return fs.open(path, flags);
      }) as FileSystem['open'],
    };
    const model = forecaster(4);
    const artifacts = await (await import('./model-to-artifacts.js')).modelToArtifacts(model);
    const error = await refusal((modelDirectory(dir, { overwrite: true, fs: failing }).save as (a: tf.io.ModelArtifacts) => Promise<unknown>)(artifacts));
    expect(error.code).toBe('IO_ERROR');
    expect(error.message).toContain('ENOSPC');
    expect(seenDuringSave).toBe(oldJson);
    expect(readFileSync(join(dir, 'model.json'), 'utf8')).toBe(oldJson);
    expect(readdirSync(scratch).filter((name) => name.startsWith('.atomic'))).toEqual([]);
    const { model: loaded } = await loadModel(dir);
    await expectSamePredictions(old, loaded);
    [old, model, loaded].forEach((m) => m.dispose());
  });

  it('a failed first save leaves no target directory at all', async () => {
    const dir = join(scratch, 'never');
    const failing: FileSystem = { ...fs, rename: (async () => { throw new Error('EIO: i/o error'); }) as FileSystem['rename'] };
    const model = forecaster(5);
    const artifacts = await (await import('./model-to-artifacts.js')).modelToArtifacts(model);
    await refusal((modelDirectory(dir, { fs: failing }).save as (a: tf.io.ModelArtifacts) => Promise<unknown>)(artifacts));
    expect(existsSync(dir)).toBe(false);
    expect(readdirSync(scratch).filter((name) => name.startsWith('.never'))).toEqual([]);
    model.dispose();
  });

  it('refuses an unbuilt model with NOT_BUILT', async () => {
    const model = sequential({ layers: [lstm({ units: 2 })] });
    expect((await refusal(saveModel(model, join(scratch, 'unbuilt')))).code).toBe('NOT_BUILT');
  });
});

describe('metadata and extra weight groups', () => {
  const scaler = { kind: 'standard', version: 1, mean: [12.5, 3], std: [2, 0.5], toJSON() { return { kind: this.kind, version: this.version, mean: this.mean, std: this.std }; } };

  it('carries scaler, tokenizer, window, history and custom JSON through userDefinedMetadata', async () => {
    const model = forecaster();
    const dir = join(scratch, 'meta');
    await saveModel(model, dir, {
      metadata: {
        scaler,
        tokenizer: { kind: 'char', version: 1, vocabulary: ['a', 'b'] },
        window: { window: 8, horizon: 1, inputColumns: ['temp', 'humidity'], targetColumns: ['temp'] },
        history: { loss: [0.5, 0.25, Number.NaN], val_loss: [0.6, 0.3, 0.2] },
        trainer: { optimizer: 'adam', epoch: 3 },
      },
    });
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as { userDefinedMetadata: Record<string, unknown> };
    expect(json.userDefinedMetadata['rnnkit']).toEqual({ version: '0.1.0' });
    const { model: loaded, metadata } = await loadModel(dir);
    expect(metadata.rnnkitVersion).toBe('0.1.0');
    expect(metadata.scaler).toEqual({ kind: 'standard', version: 1, mean: [12.5, 3], std: [2, 0.5] });
    expect(metadata.tokenizer).toEqual({ kind: 'char', version: 1, vocabulary: ['a', 'b'] });
    expect(metadata.window).toEqual({ window: 8, horizon: 1, inputColumns: ['temp', 'humidity'], targetColumns: ['temp'] });
    expect(metadata.history).toEqual({ loss: [0.5, 0.25, null], val_loss: [0.6, 0.3, 0.2] });
    expect(metadata.all['trainer']).toEqual({ optimizer: 'adam', epoch: 3 });
    // After training elsewhere (Keras), the same metadata goes back with the new weights.
    await saveModel(loaded, join(scratch, 'meta-again'), { metadata: metadata.all });
    const again = await loadModel(join(scratch, 'meta-again'));
    expect(again.metadata.all).toEqual(metadata.all);
    again.model.dispose();
    model.dispose();
    loaded.dispose();
  });

  it('refuses metadata JSON cannot hold, a bad window, and the reserved key', async () => {
    const model = forecaster();
    const target = tf.io.withSaveHandler(async () => ({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }));
    expect((await refusal(saveModel(model, target, { metadata: { rnnkit: 1 } }))).message).toContain("'rnnkit' is reserved");
    expect((await refusal(saveModel(model, target, { metadata: { window: { window: 0 } } }))).code).toBe('INVALID_ARGUMENT');
    expect((await refusal(saveModel(model, target, { metadata: { bad: { f: Number.POSITIVE_INFINITY } } }))).message).toContain('non-finite');
    model.dispose();
  });

  it('stores extra weight groups beside the weights (tf.layers skips them) and loads them on request', async () => {
    const model = forecaster();
    const m = tf.tensor2d([[1, 2], [3, 4]]);
    const step = tf.scalar(7, 'int32');
    const dir = join(scratch, 'groups');
    await saveModel(model, dir, { weightGroups: { optimizer: { 'gru/kernel/m': m, iterations: step }, ema: [{ name: 'dense/bias', tensor: tf.ones([1]) }] } });
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as { weightsManifest: { weights: { name: string; group?: string }[] }[]; userDefinedMetadata: Record<string, unknown> };
    expect(json.weightsManifest[0]?.weights.filter((w) => w.group === 'optimizer').map((w) => w.name)).toEqual(['optimizer/gru/kernel/m', 'optimizer/iterations', 'ema/dense/bias']);
    expect(json.userDefinedMetadata['rnnkit']).toEqual({ version: '0.1.0', weightGroups: ['optimizer', 'ema'] });
    const before = tf.memory().numTensors;
    const plain = await loadModel(dir);
    expect(plain.weightGroups).toEqual({});
    plain.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const { model: loaded, weightGroups } = await loadModel(dir, { weightGroups: ['optimizer'] });
    expect(Object.keys(weightGroups)).toEqual(['optimizer']);
    expect(await weightGroups['optimizer']?.['gru/kernel/m']?.array()).toEqual([[1, 2], [3, 4]]);
    expect(weightGroups['optimizer']?.['iterations']?.dtype).toBe('int32');
    expect(await weightGroups['optimizer']?.['iterations']?.array()).toBe(7);
    await expectSamePredictions(model, loaded);
    tf.dispose(Object.values(weightGroups).flatMap((g) => Object.values(g)));
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([m, step]);
    model.dispose();
  });
});

describe('other targets', () => {
  it('saves to and loads from any IOHandler (in memory)', async () => {
    const model = forecaster();
    let saved: tf.io.ModelArtifacts | null = null;
    await saveModel(model, tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }));
    const { model: loaded } = await loadModel(tf.io.fromMemory(saved as unknown as tf.io.ModelArtifacts));
    await expectSamePredictions(model, loaded);
    model.dispose();
    loaded.dispose();
  });

  it('refuses IO routes that do not exist in Node with UNSUPPORTED naming the scheme', async () => {
    const model = forecaster();
    expect((await refusal(saveModel(model, 'indexeddb://my-model'))).message).toContain("'indexeddb://'");
    expect((await refusal(loadModel('indexeddb://my-model'))).code).toBe('UNSUPPORTED');
    model.dispose();
  });

  it('reports a missing directory as IO_ERROR', async () => {
    const error = await refusal(loadModel(join(scratch, 'nope')));
    expect(error.code).toBe('IO_ERROR');
    expect(error.message).toContain('does not exist');
  });
});
