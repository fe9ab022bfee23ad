// Truncated BPTT(k1, k2) (Williams & Peng 1990; Sutskever 2013, §3.2): run forward, and every
// k1 steps backpropagate the losses of those k1 steps through the last k2 steps, then update.
// The state at the start of each window is a constant (no gradient flows past it) and is
// carried forward from the previous windows. k1 = k2 is char-rnn's form: disjoint chunks.
// Here k2 must be a multiple of k1, so every window starts at a chunk boundary whose state
// was kept; the overlapping k2 − k1 steps are recomputed with the current weights.

import { RnnkitError, checkPositiveInt } from '@rnnkit/core';
import { isBidirectionalLayer, isRecurrentLayer } from './model-layers.js';
import type { TrainableModel } from './model-layers.js';

/** Options of truncated BPTT. */
export interface TruncatedBpttOptions {
  /** Update every k1 time steps (the chunk length). */
  k1: number;
  /**
   * Backpropagate through the last k2 steps (a multiple of k1).
   * @default k1
   */
  k2?: number;
}

/** One update window: forward over [start, end), loss on [lossStart, end). */
export type TruncationWindow = { start: number; lossStart: number; end: number };

/**
 * The update windows of a sequence of `timeSteps` steps.
 *
 * @example
 * ```ts
 * truncationWindows(10, { k1: 4, k2: 8 });
 * // [{ start: 0, lossStart: 0, end: 4 }, { start: 0, lossStart: 4, end: 8 }, { start: 4, lossStart: 8, end: 10 }]
 * ```
 */
export function truncationWindows(timeSteps: number, options: TruncatedBpttOptions): TruncationWindow[] {
  const { k1, k2 = options.k1 } = options;
  checkPositiveInt('truncatedBptt', 'k1', k1);
  checkPositiveInt('truncatedBptt', 'k2', k2);
  if (k2 % k1 !== 0) {
    throw new RnnkitError('INVALID_ARGUMENT', `truncatedBptt: k2 must be a multiple of k1 (so windows start where a state was kept), got k1 ${k1}, k2 ${k2}`, { k1, k2 });
  }
  const windows: TruncationWindow[] = [];
  for (let lossStart = 0; lossStart < timeSteps; lossStart += k1) {
    windows.push({ start: Math.max(0, lossStart + k1 - k2), lossStart, end: Math.min(timeSteps, lossStart + k1) });
  }
  return windows;
}

/**
 * Throws `UNSUPPORTED` unless every recurrent layer returns its whole sequence in input order —
 * the condition for cutting the time axis into chunks and carrying states between them.
 */
export function checkTruncatable(model: TrainableModel): void {
  for (const layer of model.layers) {
    if (isBidirectionalLayer(layer)) {
      throw new RnnkitError('UNSUPPORTED', `truncated BPTT: layer '${layer.name}' is bidirectional; its backward half needs the whole sequence (use full BPTT)`);
    }
    if (isRecurrentLayer(layer) && (!layer.returnSequences || layer.goBackwards)) {
      throw new RnnkitError(
        'UNSUPPORTED',
        `truncated BPTT: layer '${layer.name}' must have returnSequences: true and goBackwards: false (each chunk's outputs are trained on), got returnSequences ${layer.returnSequences}, goBackwards ${layer.goBackwards}`,
      );
    }
  }
}
