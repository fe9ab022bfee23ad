// Writes a model directory atomically (Node): every file goes into a fresh temporary directory
// beside the target and is fsynced, then the directory is renamed into place. A crash or error
// mid-save leaves the target as it was (at worst a `.name.saving-*` directory to delete). An
// existing target is replaced only with `overwrite: true`, and only when it holds a model.json
// (or nothing), so a mistyped path cannot wipe an unrelated directory.

import { ioError } from './io-errors.js';
import { nodeModules } from './node-modules.js';
import type { FileSystem } from './node-modules.js';

/** One file of the model directory. */
export type ModelFile = { name: string; data: string | Uint8Array };

/** Options of {@link writeModelDirectory}. */
export type WriteDirectoryOptions = {
  /** Replace an existing model directory. */
  overwrite: boolean;
  /** File system to use instead of `node:fs/promises` (tests inject failures through it). */
  fs?: FileSystem;
};

let counter = 0;

/** Writes `files` into directory `target` (see the file header). */
export async function writeModelDirectory(target: string, files: readonly ModelFile[], options: WriteDirectoryOptions): Promise<void> {
  const { fs, path } = await nodeModules('saveModel', options.fs);
  const dir = path.resolve(target);
  const parent = path.dirname(dir);
  const where = `saveModel: '${dir}'`;
  const tag = `${process.pid}-${Date.now().toString(36)}-${counter++}`;
  await fs.mkdir(parent, { recursive: true }).catch((cause: unknown) => {
    throw ioError(where, `cannot create the parent directory '${parent}'`, cause);
  });
  const existing = await checkExisting(fs, dir, where, options.overwrite);
  const temp = path.join(parent, `.${path.basename(dir)}.saving-${tag}`);
  try {
    await fs.mkdir(temp);
    for (const file of files) await writeSynced(fs, path.join(temp, file.name), file.data);
    await syncDirectory(fs, temp);
    if (existing) {
      const old = path.join(parent, `.${path.basename(dir)}.replaced-${tag}`);
      await fs.rename(dir, old);
      try {
        await fs.rename(temp, dir);
      } catch (cause) {
        await fs.rename(old, dir).catch(() => undefined);
        throw cause;
      }
      await syncDirectory(fs, parent);
      await fs.rm(old, { recursive: true, force: true });
    } else {
      await fs.rename(temp, dir);
      await syncDirectory(fs, parent);
    }
  } catch (cause) {
    await fs.rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw ioError(where, 'saving failed; the target was left unchanged', cause);
  }
}

async function checkExisting(fs: FileSystem, dir: string, where: string, overwrite: boolean): Promise<boolean> {
  const stats = await fs.stat(dir).catch((cause: NodeJS.ErrnoException) => {
    if (cause.code === 'ENOENT') return null;
    throw ioError(where, 'cannot read the target', cause);
  });
  if (!stats) return false;
  if (!stats.isDirectory()) throw ioError(where, 'exists and is not a directory', undefined, { reason: 'EXISTS' });
  if (!overwrite) throw ioError(where, 'already exists; pass overwrite: true to replace it', undefined, { reason: 'EXISTS' });
  const entries = await fs.readdir(dir);
  if (entries.length > 0 && !entries.includes('model.json')) {
    throw ioError(where, 'exists and holds no model.json; refusing to replace a directory that is not a model', undefined, { reason: 'NOT_A_MODEL' });
  }
  return true;
}

async function writeSynced(fs: FileSystem, file: string, data: string | Uint8Array): Promise<void> {
  const handle = await fs.open(file, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsync a directory so a rename in it survives a power cut (not possible on every platform). */
async function syncDirectory(fs: FileSystem, dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}
