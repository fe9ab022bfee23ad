// Progress of a training run: on a terminal a bar redrawn in place (epoch, batch, loss, ETA)
// plus one line per finished epoch; elsewhere (a pipe, a CI log) only the per-epoch lines;
// nothing under --quiet. Drawn on stderr, so stdout stays clean for --json.

import { formatDuration } from './format-duration.js';
import type { Output } from './output.js';
import { epochLine, progressBar } from './progress-line.js';

/** Options of {@link trainingProgress}. */
export interface TrainingProgressOptions {
  /** Epochs to run in total, or `undefined` under a time budget. */
  readonly epochs: number | undefined;
  /** Batches per epoch. */
  readonly batches: number;
  /**
   * Epochs already done (a resumed run), so the bar and ETA count from there.
   * @default 0
   */
  readonly startEpoch?: number;
  /**
   * Batches of the first epoch already done (a run resumed mid-epoch), so the ETA counts only
   * the batches this run trains.
   * @default 0
   */
  readonly startBatch?: number;
  /**
   * A time budget in seconds (text train --minutes); the ETA counts down to it.
   * @default undefined
   */
  readonly budgetSeconds?: number;
  /**
   * What is being trained, printed before the first epoch.
   * @default 'training'
   */
  readonly label?: string;
  /**
   * Print a line at the end of each epoch (off for a quick side job such as a baseline: then
   * only the bar shows, on a terminal).
   * @default true
   */
  readonly epochLines?: boolean;
  /**
   * Milliseconds between two redraws of the bar.
   * @default 100
   */
  readonly redrawMs?: number;
  /**
   * The clock, in milliseconds.
   * @default performance.now
   */
  readonly now?: () => number;
}

/** Callbacks to feed from the training loop. */
export interface TrainingProgress {
  /** After each batch: 1-based epoch, batches done in the epoch, the batch loss (the bar shows the epoch's running mean, as Keras does). */
  batch(epoch: number, batch: number, loss: number | undefined): void;
  /** After each epoch, with its logs. */
  epoch(epoch: number, logs: Readonly<Record<string, number>>): void;
  /** Clears the bar (call when training stops, however it stops). */
  finish(): void;
}

/**
 * Progress callbacks that draw on `output`'s stderr.
 *
 * @example
 * ```ts
 * const progress = trainingProgress(output, { epochs: 20, batches: 90 });
 * // onBatchEnd: progress.batch(epoch, batch, loss); onEpochEnd: progress.epoch(epoch, logs)
 * progress.finish();
 * ```
 */
export function trainingProgress(output: Output, options: TrainingProgressOptions): TrainingProgress {
  const { epochs, batches, startEpoch = 0, startBatch = 0, budgetSeconds, label = 'training', epochLines = true, redrawMs = 100, now = () => performance.now() } = options;
  const stream = output.progressStream;
  const tty = stream.isTTY === true && !output.quiet;
  const started = now();
  let epochStarted = started;
  let lastDraw = -Infinity;
  let drawn = false;
  let announced = false;
  let meanOf = { epoch: 0, sum: 0, count: 0 };

  const announce = (): void => {
    if (announced) return;
    announced = true;
    const span = epochs === undefined ? `for ${formatDuration(budgetSeconds ?? 0)}, epochs of ${batches} batch(es)` : `${epochs - startEpoch} epoch(s) of ${batches} batch(es)`;
    output.status(`${label}: ${span}`);
  };

  const eta = (epoch: number, batch: number): number | undefined => {
    const elapsed = (now() - started) / 1000;
    if (budgetSeconds !== undefined) return Math.max(0, budgetSeconds - elapsed);
    if (epochs === undefined) return undefined;
    const done = (epoch - 1 - startEpoch) * batches + batch - startBatch;
    const total = (epochs - startEpoch) * batches - startBatch;
    if (done <= 0 || elapsed < 0.5) return undefined;
    return (elapsed / done) * (total - done);
  };

  const clear = (): void => {
    if (drawn) stream.write('\r\x1b[2K');
    drawn = false;
  };

  return {
    batch(epoch, batch, loss) {
      announce();
      if (meanOf.epoch !== epoch) meanOf = { epoch, sum: 0, count: 0 };
      if (loss !== undefined && Number.isFinite(loss)) meanOf = { epoch, sum: meanOf.sum + loss, count: meanOf.count + 1 };
      if (!tty) return;
      const t = now();
      if (t - lastDraw < redrawMs && batch < batches) return;
      lastDraw = t;
      // A pseudo-terminal may report 0 columns: take 80 then.
      const columns = stream.columns !== undefined && stream.columns > 0 ? stream.columns : 80;
      const mean = meanOf.count > 0 ? meanOf.sum / meanOf.count : undefined;
      const text = progressBar({ epoch, epochs, batch, batches, loss: mean, etaSeconds: eta(epoch, batch) }, columns - 1);
      stream.write(`\r\x1b[2K${text}`);
      drawn = true;
    },
    epoch(epoch, logs) {
      announce();
      clear();
      const t = now();
      if (epochLines) output.status(epochLine({ epoch, epochs, logs, seconds: (t - epochStarted) / 1000, etaSeconds: eta(epoch, batches) }));
      epochStarted = t;
    },
    finish() {
      clear();
    },
  };
}
