import { describe, expect, it } from 'vitest';
import { padSequences } from './pad-sequences.js';
import { errorCode } from '../__fixtures__/error-code.js';

// Expected values: keras/src/utils/sequence_utils_test.py (test_pad_sequences), worked from its definition.
describe('padSequences — Keras pad_sequences', () => {
  const a = [[1], [1, 2], [1, 2, 3]];

  it('pads before by default and after with padding "post"', () => {
    expect(padSequences(a, { maxlen: 3, padding: 'pre' })).toEqual([[0, 0, 1], [0, 1, 2], [1, 2, 3]]);
    expect(padSequences(a)).toEqual([[0, 0, 1], [0, 1, 2], [1, 2, 3]]); // maxlen = longest
    expect(padSequences(a, { maxlen: 3, padding: 'post' })).toEqual([[1, 0, 0], [1, 2, 0], [1, 2, 3]]);
  });

  it('truncates the start by default and the end with truncating "post"', () => {
    expect(padSequences(a, { maxlen: 2, truncating: 'pre' })).toEqual([[0, 1], [1, 2], [2, 3]]);
    expect(padSequences(a, { maxlen: 2, truncating: 'post' })).toEqual([[0, 1], [1, 2], [1, 2]]);
  });

  it('pads with a chosen value, keeps empty sequences as all padding, truncates floats for int32', () => {
    expect(padSequences(a, { maxlen: 3, value: 1 })).toEqual([[1, 1, 1], [1, 1, 2], [1, 2, 3]]);
    expect(padSequences([[], [5]], { maxlen: 2, value: -1 })).toEqual([[-1, -1], [-1, 5]]);
    expect(padSequences([[1.7, -2.5]])).toEqual([[1, -2]]);
    expect(padSequences([[0.5]], { maxlen: 2, dtype: 'float32' })).toEqual([[0, 0.5]]);
  });

  it('refuses bad options', () => {
    expect(errorCode(() => padSequences(a, { maxlen: 0 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => padSequences(a, { padding: 'middle' as 'pre' }))).toBe('INVALID_ARGUMENT');
  });
});
