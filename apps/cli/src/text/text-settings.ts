// Defaults of `rnnkit text train`, read by the option definitions and the README.

import type { TrainingDefaults } from '../options/training-options.js';

/** Tokenizers of @rnnkit/data, by their CLI names. */
export const TOKENIZER_CHOICES = ['char', 'word', 'bpe'] as const;
/** A value of --tokenizer. */
export type TokenizerChoice = (typeof TOKENIZER_CHOICES)[number];

/** Defaults of `rnnkit text train`. */
export const TEXT_DEFAULTS = {
  tokenizer: 'char',
  seqLen: 64,
  embedding: 32,
  cell: 'lstm',
  units: 128,
  layers: 1,
  epochs: 1,
  batchSize: 32,
  lr: 0.002,
  optimizer: 'adam',
  clip: 5,
  val: 0.1,
  out: 'rnnkit-text',
} as const satisfies TrainingDefaults & Record<string, unknown>;
