// Crash-safe file writes: the bytes go to a temporary file beside the target, are flushed to
// disk (fsync), and only then renamed over the target. rename() within a directory is atomic
// on POSIX and on Windows (MoveFileEx with replace), so a reader — or a run resumed after a
// crash — sees the old file or the new one, never half of one.

import { RnnkitError } from '@rnnkit/core';
import { nodeFs } from './node-fs.js';

/** The few file operations an atomic write needs (node:fs/promises by default; injectable for tests). */
export interface AtomicWriteFileSystem {
  open(path: string, flags: 'wx'): Promise<{ write(data: Uint8Array): Promise<unknown>; sync(): Promise<void>; close(): Promise<void> }>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

/** Options of {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /**
   * File operations to use.
   * @default node:fs/promises
   */
  fileSystem?: AtomicWriteFileSystem;
}

async function nodeFileSystem(): Promise<AtomicWriteFileSystem> {
  const fs = nodeFs('writeFileAtomic');
  return {
    open: async (path, flags) => {
      const handle = await fs.open(path, flags);
      return { write: (data) => handle.writeFile(data), sync: () => handle.sync(), close: () => handle.close() };
    },
    rename: fs.rename,
    unlink: fs.unlink,
  };
}

/**
 * Writes `data` to `path` atomically: temp file, fsync, rename. On failure the previous file at
 * `path` is untouched, the temp file removed, and an `IO_ERROR` RnnkitError thrown.
 *
 * @example
 * ```ts
 * await writeFileAtomic('run/checkpoint.json', JSON.stringify(state));
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const fs = options.fileSystem ?? (await nodeFileSystem());
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const temp = `${path}.${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}.tmp`;
  let created = false;
  try {
    const handle = await fs.open(temp, 'wx');
    created = true;
    try {
      await handle.write(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, path);
  } catch (cause) {
    if (created) await fs.unlink(temp).catch(() => undefined);
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new RnnkitError('IO_ERROR', `writeFileAtomic: could not write ${path} (${reason}); the previous file, if any, is unchanged`, { path }, { cause });
  }
}
