// Test helpers: paths of the Keras fixtures, their model.json and concatenated shard bytes, and
// deterministic inputs for each.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const fixtureRoot = join(dirname(fileURLToPath(import.meta.url)), 'keras');

export const fixtureNames = ['lstm-dense', 'gru-reset-after', 'gru-reset-before', 'embedding-bidirectional', 'masking-simplernn', 'keras3-gru'] as const;

/** The fixture's model.json (parsed) and its shards concatenated in manifest order. */
export function readFixture(name: string): { dir: string; json: Record<string, unknown>; bytes: Uint8Array } {
  const dir = join(fixtureRoot, name);
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as Record<string, unknown>;
  const paths = (json['weightsManifest'] as { paths: string[] }[]).flatMap((g) => g.paths);
  const parts = paths.map((p) => readFileSync(join(dir, p)));
  return { dir, json, bytes: new Uint8Array(Buffer.concat(parts)) };
}

/** `[batch, T, F]` values in [−1, 1) from a seeded LCG, with `zeroSteps` (b, t) set to all zeros. */
export function sequenceInput(batch: number, steps: number, features: number, seed: number, zeroSteps: [number, number][] = []): number[][][] {
  let state = seed;
  const next = (): number => {
    state = (state * 16807) % 2147483647;
    return Math.fround((state / 2147483647) * 2 - 1);
  };
  const x = Array.from({ length: batch }, () => Array.from({ length: steps }, () => Array.from({ length: features }, next)));
  for (const [b, t] of zeroSteps) x[b]![t] = new Array<number>(features).fill(0);
  return x;
}
