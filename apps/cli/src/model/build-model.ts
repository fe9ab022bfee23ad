// The models the CLI trains, assembled from @rnnkit/core layers: a recurrent stack (rnn | lstm
// | gru, optionally bidirectional) under a dense head; for text, an embedding in front.

import { bidirectional, dense, embedding, gru, lstm, sequential, simpleRnn } from '@rnnkit/core';
import type { Layer, SequentialModel } from '@rnnkit/core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { CellChoice } from '../options/training-options.js';

/** The recurrent part of a model. */
export interface RecurrentStack {
  readonly cell: CellChoice;
  readonly units: number;
  readonly layers: number;
  /**
   * Read each sequence both ways (not for language models, which must not see the future).
   * @default false
   */
  readonly bidirectional?: boolean;
  /** Return the output of every time step from the last layer (language models). */
  readonly returnSequences: boolean;
}

function recurrentLayer(cell: CellChoice, units: number, returnSequences: boolean): Layer<Tensor> {
  if (cell === 'rnn') return simpleRnn({ units, returnSequences });
  if (cell === 'gru') return gru({ units, returnSequences });
  return lstm({ units, returnSequences });
}

function stack(spec: RecurrentStack): Layer<Tensor>[] {
  return Array.from({ length: spec.layers }, (_, i) => {
    const sequences = i < spec.layers - 1 || spec.returnSequences;
    const layer = recurrentLayer(spec.cell, spec.units, sequences);
    return spec.bidirectional ? (bidirectional(layer as Parameters<typeof bidirectional>[0]) as Layer<Tensor>) : layer;
  });
}

/**
 * A forecaster: `[batch, window, features]` → `[batch, outputs]`.
 *
 * @example
 * ```ts
 * const model = forecastModel({ cell: 'lstm', units: 32, layers: 1, returnSequences: false }, { window: 30, features: 1, outputs: 1, seed: 0 });
 * ```
 */
export function forecastModel(spec: RecurrentStack, shape: { window: number; features: number; outputs: number; seed: number }): SequentialModel {
  return sequential({
    name: 'forecaster',
    layers: [...stack({ ...spec, returnSequences: false }), dense({ units: shape.outputs })],
    inputShape: [shape.window, shape.features],
    seed: shape.seed,
  });
}

/**
 * A language model: token ids `[batch, T]` → next-token logits `[batch, T, vocabSize]`.
 *
 * @example
 * ```ts
 * const model = languageModel({ cell: 'lstm', units: 128, layers: 1, returnSequences: true }, { vocabSize: 65, embedding: 32, seed: 0 });
 * ```
 */
export function languageModel(spec: RecurrentStack, shape: { vocabSize: number; embedding: number; seed: number }): SequentialModel {
  return sequential({
    name: 'language_model',
    layers: [embedding({ inputDim: shape.vocabSize, outputDim: shape.embedding }), ...stack({ ...spec, bidirectional: false, returnSequences: true }), dense({ units: shape.vocabSize })],
    inputShape: [null],
    seed: shape.seed,
  });
}
