// Node's file system, loaded only when a directory path is used, through an import bundlers
// leave alone (so browser bundles of @rnnkit/core never see `node:` modules). The types below are
// the few calls used, written out so the published typings need no @types/node. Tests inject a
// wrapped file system to fail a write on purpose.

import { RnnkitError } from '../errors.js';

/** An open file (the subset of Node's `FileHandle` used). */
export interface FileHandleLike {
  writeFile(data: string | Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** File facts (the subset of Node's `Stats` used). */
export interface FileStats {
  isFile(): boolean;
  isDirectory(): boolean;
  size: number;
}

/** The calls of `node:fs/promises` the directory code makes. */
export interface FileSystem {
  open(path: string, flags: string): Promise<FileHandleLike>;
  mkdir(path: string, options?: { recursive?: boolean }): Promise<unknown>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { recursive: boolean; force: boolean }): Promise<void>;
  stat(path: string): Promise<FileStats>;
  readFile(path: string): Promise<Uint8Array>;
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  realpath(path: string): Promise<string>;
  readdir(path: string): Promise<string[]>;
}

/** The calls of `node:path` used. */
export interface PathModule {
  resolve(...paths: string[]): string;
  dirname(path: string): string;
  basename(path: string): string;
  join(...paths: string[]): string;
  readonly sep: string;
}

/** The file system and path helpers for one directory operation. */
export type NodeModules = { fs: FileSystem; path: PathModule };

const load = (specifier: string): Promise<unknown> => import(/* webpackIgnore: true */ /* @vite-ignore */ specifier);

/** `true` when running in Node.js (where a plain string is a directory path, not a relative URL). */
export function isNodeRuntime(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

/** Imports `node:fs/promises` and `node:path` (or uses `fs` when given); UNSUPPORTED outside Node. */
export async function nodeModules(where: string, fs?: FileSystem, inNode = isNodeRuntime()): Promise<NodeModules> {
  if (!inNode) {
    throw new RnnkitError('UNSUPPORTED', `${where}: a directory path needs Node.js; in a browser pass a URL, 'indexeddb://name' or an IOHandler`);
  }
  const [fsModule, pathModule] = await Promise.all([fs ? Promise.resolve(fs) : load('node:fs/promises'), load('node:path')]);
  return { fs: fsModule as FileSystem, path: pathModule as PathModule };
}
