// Reads a model directory (Node) as untrusted input: model.json is size-capped, parsed and
// checked first; each shard path must resolve (after symlinks) inside the directory to a regular
// file, and the shard sizes must add up to what the manifest declares — all before a shard is read.

import { corruptFile, ioError } from './io-errors.js';
import { parseJsonSafely } from './json-guard.js';
import type { LoadLimits } from './load-limits.js';
import { checkModelJson } from './model-json.js';
import type { CheckedModelJson } from './model-json.js';
import { nodeModules } from './node-modules.js';
import type { FileSystem } from './node-modules.js';
import { checkWeightDataLength } from './weight-data.js';

/** A read model directory: the checked model.json and the shard bytes in manifest order. */
export type ModelDirectory = { json: CheckedModelJson; weightData: ArrayBuffer[]; jsonPath: string };

/** Reads `source` (a directory holding model.json, or the model.json file itself). */
export async function readModelDirectory(source: string, limits: Required<LoadLimits>, injected?: FileSystem): Promise<ModelDirectory> {
  const { fs, path } = await nodeModules('loadModel', injected);
  const resolved = path.resolve(source);
  const missing = (what: string) => (cause: NodeJS.ErrnoException) => {
    throw cause.code === 'ENOENT' ? ioError(`loadModel: '${resolved}'`, `${what} does not exist`, undefined, { reason: 'ENOENT' }) : ioError(`loadModel: '${resolved}'`, `cannot read ${what}`, cause);
  };
  const first = await fs.stat(resolved).catch(missing('the model'));
  const jsonPath = first.isDirectory() ? path.join(resolved, 'model.json') : resolved;
  const dir = path.dirname(jsonPath);
  const jsonStats = await fs.stat(jsonPath).catch(missing('model.json'));
  if (!jsonStats.isFile()) throw corruptFile(jsonPath, 'is not a regular file');
  if (jsonStats.size > limits.maxJsonBytes) throw corruptFile(jsonPath, `is ${jsonStats.size} bytes, more than maxJsonBytes = ${limits.maxJsonBytes}`);
  const text = await fs.readFile(jsonPath, 'utf8').catch(missing('model.json'));
  const json = checkModelJson(parseJsonSafely(text, jsonPath), jsonPath, limits);
  const realDir = await fs.realpath(dir);
  const shards: string[] = [];
  for (const group of json.manifest) {
    let bytes = 0;
    for (const relative of group.paths) {
      const real = await fs.realpath(path.join(dir, relative)).catch((cause: NodeJS.ErrnoException) => {
        throw cause.code === 'ENOENT' ? corruptFile(jsonPath, `shard '${relative}' is missing`, { path: relative }) : ioError(jsonPath, `cannot read shard '${relative}'`, cause);
      });
      if (!real.startsWith(realDir + path.sep)) throw corruptFile(jsonPath, `shard '${relative}' resolves outside the model directory`, { path: relative });
      const stats = await fs.stat(real);
      if (!stats.isFile()) throw corruptFile(jsonPath, `shard '${relative}' is not a regular file`, { path: relative });
      bytes += stats.size;
      shards.push(real);
    }
    if (bytes !== group.byteLength) {
      const how = bytes < group.byteLength ? 'truncated' : 'longer than declared';
      throw corruptFile(jsonPath, `weight shards are ${how}: the manifest declares ${group.byteLength} bytes in ${group.paths.join(', ')}, the files hold ${bytes}`, { expected: group.byteLength, actual: bytes });
    }
  }
  const weightData: ArrayBuffer[] = [];
  for (const shard of shards) {
    const bytes = await fs.readFile(shard);
    weightData.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  }
  checkWeightDataLength(weightData, json.totalBytes, jsonPath);
  return { json, weightData, jsonPath };
}
