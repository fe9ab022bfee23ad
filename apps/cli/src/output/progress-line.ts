// The text of one progress report: the bar redrawn on a terminal, and the plain line printed
// at the end of each epoch. Pure functions of the numbers, so they are tested as text.

import { formatDuration } from './format-duration.js';

/** Where a training run is. */
export interface ProgressState {
  /** 1-based epoch being run. */
  readonly epoch: number;
  /** Number of epochs, or `undefined` when training runs for a time budget. */
  readonly epochs: number | undefined;
  /** Batches done in this epoch. */
  readonly batch: number;
  /** Batches per epoch. */
  readonly batches: number;
  /** Latest training loss, if any. */
  readonly loss: number | undefined;
  /** Seconds left, if it can be estimated. */
  readonly etaSeconds: number | undefined;
}

/**
 * Formats a loss with 4 significant digits.
 *
 * @example
 * ```ts
 * formatLoss(0.0123);   // '0.01230'
 * formatLoss(0.000012); // '1.200e-5'
 * ```
 */
export function formatLoss(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  return abs !== 0 && (abs < 1e-3 || abs >= 1e5) ? value.toExponential(3) : value.toPrecision(4);
}

/**
 * The bar redrawn on a terminal, cut to `columns` characters.
 *
 * @example
 * ```ts
 * progressBar({ epoch: 2, epochs: 10, batch: 5, batches: 10, loss: 0.5, etaSeconds: 42 }, 80);
 * // 'epoch 2/10 [██████████··········] 5/10 loss 0.5000 ETA 42s'
 * ```
 */
export function progressBar(state: ProgressState, columns: number, barWidth = 20): string {
  const fraction = state.batches > 0 ? Math.min(1, state.batch / state.batches) : 0;
  const filled = Math.round(fraction * barWidth);
  const bar = `[${'█'.repeat(filled)}${'·'.repeat(barWidth - filled)}]`;
  const parts = [
    `epoch ${state.epoch}${state.epochs === undefined ? '' : `/${state.epochs}`}`,
    bar,
    `${state.batch}/${state.batches}`,
    ...(state.loss === undefined ? [] : [`loss ${formatLoss(state.loss)}`]),
    ...(state.etaSeconds === undefined ? [] : [`ETA ${formatDuration(state.etaSeconds)}`]),
  ];
  const line = parts.join(' ');
  return line.length > columns ? line.slice(0, Math.max(0, columns - 1)) : line;
}

/** What an epoch ended with. */
export interface EpochSummary {
  readonly epoch: number;
  readonly epochs: number | undefined;
  /** Logs of the epoch (`loss`, `val_loss`, …). */
  readonly logs: Readonly<Record<string, number>>;
  readonly seconds: number;
  readonly etaSeconds: number | undefined;
}

/**
 * The plain line printed when an epoch ends.
 *
 * @example
 * ```ts
 * epochLine({ epoch: 3, epochs: 20, logs: { loss: 0.0123, val_loss: 0.0145 }, seconds: 2.1, etaSeconds: 36 });
 * // 'epoch 3/20  loss 0.01230  val_loss 0.01450  2s  ETA 36s'
 * ```
 */
export function epochLine(summary: EpochSummary): string {
  const logs = Object.entries(summary.logs).map(([name, value]) => `${name} ${formatLoss(value)}`);
  return [
    `epoch ${summary.epoch}${summary.epochs === undefined ? '' : `/${summary.epochs}`}`,
    ...logs,
    formatDuration(summary.seconds),
    ...(summary.etaSeconds === undefined ? [] : [`ETA ${formatDuration(summary.etaSeconds)}`]),
  ].join('  ');
}
