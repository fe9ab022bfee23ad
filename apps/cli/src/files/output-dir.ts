// Output directories written atomically: everything goes into a hidden staging directory
// beside the target, which is renamed into place only when the command succeeded. A reader
// never sees a half-written directory, and a failed or interrupted run leaves the old one.
// An existing target is replaced only with --force, or when it carries this command's marker
// file (the demo replaces its own previous output).

import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError } from '../cli-error.js';

/** Options of {@link stageOutputDir}. */
export interface StageOutputDirOptions {
  /**
   * Replace an existing target.
   * @default false
   */
  readonly force?: boolean;
  /**
   * A marker file name written into the directory; an existing target holding it may be
   * replaced without `force` (it is this command's own earlier output).
   * @default undefined (no marker: an existing target always needs `force`)
   */
  readonly marker?: string;
  /**
   * Contents of the marker file.
   * @default '{}'
   */
  readonly markerContents?: string;
  /**
   * The option that names the target, for messages.
   * @default '--out'
   */
  readonly option?: string;
}

/** A staging directory to fill, then {@link StagedDir.commit} or {@link StagedDir.discard}. */
export interface StagedDir {
  /** Where to write now (hidden, beside the target). */
  readonly path: string;
  /** Where the files end up. */
  readonly target: string;
  /** Renames the staging directory into place (replacing the old target). */
  commit(): Promise<void>;
  /** Deletes the staging directory; safe to call after commit. */
  discard(): Promise<void>;
}

async function kindOf(path: string): Promise<'missing' | 'dir' | 'other'> {
  try {
    return (await stat(path)).isDirectory() ? 'dir' : 'other';
  } catch {
    return 'missing';
  }
}

/** Staging directories not yet committed or discarded, for {@link discardStagedSync}. */
const open = new Set<string>();

/**
 * Deletes every staging directory still open, synchronously (the process is about to exit on a
 * second Ctrl-C and cannot await).
 *
 * @example
 * ```ts
 * process.on('exit', discardStagedSync);
 * ```
 */
export function discardStagedSync(): void {
  for (const path of open) rmSync(path, { recursive: true, force: true });
  open.clear();
}

function suffix(): string {
  return `${process.pid}-${randomBytes(4).toString('hex')}`;
}

/**
 * Checks that `target` may be written and creates its staging directory.
 *
 * @example
 * ```ts
 * const staged = await stageOutputDir('./model', { force: false });
 * try {
 *   await writeFile(join(staged.path, 'report.html'), html);
 *   await staged.commit();
 * } finally {
 *   await staged.discard();
 * }
 * ```
 */
export async function stageOutputDir(target: string, options: StageOutputDirOptions = {}): Promise<StagedDir> {
  const { force = false, marker, markerContents = '{}', option = '--out' } = options;
  const absolute = resolve(target);
  const existing = await kindOf(absolute);
  if (existing === 'other') {
    throw new CliError('usage', `${option} ${target} exists and is not a directory`, `choose another ${option}`);
  }
  if (existing === 'dir' && !force) {
    const ours = marker !== undefined && (await kindOf(join(absolute, marker))) === 'other';
    if (!ours) {
      throw new CliError('usage', `${option} ${target} already exists`, `pass --force to replace it, or choose another ${option}`);
    }
  }
  const parent = dirname(absolute);
  await mkdir(parent, { recursive: true });
  const path = join(parent, `.${basename(absolute)}.tmp-${suffix()}`);
  await mkdir(path);
  open.add(path);
  let committed = false;
  return {
    path,
    target: absolute,
    async commit() {
      if (marker !== undefined) await writeFile(join(path, marker), markerContents);
      if ((await kindOf(absolute)) === 'missing') {
        await rename(path, absolute);
      } else {
        const old = join(parent, `.${basename(absolute)}.old-${suffix()}`);
        await rename(absolute, old);
        await rename(path, absolute);
        await rm(old, { recursive: true, force: true });
      }
      committed = true;
      open.delete(path);
    },
    async discard() {
      if (!committed) await rm(path, { recursive: true, force: true });
      open.delete(path);
    },
  };
}

/**
 * Writes a file atomically: a temporary file beside it, then a rename.
 *
 * @example
 * ```ts
 * await writeFileAtomic('forecast.csv', 'step,value\n1,12.5\n');
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const absolute = resolve(path);
  await mkdir(dirname(absolute), { recursive: true });
  const temp = join(dirname(absolute), `.${basename(absolute)}.tmp-${suffix()}`);
  try {
    await writeFile(temp, data);
    await rename(temp, absolute);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
