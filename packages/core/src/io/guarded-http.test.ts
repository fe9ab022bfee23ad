import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isRnnkitError } from '../errors.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { fakeServer } from './__fixtures__/fake-server.js';
import { fixtureRoot } from './__fixtures__/fixture-files.js';
import { loadModel } from './load-model.js';

beforeAll(useCpuBackend);

const base = 'https://models.example/gru';
const modelJson = readFileSync(join(fixtureRoot, 'gru-reset-after', 'model.json'), 'utf8');
const shard = new Uint8Array(readFileSync(join(fixtureRoot, 'gru-reset-after', 'group1-shard1of1.bin')));

describe('loadModel over HTTP (tfjs io.http behind a checking fetch)', () => {
  it('loads model.json and the shard beside it', async () => {
    const server = fakeServer({ [`${base}/model.json`]: modelJson, [`${base}/group1-shard1of1.bin`]: shard });
    const { model } = await loadModel(`${base}/model.json`, { fetchFunc: server.fetch });
    expect(server.requests).toEqual([`${base}/model.json`, `${base}/group1-shard1of1.bin`]);
    const y = model.predict(tf.zeros([1, 6, 2]));
    expect(y.shape).toEqual([1, 1]);
    y.dispose();
    model.dispose();
  });

  it('refuses a bad model.json before requesting any shard', async () => {
    const forged = modelJson.replace('"group1-shard1of1.bin"', '"../../private/keys.bin"');
    const server = fakeServer({ [`${base}/model.json`]: forged });
    const error = await loadModel(`${base}/model.json`, { fetchFunc: server.fetch }).catch((e: unknown) => e);
    expect(isRnnkitError(error, 'CORRUPT_FILE')).toBe(true);
    expect(server.requests).toEqual([`${base}/model.json`]);
  });

  it('stops reading a shard response that runs past the declared bytes, and a model.json past maxJsonBytes', async () => {
    const long = new Uint8Array(shard.length + 1_000_000);
    const server = fakeServer({ [`${base}/model.json`]: modelJson, [`${base}/group1-shard1of1.bin`]: long });
    const error = await loadModel(`${base}/model.json`, { fetchFunc: server.fetch }).catch((e: unknown) => e);
    expect(isRnnkitError(error, 'CORRUPT_FILE')).toBe(true);
    expect((error as Error).message).toContain('longer than the bytes the manifest declares');
    const small = await loadModel(`${base}/model.json`, { fetchFunc: server.fetch, maxJsonBytes: 1000 }).catch((e: unknown) => e);
    expect((small as Error).message).toContain('maxJsonBytes');
  });

  it('reports HTTP failures as IO_ERROR', async () => {
    const server = fakeServer({});
    const error = await loadModel(`${base}/model.json`, { fetchFunc: server.fetch }).catch((e: unknown) => e);
    expect(isRnnkitError(error, 'IO_ERROR')).toBe(true);
    expect((error as Error).message).toContain('404');
  });
});
