import * as tf from '@tensorflow/tfjs-core';
import { bidirectional, dense, gru, lstm, masking, sequential } from '@rnnkit/core';
import type { DifferentiableLayer } from '@rnnkit/core';
import { describe, expect, it } from 'vitest';
import { checkGradients } from './check-gradients.js';

describe('checkGradients', () => {
  it('passes for BPTT through a masked, stacked, bidirectional model (central differences, float32)', () => {
    const model = sequential({ layers: [masking(), bidirectional(lstm({ units: 3, returnSequences: true })), gru({ units: 3 }), dense({ units: 1 })], inputShape: [5, 2], seed: 8 });
    const x = tf.mul(tf.randomNormal([2, 5, 2], 0, 1, 'float32', 1), tf.tensor3d([[[1], [1], [1], [1], [1]], [[1], [1], [1], [0], [0]]]));
    const before = tf.memory().numTensors;
    const weightsBefore = model.getWeights().map((w) => Array.from(w.dataSync()));
    const report = checkGradients(model, { x, y: tf.ones([2, 1]) }, { entriesPerWeight: 3 });
    expect(report.entries.length).toBeGreaterThan(20);
    expect(report.maxRelativeError).toBeLessThan(1e-2);
    expect(report.ok).toBe(true);
    expect(model.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(weightsBefore); // weights put back
    expect(tf.memory().numTensors).toBe(before + 1 + 2 * model.weights.length); // the ones([2, 1]) target and the getWeights copies
  });

  it('fails for a layer whose backward pass is wrong', () => {
    const head = dense({ units: 1 }) as DifferentiableLayer;
    const model = sequential({ layers: [lstm({ units: 3 }), head], inputShape: [4, 1], seed: 1 });
    const backward = head.backward.bind(head);
    // A sabotaged backward: the kernel gradient doubled.
    head.backward = (cache, dOutput) => {
      const r = backward(cache, dOutput);
      return { dx: r.dx, grads: r.grads.map((g, i) => (i === 0 ? tf.mul(g, 2) : g)) };
    };
    const report = checkGradients(model, { x: tf.randomNormal([3, 4, 1], 0, 1, 'float32', 2), y: tf.ones([3, 1]) });
    expect(report.ok).toBe(false);
    const bad = report.entries.filter((e) => e.relativeError > 0.1).map((e) => e.weight);
    expect(new Set(bad)).toEqual(new Set(['dense/kernel']));
  });
});
