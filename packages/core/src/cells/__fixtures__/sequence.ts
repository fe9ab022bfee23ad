// Test helpers: run a cell over a whole sequence, and run a tf.layers recurrent layer with the
// same weights, so parity tests compare outputs and final states of equal computations.

import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { expect } from 'vitest';
import type { Activation, CellParams, RecurrentCell } from '../../cell.js';

/** Loops `cell.step` over xs [batch, steps, inputSize]; outputs [batch, steps, units] and the final state. */
export function unroll(cell: RecurrentCell, params: CellParams, xs: tf.Tensor3D, initial?: tf.Tensor2D[]): { outputs: tf.Tensor3D; state: tf.Tensor2D[] } {
  return tf.tidy(() => {
    const [batch, steps] = xs.shape;
    let state = initial ?? cell.zeroState(batch);
    const outputs: tf.Tensor2D[] = [];
    for (let t = 0; t < steps; t++) {
      const x = tf.squeeze(tf.slice(xs, [0, t, 0], [batch, 1, cell.inputSize]), [1]) as tf.Tensor2D;
      const r = cell.step(params, x, state);
      outputs.push(r.output);
      state = r.state;
    }
    return { outputs: tf.stack(outputs, 1) as tf.Tensor3D, state };
  });
}

/**
 * Builds `layer` (created with returnSequences and returnState) on xs, loads `weights`, and runs
 * it from `initial`: [outputs, ...final states].
 */
export function runTfLayer(layer: tfl.layers.Layer, weights: tf.Tensor[], xs: tf.Tensor3D, initial: tf.Tensor2D[]): tf.Tensor[] {
  tf.dispose(layer.apply(xs, { initialState: initial }) as tf.Tensor[]);
  layer.setWeights(weights);
  return layer.apply(xs, { initialState: initial }) as tf.Tensor[];
}

/** max |a − b|. */
export function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

/**
 * Runs `cell` and the tf.layers `layer` (returnSequences + returnState) with the same weights on
 * a seeded random sequence from a seeded random initial state; returns the max |difference| of
 * the outputs and of each final state, and the tensors left behind (layer disposed).
 */
export function compareWithTfLayer(
  cell: RecurrentCell,
  params: CellParams,
  layer: tfl.layers.Layer,
  weights: tf.Tensor[],
  { batch = 3, steps = 7, seed = 3 }: { batch?: number; steps?: number; seed?: number } = {},
): { outputs: number; states: number[]; leaked: number } {
  const xs = tf.randomNormal([batch, steps, cell.inputSize], 0, 1, 'float32', seed) as tf.Tensor3D;
  const initial = cell.stateSizes.map((size, k) => tf.randomNormal([batch, size], 0, 1, 'float32', seed + 1 + k) as tf.Tensor2D);
  const before = tf.memory().numTensors;
  const ours = unroll(cell, params, xs, initial);
  const [outputs, ...states] = runTfLayer(layer, weights, xs, initial) as [tf.Tensor, ...tf.Tensor[]];
  const result = { outputs: maxAbsDiff(ours.outputs, outputs), states: states.map((s, k) => maxAbsDiff(ours.state[k]!, s)) };
  tf.dispose([ours.outputs, ...ours.state, outputs, ...states]);
  layer.dispose();
  const leaked = tf.memory().numTensors - before;
  tf.dispose([xs, ...initial]);
  return { ...result, leaked };
}

/** tf.layers' spelling of an activation (its options take `'hardSigmoid'`; files say `'hard_sigmoid'`). */
export type TfLayersActivation = 'tanh' | 'relu' | 'sigmoid' | 'hardSigmoid' | 'linear';

/** Our (Keras) activation name as tf.layers' options spell it. */
export function tfLayersActivation(name: Activation): TfLayersActivation {
  return name === 'hard_sigmoid' ? 'hardSigmoid' : name;
}

/** tf.layers options equal to the cell's config (the gate activation always given: tf.layers' default is hardSigmoid, ours sigmoid). */
export interface TfLayerSettings {
  units: number;
  activation: TfLayersActivation;
  recurrentActivation?: TfLayersActivation;
  useBias: boolean;
  returnSequences: true;
  returnState: true;
}

/**
 * Asserts that `cell` with `params` and the tf.layers layer made by `makeLayer` from the same
 * settings agree to 1e-5 on outputs and every final state, leaving no tensors behind.
 */
export function expectTfLayerParity(cell: RecurrentCell, params: CellParams, makeLayer: (settings: TfLayerSettings) => tfl.layers.Layer): void {
  const { units, activation, recurrentActivation, useBias } = cell.config;
  const settings: TfLayerSettings = { units, activation: tfLayersActivation(activation), useBias, returnSequences: true, returnState: true };
  if (recurrentActivation) settings.recurrentActivation = tfLayersActivation(recurrentActivation);
  const weights = useBias ? [params.kernel, params.recurrentKernel, params.bias] : [params.kernel, params.recurrentKernel];
  const diff = compareWithTfLayer(cell, params, makeLayer(settings), weights);
  expect(diff.outputs).toBeLessThanOrEqual(1e-5);
  expect(diff.states).toHaveLength(cell.stateSizes.length);
  for (const d of diff.states) expect(d).toBeLessThanOrEqual(1e-5);
  expect(diff.leaked).toBe(0);
}
