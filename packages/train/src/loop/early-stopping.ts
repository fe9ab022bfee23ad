// Early stopping (Keras `EarlyStopping`): an epoch improves when the monitored value drops
// below best − minDelta; after `patience` epochs in a row without improvement, training stops
// (and, if asked, the weights of the best epoch are put back).

import { RnnkitError } from '@rnnkit/core';

/** Options of early stopping in {@link TrainOptions}. */
export interface EarlyStoppingOptions {
  /** Epochs without improvement before stopping. */
  patience: number;
  /**
   * Smallest decrease that counts as an improvement.
   * @default 0
   */
  minDelta?: number;
  /**
   * What to watch: the validation loss (`'valLoss'`, needs validation data) or the training loss.
   * @default 'valLoss' with validation data, else 'loss'
   */
  monitor?: 'valLoss' | 'loss';
  /**
   * Put back the weights of the best epoch when training ends.
   * @default true
   */
  restoreBestWeights?: boolean;
}

/** Early-stopping bookkeeping (the weights themselves are kept by the loop). */
export type EarlyStoppingState = { best: number | null; bestEpoch: number; wait: number };

/** Tracks the monitored value; `update` says whether this epoch improved and whether to stop. */
export function earlyStopper(options: EarlyStoppingOptions): {
  update(epoch: number, value: number): { improved: boolean; stop: boolean };
  state: EarlyStoppingState;
} {
  const { patience, minDelta = 0 } = options;
  if (!Number.isInteger(patience) || patience < 0) {
    throw new RnnkitError('INVALID_ARGUMENT', `train: earlyStopping.patience must be an integer ≥ 0, got ${String(patience)}`);
  }
  if (!(minDelta >= 0)) throw new RnnkitError('INVALID_ARGUMENT', `train: earlyStopping.minDelta must be ≥ 0, got ${String(minDelta)}`);
  const state: EarlyStoppingState = { best: null, bestEpoch: -1, wait: 0 };
  return {
    state,
    update(epoch, value) {
      if (state.best === null || value < state.best - minDelta) {
        state.best = value;
        state.bestEpoch = epoch;
        state.wait = 0;
        return { improved: true, stop: false };
      }
      state.wait += 1;
      return { improved: false, stop: state.wait >= patience };
    },
  };
}
