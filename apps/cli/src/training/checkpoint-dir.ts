// The directory a training command keeps its checkpoint in while it runs: @rnnkit/train's
// checkpoint.json (written atomically at the end of every epoch and at the batch where Ctrl-C
// stopped the run) and the CLI's rnnkit-run.json
// (the command, its settings and a fingerprint of the data), so that `--resume DIR` can
// rebuild the same run. It is removed when the command finishes; Ctrl-C leaves it for --resume.

import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError } from '../cli-error.js';
import { writeFileAtomic } from '../files/output-dir.js';

/** The file @rnnkit/train writes. */
export const CHECKPOINT_FILE = 'checkpoint.json';
/** The CLI's description of the run. */
export const RUN_FILE = 'rnnkit-run.json';
const RUN_FORMAT = 'rnnkit-cli-run';

/** What rnnkit-run.json holds. */
export interface RunRecord {
  readonly format: typeof RUN_FORMAT;
  readonly version: 1;
  /** `demo`, `forecast` or `text train`. */
  readonly command: string;
  /** The settings that shape the model and the data (not --out, --quiet…). */
  readonly settings: Readonly<Record<string, unknown>>;
  /** SHA-256 of the training data, to refuse resuming on other data. */
  readonly dataSha256: string;
}

/**
 * SHA-256 of a text, hex.
 *
 * @example
 * ```ts
 * sha256('abc'); // 'ba7816bf…'
 * ```
 */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The checkpoint directory used for an output directory: `<out>-checkpoint`. */
export function checkpointDirFor(out: string): string {
  return `${out.replace(/[\\/]+$/, '')}-checkpoint`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates the checkpoint directory and writes the run record into it. An earlier rnnkit run's
 * directory is taken over; unless `resuming`, its old checkpoint is deleted first (a new run
 * must not be resumed from another run's epochs). Returns whether an old checkpoint was dropped.
 *
 * @example
 * ```ts
 * await openCheckpointDir('model-checkpoint', record, { resuming: false });
 * ```
 */
export async function openCheckpointDir(dir: string, record: RunRecord, options: { resuming: boolean }): Promise<boolean> {
  if ((await exists(dir)) && !(await exists(join(dir, RUN_FILE)))) {
    throw new CliError('usage', `${dir} exists and is not an rnnkit checkpoint directory`, 'move it away, or choose another --out (the checkpoint goes to <out>-checkpoint)');
  }
  const dropped = !options.resuming && (await hasCheckpoint(dir));
  if (dropped) await rm(join(dir, CHECKPOINT_FILE), { force: true });
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, RUN_FILE), `${JSON.stringify(record, null, 2)}\n`);
  return dropped;
}

/** `true` when the directory holds a checkpoint (of an epoch end or of an interrupted epoch). */
export async function hasCheckpoint(dir: string): Promise<boolean> {
  return exists(join(dir, CHECKPOINT_FILE));
}

/**
 * Reads the run record of a checkpoint directory given to --resume, checking that it belongs
 * to `command` and holds a checkpoint; every refusal is a model error (exit 4).
 *
 * @example
 * ```ts
 * const run = await readCheckpointDir('model-checkpoint', 'forecast');
 * ```
 */
export async function readCheckpointDir(dir: string, command: string): Promise<RunRecord> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new CliError('model', `--resume ${dir} does not exist`, 'give the checkpoint directory printed when training was interrupted');
  if (!info.isDirectory()) throw new CliError('model', `--resume ${dir} is not a directory`, 'give the checkpoint directory printed when training was interrupted');
  let record: Partial<RunRecord> | null = null;
  try {
    record = JSON.parse(await readFile(join(dir, RUN_FILE), 'utf8')) as Partial<RunRecord>;
  } catch {
    record = null;
  }
  if (record?.format !== RUN_FORMAT || typeof record.command !== 'string' || typeof record.settings !== 'object' || record.settings === null) {
    throw new CliError('model', `--resume ${dir} is not an rnnkit checkpoint directory (no valid ${RUN_FILE})`, 'give the checkpoint directory printed when training was interrupted');
  }
  if (record.command !== command) {
    throw new CliError('model', `--resume ${dir} holds a checkpoint of \`rnnkit ${record.command}\`, not of \`rnnkit ${command}\``, `resume it with rnnkit ${record.command}`);
  }
  if (!(await hasCheckpoint(dir))) {
    throw new CliError('model', `--resume ${dir} holds no checkpoint: the run stopped before it wrote one`, 'start the run again without --resume');
  }
  return record as RunRecord;
}

/**
 * Deletes a checkpoint directory that holds no checkpoint yet (the run failed, or stopped before
 * it wrote one): there is nothing to resume.
 *
 * @example
 * ```ts
 * try { … } finally { await dropEmptyCheckpointDir(dir); }
 * ```
 */
export async function dropEmptyCheckpointDir(dir: string): Promise<void> {
  if (!(await hasCheckpoint(dir))) await closeCheckpointDir(dir);
}

/** Deletes a checkpoint directory once its run has finished (only if it is one). */
export async function closeCheckpointDir(dir: string): Promise<void> {
  if (await exists(join(dir, RUN_FILE))) await rm(dir, { recursive: true, force: true });
}

/**
 * The saved settings a resumed run uses. An option given on the command line with another
 * value than the checkpoint's is a usage error (the run would not be the same run), except the
 * `overridable` ones (the number of epochs), where the command line wins.
 *
 * @example
 * ```ts
 * const settings = resumedSettings(run.settings, options, ['units', 'epochs'], ['epochs']); // throws if the units differ
 * ```
 */
export function resumedSettings<T extends object>(saved: Readonly<Record<string, unknown>>, options: T, explicit: readonly string[], overridable: readonly string[] = []): T {
  const given = options as Readonly<Record<string, unknown>>;
  const conflicts = explicit.filter((key) => !overridable.includes(key) && key in saved && JSON.stringify(saved[key]) !== JSON.stringify(given[key]));
  if (conflicts.length > 0) {
    const list = conflicts.map((key) => `--${kebab(key)} ${JSON.stringify(given[key])} (checkpoint: ${JSON.stringify(saved[key])})`).join(', ');
    throw new CliError('usage', `--resume continues the saved run, but ${list} differ${conflicts.length === 1 ? 's' : ''} from it`, 'drop those options, or start a new run without --resume');
  }
  const kept = Object.fromEntries(overridable.filter((key) => explicit.includes(key)).map((key) => [key, given[key]]));
  // The record stores an unset option as null.
  const restored = Object.fromEntries(Object.entries(saved).map(([key, value]) => [key, value === null ? undefined : value]));
  return { ...given, ...restored, ...kept } as T;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
