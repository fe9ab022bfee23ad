// Pairs the manifest's model weights with the weights the topology needs, by Keras name, before
// any tensor exists. Accepted spellings of `lstm/kernel`: exactly that (tfjs, Keras 2);
// `lstm/lstm_cell/kernel` (tf.keras ≥ 2.2 puts the cell name in; tfjs drops it the same way);
// `lstm/0` (Keras 3 index names). Every needed weight must appear once with the planned shape
// and dtype float32; a model weight that fits no layer is refused.

import { formatShape } from '../errors.js';
import { corruptFile } from './io-errors.js';
import type { PlannedWeight } from './layer-plan.js';
import type { WeightSpec } from './weight-spec.js';

/** A layer's planned weights. */
export type PlannedLayer = { name: string; className: string; weights: PlannedWeight[] };

type Slot = { layer: PlannedLayer; weight: PlannedWeight; key: string };

/** `true` for entries of the model itself (not optimizer state or other groups). */
export function isModelWeight(spec: WeightSpec): boolean {
  return spec.group === undefined || spec.group === 'model';
}

/** For each layer, the manifest names of its weights in planned order. */
export function matchWeights(layers: readonly PlannedLayer[], specs: readonly WeightSpec[], where: string): string[][] {
  const slots = new Map<string, Slot>();
  for (const layer of layers) {
    const byDirectory = new Map<string, number>();
    for (const weight of layer.weights) {
      const key = `${layer.name}/${weight.path}`;
      const directory = key.slice(0, key.lastIndexOf('/'));
      const index = byDirectory.get(directory) ?? 0;
      byDirectory.set(directory, index + 1);
      slots.set(key, { layer, weight, key });
      slots.set(`${directory}/${index}`, { layer, weight, key });
      if (directory !== layer.name) slots.set(`${layer.name}/${layer.weights.indexOf(weight)}`, { layer, weight, key });
    }
  }
  const found = new Map<string, WeightSpec>();
  for (const spec of specs.filter(isModelWeight)) {
    const tokens = spec.name.split('/');
    const withoutCell = [...tokens.slice(0, -2), tokens[tokens.length - 1]].join('/');
    const slot = slots.get(spec.name) ?? slots.get(withoutCell);
    if (!slot) {
      throw corruptFile(where, `weight '${spec.name}' belongs to no layer of the topology (expected names like '${layers.find((l) => l.weights.length > 0)?.name ?? 'dense'}/kernel')`, { weight: spec.name });
    }
    if (found.has(slot.key)) throw corruptFile(where, `weights '${found.get(slot.key)?.name}' and '${spec.name}' both claim '${slot.key}'`);
    checkSpec(spec, slot, where);
    found.set(slot.key, spec);
  }
  return layers.map((layer) =>
    layer.weights.map((weight) => {
      const key = `${layer.name}/${weight.path}`;
      const spec = found.get(key);
      if (!spec) {
        throw corruptFile(where, `weight '${key}' (${formatShape(weight.shape)}) of ${layer.className} layer '${layer.name}' is missing from the weights manifest`, { weight: key });
      }
      return spec.name;
    }),
  );
}

function checkSpec(spec: WeightSpec, slot: Slot, where: string): void {
  const { shape } = slot.weight;
  const same = spec.shape.length === shape.length && spec.shape.every((d, i) => d === shape[i]);
  if (!same) {
    const gruHint = slot.key.endsWith('/bias') && (shape.length === 2) !== (spec.shape.length === 2) ? ' (for a GRU, a [2, 3·units] bias means reset_after: true, [3·units] reset_after: false)' : '';
    throw corruptFile(
      where,
      `weight '${spec.name}' of ${slot.layer.className} layer '${slot.layer.name}' has shape ${formatShape(spec.shape)}, the topology needs ${formatShape(shape)}${gruHint}`,
      { weight: spec.name, expected: shape, actual: spec.shape },
    );
  }
  if (spec.dtype !== 'float32') throw corruptFile(where, `weight '${spec.name}' must be float32, got ${spec.dtype}`, { weight: spec.name });
}
