// Training checkpoints: everything a run needs to continue exactly where it stopped — weights,
// optimizer slots, RNG state, schedule and early-stopping state, epoch/step and the history so
// far — as one JSON document, written atomically.

import { RnnkitError } from '@rnnkit/core';
import type { RngState } from '@rnnkit/core';
import type { OptimizerState } from '../optimizers/optimizer.js';
import { writeFileAtomic } from './atomic-write.js';
import { nodeFs } from './node-fs.js';
import type { AtomicWriteOptions } from './atomic-write.js';
import type { EncodedTensor } from './tensor-codec.js';

/** Marker and version of the checkpoint format. */
export const CHECKPOINT_FORMAT = 'rnnkit-train-checkpoint';
export const CHECKPOINT_VERSION = 1;

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
  if (c.version !== CHECKPOINT_VERSION) {
    throw new RnnkitError('UNSUPPORTED', `${where}: checkpoint version ${String(c.version)}, this version of @rnnkit/train reads ${CHECKPOINT_VERSION}`, { where });
  }
  const missing = (['epoch', 'step', 'weights', 'optimizer', 'rng', 'history'] as const).filter((k) => c[k] === undefined);
  if (missing.length > 0) {
    throw new RnnkitError('CORRUPT_FILE', `${where}: checkpoint lacks ${missing.join(', ')}`, { where, missing });
  }
  return c as Checkpoint;
}
