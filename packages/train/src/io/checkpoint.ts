// Training checkpoints: everything a run needs to continue exactly where it stopped — weights,
// optimizer slots, RNG state, schedule and early-stopping state, epoch/step and the history so
// far — as one JSON document, written atomically. Version 2 adds `partialEpoch`: a checkpoint
// written when a run is aborted between two batches of an epoch (version 1 files still load).

import { RnnkitError } from '@rnnkit/core';
import type { RngState } from '@rnnkit/core';
import type { OptimizerState } from '../optimizers/optimizer.js';
import { writeFileAtomic } from './atomic-write.js';
import { nodeFs } from './node-fs.js';
import type { AtomicWriteOptions } from './atomic-write.js';
import type { EncodedTensor } from './tensor-codec.js';

/** Marker and version of the checkpoint format. */
export const CHECKPOINT_FORMAT = 'rnnkit-train-checkpoint';
export const CHECKPOINT_VERSION = 2;
/** Versions {@link loadCheckpoint} reads (1: epoch ends only). */
const READABLE_VERSIONS: readonly number[] = [1, 2];

/** Where an aborted epoch stopped: enough to replay its batch order and continue its totals. */
export type PartialEpoch = {
  /** Batches of epoch `epoch` already trained (the resumed run starts at this index). */
  batch: number;
  /** The loop's random stream when the epoch started (replays the shuffle of an array source). */
  epochRng: RngState;
  /** Loss sum and count of the trained batches (the epoch's logged loss is their ratio). */
  lossSum: number;
  lossCount: number;
  /** Running totals of each training metric, in `options.metrics` order. */
  metricTotals: { sum: number; count: number }[];
  /** States carried into the next batch (`carryState`), by layer index; `null` otherwise. */
  carried: Record<string, EncodedTensor[]> | null;
};

/** What a checkpoint holds. Plain JSON. */
export type Checkpoint = {
  format: typeof CHECKPOINT_FORMAT;
  version: number;
  /** Epochs completed. */
  epoch: number;
  /** Optimizer updates done. */
  step: number;
  /** Every model weight by name, bit-exact. */
  weights: Record<string, EncodedTensor>;
  optimizer: OptimizerState;
  /** State of the training loop's random stream (shuffling, dropout masks). */
  rng: RngState;
  /** Learning-rate schedule state (reduce-on-plateau), `null` without a schedule. */
  schedule: Record<string, number | null> | null;
  /** Early-stopping state, `null` without early stopping. */
  earlyStopping: { best: number | null; bestEpoch: number; wait: number; bestWeights: Record<string, EncodedTensor> | null } | null;
  /** Per-epoch logs so far. */
  history: Record<string, number>[];
  /** Set when the run was aborted inside epoch `epoch` (version 2; `null` at an epoch end). */
  partialEpoch?: PartialEpoch | null;
};

/**
 * Writes a checkpoint atomically (temp file, fsync, rename).
 *
 * @example
 * ```ts
 * await saveCheckpoint('runs/sine/checkpoint.json', checkpoint);
 * ```
 */
export async function saveCheckpoint(path: string, checkpoint: Checkpoint, options: AtomicWriteOptions = {}): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(checkpoint), options);
}

/**
 * Reads a checkpoint written by {@link saveCheckpoint}; `CORRUPT_FILE` if it is not one.
 *
 * @example
 * ```ts
 * const checkpoint = await loadCheckpoint('runs/sine/checkpoint.json');
 * ```
 */
export async function loadCheckpoint(path: string): Promise<Checkpoint> {
  const fs = nodeFs('loadCheckpoint');
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (cause) {
    throw new RnnkitError('IO_ERROR', `loadCheckpoint: cannot read ${path}: ${(cause as Error).message}`, { path }, { cause });
  }
  return parseCheckpoint(text, path);
}

/** Parses and checks a checkpoint's JSON text; `where` names it in errors. */
export function parseCheckpoint(text: string, where: string): Checkpoint {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new RnnkitError('CORRUPT_FILE', `${where}: not a checkpoint (invalid JSON: ${(cause as Error).message})`, { where }, { cause });
  }
  const c = value as Partial<Checkpoint> | null;
  if (c?.format !== CHECKPOINT_FORMAT) {
    throw new RnnkitError('CORRUPT_FILE', `${where}: not an rnnkit training checkpoint (format is ${String(c?.format)})`, { where });
  }
  if (!READABLE_VERSIONS.includes(c.version as number)) {
    throw new RnnkitError('UNSUPPORTED', `${where}: checkpoint version ${String(c.version)}, this version of @rnnkit/train reads ${READABLE_VERSIONS.join(' and ')}`, { where });
  }
  const missing = (['epoch', 'step', 'weights', 'optimizer', 'rng', 'history'] as const).filter((k) => c[k] === undefined);
  if (missing.length > 0) {
    throw new RnnkitError('CORRUPT_FILE', `${where}: checkpoint lacks ${missing.join(', ')}`, { where, missing });
  }
  if (!isCount(c.epoch) || !isCount(c.step)) {
    throw new RnnkitError('CORRUPT_FILE', `${where}: epoch and step must be non-negative integers (got ${String(c.epoch)}, ${String(c.step)})`, { where });
  }
  if (c.version === 1 && c.partialEpoch !== undefined) {
    throw new RnnkitError('CORRUPT_FILE', `${where}: a version 1 checkpoint cannot hold partialEpoch`, { where });
  }
  if (c.partialEpoch !== undefined && c.partialEpoch !== null) checkPartialEpoch(c.partialEpoch, `${where} partialEpoch`);
  return { ...(c as Checkpoint), partialEpoch: c.partialEpoch ?? null };
}

const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Checks the fields of a {@link PartialEpoch}; `CORRUPT_FILE` naming the first bad one. */
function checkPartialEpoch(value: unknown, where: string): void {
  const p = value as Partial<PartialEpoch>;
  const fail = (field: string, expected: string, actual: unknown): never => {
    throw new RnnkitError('CORRUPT_FILE', `${where}.${field}: expected ${expected}, got ${JSON.stringify(actual) ?? 'undefined'}`, { where, field });
  };
  if (typeof value !== 'object' || value === null) fail('', 'an object or null', value);
  if (!isCount(p.batch)) fail('batch', 'a non-negative integer', p.batch);
  const rng = p.epochRng as unknown;
  if (!Array.isArray(rng) || rng.length !== 4 || !rng.every((w) => isCount(w) && w <= 0xffffffff)) fail('epochRng', 'four unsigned 32-bit integers', rng);
  if (!isFiniteNumber(p.lossSum)) fail('lossSum', 'a finite number', p.lossSum);
  if (!isCount(p.lossCount)) fail('lossCount', 'a non-negative integer', p.lossCount);
  if (!Array.isArray(p.metricTotals) || !p.metricTotals.every((t) => isFiniteNumber(t?.sum) && isFiniteNumber(t.count) && t.count >= 0)) {
    fail('metricTotals', 'an array of { sum, count } finite numbers', p.metricTotals);
  }
  const carried = p.carried as unknown;
  if (carried !== null && (typeof carried !== 'object' || Object.entries(carried as object).some(([k, v]) => !/^\d+$/.test(k) || !Array.isArray(v)))) {
    fail('carried', 'null or { [layer index]: encoded tensors[] }', carried);
  }
}
