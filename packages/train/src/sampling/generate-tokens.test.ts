import * as tf from '@tensorflow/tfjs-core';
import { dense, embedding, lstm, sequential } from '@rnnkit/core';
import { describe, expect, it } from 'vitest';
import { generateTokens } from './generate-tokens.js';

const model = sequential({ layers: [embedding({ inputDim: 12, outputDim: 4 }), lstm({ units: 8, returnSequences: true }), dense({ units: 12 })], inputShape: [null], seed: 3 });

describe('generateTokens', () => {
  it('greedy generation equals the argmax of the full forward pass over the growing sequence', () => {
    const prime = [1, 5, 2];
    const ids = generateTokens(model, { prime, length: 6, sampling: { method: 'greedy' } });
    const sequence = [...prime];
    for (const id of ids) {
      const logits = model.predict(tf.tensor2d([sequence], undefined, 'int32'));
      const last = tf.reshape(tf.slice(logits, [0, sequence.length - 1, 0], [1, 1, 12]), [12]);
      expect(id).toBe(tf.argMax(last).dataSync()[0]);
      sequence.push(id);
    }
  });

  it('is reproducible with a seed and leaves no tensors or kept state behind', () => {
    const before = tf.memory().numTensors;
    const a = generateTokens(model, { prime: [3], length: 20, sampling: { temperature: 1.5 }, seed: 9 });
    const b = generateTokens(model, { prime: [3], length: 20, sampling: { temperature: 1.5 }, seed: 9 });
    expect(a).toEqual(b);
    expect(a.every((id) => Number.isInteger(id) && id >= 0 && id < 12)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('top-k with k = 1 is greedy', () => {
    expect(generateTokens(model, { prime: [4, 4], length: 5, sampling: { method: 'topK', topK: 1 }, seed: 2 })).toEqual(
      generateTokens(model, { prime: [4, 4], length: 5, sampling: { method: 'greedy' } }),
    );
  });

  it('rejects an empty prime', () => {
    expect(() => generateTokens(model, { prime: [], length: 3 })).toThrow(/prime needs at least one token id/);
  });
});
