// Keras `pad_sequences` (keras/src/utils/sequence_utils.py): every sequence becomes `maxlen`
// long; longer ones lose their start ('pre', the default) or end ('post'), shorter ones are
// filled with `value` before ('pre', the default) or after ('post'); dtype int32 truncates values.

import { RnnkitError, checkPositiveInt } from '@rnnkit/core';
import { checkOneOf } from '../validate.js';

/** Options of {@link padSequences}; names and defaults follow Keras. */
export interface PadSequencesOptions {
  /**
   * Length of every output row.
   * @default the longest sequence's length
   */
  readonly maxlen?: number;
  /**
   * Where the padding goes.
   * @default 'pre'
   */
  readonly padding?: 'pre' | 'post';
  /**
   * Which end of a too-long sequence is cut off.
   * @default 'pre'
   */
  readonly truncating?: 'pre' | 'post';
  /**
   * The padding value.
   * @default 0
   */
  readonly value?: number;
  /**
   * `'int32'` truncates values toward zero (as NumPy's cast does); `'float32'` keeps them.
   * @default 'int32'
   */
  readonly dtype?: 'int32' | 'float32';
}

/**
 * Pads (and truncates) sequences to one length, as Keras `pad_sequences`.
 *
 * @example
 * ```ts
 * padSequences([[1, 2, 3], [4]]);                          // [[1, 2, 3], [0, 0, 4]]
 * padSequences([[1, 2, 3], [4]], { maxlen: 2 });           // [[2, 3], [0, 4]]
 * padSequences([[1, 2, 3], [4]], { maxlen: 2, padding: 'post', truncating: 'post' }); // [[1, 2], [4, 0]]
 * ```
 */
export function padSequences(sequences: readonly ArrayLike<number>[], options: PadSequencesOptions = {}): number[][] {
  const where = 'padSequences';
  const { padding = 'pre', truncating = 'pre', value = 0, dtype = 'int32' } = options;
  checkOneOf(where, 'padding', padding, ['pre', 'post']);
  checkOneOf(where, 'truncating', truncating, ['pre', 'post']);
  checkOneOf(where, 'dtype', dtype, ['int32', 'float32']);
  if (!Array.isArray(sequences)) throw new RnnkitError('INVALID_ARGUMENT', `${where}: sequences must be an array of sequences`);
  if (typeof value !== 'number' || Number.isNaN(value)) throw new RnnkitError('INVALID_ARGUMENT', `${where}: value must be a number, got ${String(value)}`);
  const maxlen = options.maxlen ?? sequences.reduce((m, s) => Math.max(m, s.length), 0);
  if (options.maxlen !== undefined) checkPositiveInt(where, 'maxlen', maxlen);
  const cast = dtype === 'int32' ? (x: number) => Math.trunc(x) | 0 : (x: number) => Math.fround(x);
  const fill = cast(value);
  return sequences.map((s) => {
    const row = new Array<number>(maxlen).fill(fill);
    const n = Math.min(s.length, maxlen);
    const from = truncating === 'pre' ? s.length - n : 0;
    const at = padding === 'pre' ? maxlen - n : 0;
    for (let i = 0; i < n; i++) row[at + i] = cast(s[from + i] as number);
    return row;
  });
}
