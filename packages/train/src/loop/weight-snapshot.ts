// Copies of a model's weights: cheap references (tfjs tensors are immutable, so a clone shares
// the data and survives later `assign`s) for "last good" and "best" weights, and the bit-exact
// JSON form checkpoints store.

import { clone } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { RnnkitError, formatShape } from '@rnnkit/core';
import { allWeights } from '../bptt/model-layers.js';
import type { TrainableModel } from '../bptt/model-layers.js';
import { decodeTensor, encodeTensor } from '../io/tensor-codec.js';
import type { EncodedTensor } from '../io/tensor-codec.js';

/** Weight values by name. */
export type WeightSnapshot = Map<string, Tensor>;

/** References to the current value of every weight. */
export function snapshotWeights(model: TrainableModel): WeightSnapshot {
  return new Map(allWeights(model).map((w) => [w.name, clone(w.variable)]));
}

/** Assigns a snapshot back to the model's variables (the snapshot stays valid). */
export function restoreWeights(model: TrainableModel, snapshot: ReadonlyMap<string, Tensor>, where: string): void {
  for (const w of allWeights(model)) {
    const value = snapshot.get(w.name);
    if (!value) throw new RnnkitError('MISSING_VALUE', `${where}: no saved value for weight '${w.name}'`, { weight: w.name });
    if (value.shape.join() !== w.variable.shape.join()) {
      throw new RnnkitError('SHAPE_MISMATCH', `${where}: saved weight '${w.name}' has shape ${formatShape(value.shape)}, the model ${formatShape(w.variable.shape)}`, {
        weight: w.name,
      });
    }
    w.variable.assign(value);
  }
}

export function disposeSnapshot(snapshot: WeightSnapshot | null): void {
  snapshot?.forEach((t) => t.dispose());
}

/** A snapshot as JSON (bit-exact float32). */
export function encodeSnapshot(snapshot: ReadonlyMap<string, Tensor>): Record<string, EncodedTensor> {
  return Object.fromEntries([...snapshot].map(([name, t]) => [name, encodeTensor(t)]));
}

/** JSON weights back to a snapshot (new tensors). */
export function decodeSnapshot(encoded: Record<string, EncodedTensor>, where: string): WeightSnapshot {
  return new Map(Object.entries(encoded).map(([name, e]) => [name, decodeTensor(e, `${where} weight '${name}'`)]));
}
