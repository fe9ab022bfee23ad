// Node's file system, loaded only when a directory path is used, through an import bundlers
// leave alone (so browser bundles of @rnnkit/core never see `node:` modules). Tests inject a
// wrapped file system to fail a write on purpose.

import type * as NodeFs from 'node:fs/promises';
import type * as NodePath from 'node:path';
import { RnnkitError } from '../errors.js';

/** The parts of `node:fs/promises` the directory code uses. */
export type FileSystem = Pick<typeof NodeFs, 'open' | 'mkdir' | 'rename' | 'rm' | 'stat' | 'readFile' | 'realpath' | 'readdir'>;

/** The file system and path helpers for one directory operation. */
export type NodeModules = { fs: FileSystem; path: typeof NodePath };

const load = (specifier: string): Promise<unknown> => import(/* webpackIgnore: true */ /* @vite-ignore */ specifier);

/** Imports `node:fs/promises` and `node:path` (or uses `fs` when given); UNSUPPORTED outside Node. */
export async function nodeModules(where: string, fs?: FileSystem): Promise<NodeModules> {
  const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
  if (!isNode) {
    throw new RnnkitError('UNSUPPORTED', `${where}: a directory path needs Node.js; in a browser pass a URL, 'indexeddb://name' or an IOHandler`);
  }
  const [fsModule, pathModule] = await Promise.all([fs ? Promise.resolve(fs) : load('node:fs/promises'), load('node:path')]);
  return { fs: fsModule as FileSystem, path: pathModule as typeof NodePath };
}
