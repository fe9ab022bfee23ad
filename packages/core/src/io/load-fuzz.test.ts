// Fuzzing the loader (fast-check): truncated shards, flipped bytes, random JSON, random mutations
// of a valid model.json. Whatever the input, loadModel either returns a model or rejects with an
// RnnkitError of a loader code — never another exception, never a hang, never a leaked tensor.

import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isRnnkitError } from '../errors.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { fakeServer } from './__fixtures__/fake-server.js';
import { fixtureRoot } from './__fixtures__/fixture-files.js';
import { loadModel } from './load-model.js';

beforeAll(useCpuBackend);

type Files = { json: string; shards: Uint8Array[]; paths: string[] };
const fixtures = ['lstm-dense', 'embedding-bidirectional', 'masking-simplernn', 'keras3-gru'].map((name): Files => {
  const json = readFileSync(join(fixtureRoot, name, 'model.json'), 'utf8');
  const paths = (JSON.parse(json) as { weightsManifest: { paths: string[] }[] }).weightsManifest.flatMap((g) => g.paths);
  return { json, paths, shards: paths.map((p) => new Uint8Array(readFileSync(join(fixtureRoot, name, p)))) };
});

const allowed = new Set(['CORRUPT_FILE', 'UNSUPPORTED', 'NON_FINITE', 'IO_ERROR']);
let url = 0;

/** Loads the files over a fake server; fails the property on a foreign error, a leak or a hang. */
async function loadSafely(files: Files, checkFinite = false): Promise<'loaded' | string> {
  const base = `https://fuzz.example/${url++}`;
  const server = fakeServer(Object.fromEntries([[`${base}/model.json`, files.json], ...files.paths.map((p, i) => [`${base}/${p}`, files.shards[i] as Uint8Array])]));
  const before = tf.memory().numTensors;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('loadModel hung for 5 s')), 5000);
  });
  try {
    const { model } = await Promise.race([loadModel(`${base}/model.json`, { fetchFunc: server.fetch, checkFinite }), hang]);
    model.dispose();
    return 'loaded';
  } catch (error) {
    if (!isRnnkitError(error) || !allowed.has(error.code)) throw error;
    return error.code;
  } finally {
    clearTimeout(timer);
    expect(tf.memory().numTensors).toBe(before);
  }
}

const fixture = fc.constantFrom(...fixtures);
const runs = { numRuns: 40 };

/** Every path to a value in a JSON tree. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => paths((value as Record<string | number, unknown>)[k], [...prefix, k]))];
}

function mutate(text: string, pick: number, replacement: unknown, remove: boolean): string {
  const root = JSON.parse(text) as Record<string, unknown>;
  const all = paths(root).filter((p) => p.length > 0);
  const path = all[pick % all.length] as (string | number)[];
  const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((node, k) => node[k] as Record<string | number, unknown>, root);
  const key = path[path.length - 1] as string | number;
  if (remove && !Array.isArray(parent)) delete parent[key];
  else parent[key] = replacement;
  return JSON.stringify(root);
}

describe('loadModel under fuzzing never crashes, hangs or leaks', () => {
  it('truncated shards are refused as CORRUPT_FILE', async () => {
    await fc.assert(
      fc.asyncProperty(fixture, fc.nat(), fc.nat(), async (files, which, cut) => {
        const i = which % files.shards.length;
        const shard = files.shards[i] as Uint8Array;
        const shards = files.shards.map((s, k) => (k === i ? s.subarray(0, cut % s.length) : s));
        expect(await loadSafely({ ...files, shards })).toBe(shard.length === 0 ? 'loaded' : 'CORRUPT_FILE');
      }),
      { ...runs, seed: 15 },
    );
  });

  it('flipped bytes in the shards load or (with checkFinite) are refused as NON_FINITE', async () => {
    await fc.assert(
      fc.asyncProperty(fixture, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }), fc.boolean(), async (files, flips, checkFinite) => {
        const shards = files.shards.map((s) => s.slice());
        for (const [at, mask] of flips) {
          const shard = shards[at % shards.length] as Uint8Array;
          shard[at % shard.length] = (shard[at % shard.length] as number) ^ mask;
        }
        expect(['loaded', 'NON_FINITE']).toContain(await loadSafely({ ...files, shards }, checkFinite));
      }),
      { ...runs, seed: 16 },
    );
  });

  it('flipped characters in model.json', async () => {
    await fc.assert(
      fc.asyncProperty(fixture, fc.array(fc.tuple(fc.nat(), fc.constantFrom('{', '}', '[', '"', ':', ',', '0', '9', '-', 'e', 'x', ' ', '\\', '/', '.')), { minLength: 1, maxLength: 4 }), async (files, flips) => {
        const chars = [...files.json];
        for (const [at, c] of flips) chars[at % chars.length] = c;
        await loadSafely({ ...files, json: chars.join('') });
      }),
      { ...runs, seed: 17 },
    );
  });

  it('random JSON as model.json', async () => {
    await fc.assert(
      fc.asyncProperty(fixture, fc.json({ depthSize: 'medium' }), async (files, json) => {
        expect(await loadSafely({ ...files, json })).not.toBe('loaded');
      }),
      { ...runs, seed: 18 },
    );
  });

  it('random mutations of artifacts handed over by an IOHandler (io.fromMemory)', async () => {
    await fc.assert(
      fc.asyncProperty(fixture, fc.nat(), fc.jsonValue({ maxDepth: 2 }), fc.boolean(), async (files, pick, value, remove) => {
        const json = JSON.parse(files.json) as { modelTopology: object; weightsManifest: { weights: object[] }[]; format: string };
        const artifacts = JSON.parse(mutate(JSON.stringify({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((g) => g.weights), format: json.format }), pick, value, remove)) as tf.io.ModelArtifacts;
        const bytes = new Uint8Array(files.shards.reduce((n, s) => n + s.length, 0));
        let offset = 0;
        for (const shard of files.shards) {
          bytes.set(shard, offset);
          offset += shard.length;
        }
        const before = tf.memory().numTensors;
        const outcome = await loadModel(tf.io.fromMemory({ ...artifacts, weightData: bytes.buffer })).then(
          ({ model }) => {
            model.dispose();
            return 'loaded';
          },
          (error: unknown) => {
            if (!isRnnkitError(error) || !allowed.has(error.code)) throw error;
            return error.code;
          },
        );
        expect(typeof outcome).toBe('string');
        expect(tf.memory().numTensors).toBe(before);
      }),
      { numRuns: 60, seed: 13 },
    );
  });

  it('random mutations of a valid model.json (replace a value anywhere, or delete a key)', async () => {
    const replacement = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.integer({ min: -5, max: 1e7 }), fc.constantFrom(null, true, '', 'selu', 'Sequential', [null, 5, 3], [1e6, 1e6], '__proto__'));
    await fc.assert(
      fc.asyncProperty(fixture, fc.nat(), replacement, fc.boolean(), async (files, pick, value, remove) => {
        await loadSafely({ ...files, json: mutate(files.json, pick, value, remove) });
      }),
      { numRuns: 150, seed: 14 },
    );
  });
});
