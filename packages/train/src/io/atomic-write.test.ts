import { mkdtemp, open, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RnnkitError } from '@rnnkit/core';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write.js';
import type { AtomicWriteFileSystem } from './atomic-write.js';

/** Real file operations, except that `write` puts half the bytes on disk and then fails. */
function failingMidWrite(): AtomicWriteFileSystem {
  return {
    open: async (path, flags) => {
      const handle = await open(path, flags);
      return {
        write: async (data) => {
          await handle.writeFile(data.subarray(0, Math.floor(data.length / 2)));
          throw new Error('ENOSPC: no space left on device (simulated)');
        },
        sync: () => handle.sync(),
        close: () => handle.close(),
      };
    },
    rename,
    unlink,
  };
}

describe('writeFileAtomic', () => {
  it('writes the file and leaves no temp file behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rnnkit-atomic-'));
    const path = join(dir, 'checkpoint.json');
    await writeFileAtomic(path, '{"epoch":1}');
    await writeFileAtomic(path, '{"epoch":2}');
    expect(await readFile(path, 'utf8')).toBe('{"epoch":2}');
    expect(await readdir(dir)).toEqual(['checkpoint.json']);
  });

  it('a failure mid-save leaves the previous checkpoint intact and removes the partial temp file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rnnkit-atomic-'));
    const path = join(dir, 'checkpoint.json');
    const previous = JSON.stringify({ epoch: 3, weights: 'x'.repeat(1000) });
    await writeFile(path, previous);
    const next = JSON.stringify({ epoch: 4, weights: 'y'.repeat(100_000) });
    const save = writeFileAtomic(path, next, { fileSystem: failingMidWrite() });
    await expect(save).rejects.toThrow(RnnkitError);
    await expect(writeFileAtomic(path, next, { fileSystem: failingMidWrite() })).rejects.toThrow(/could not write .*ENOSPC.*previous file, if any, is unchanged/);
    expect(await readFile(path, 'utf8')).toBe(previous);
    expect(await readdir(dir)).toEqual(['checkpoint.json']);
  });

  it('a write into a missing directory fails with IO_ERROR', async () => {
    const err = await writeFileAtomic('/nonexistent-dir-rnnkit/x.json', '{}').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RnnkitError);
    expect((err as RnnkitError).code).toBe('IO_ERROR');
  });
});
