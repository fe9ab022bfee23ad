// Extra named groups of tensors saved in the same files as the model — @rnnkit/train keeps its
// optimizer state here for checkpoints. In the manifest each tensor is an entry
// `<group>/<name>` with tfjs's `group: 'optimizer'` (so tf.loadLayersModel and the converter
// skip them as they skip a tfjs optimizer's weights); `userDefinedMetadata.rnnkit.weightGroups`
// lists the group names so loading can split them apart again.

import { io } from '@tensorflow/tfjs-core';
import type { NamedTensorMap, Tensor } from '@tensorflow/tfjs-core';
import { RnnkitError } from '../errors.js';
import { decodeWeightsByName } from './weight-data.js';
import type { WeightSpec } from './weight-spec.js';

/** The tensors of one group: a name → tensor map, or tfjs `NamedTensor`s. */
export type WeightGroupTensors = NamedTensorMap | readonly { name: string; tensor: Tensor }[];

/** Extra weight groups by name (`{ optimizer: { 'lstm/kernel/m': t, … } }`). */
export type WeightGroups = Record<string, WeightGroupTensors>;

const groupPattern = /^[A-Za-z0-9_.-]{1,64}$/;

/** Encodes the groups (reading the tensors) into manifest entries and bytes. */
export async function encodeWeightGroups(groups: WeightGroups = {}): Promise<{ names: string[]; specs: io.WeightsManifestEntry[]; data: ArrayBuffer }> {
  const where = 'saveModel: weightGroups';
  const named: { name: string; tensor: Tensor }[] = [];
  const names = Object.keys(groups);
  for (const group of names) {
    if (!groupPattern.test(group)) throw new RnnkitError('INVALID_ARGUMENT', `${where}: group name '${group}' must be 1-64 letters, digits, '_', '.' or '-'`);
    const value = groups[group] as WeightGroupTensors;
    const list = Array.isArray(value) ? (value as readonly { name: string; tensor: Tensor }[]) : Object.entries(value as NamedTensorMap).map(([name, tensor]) => ({ name, tensor }));
    for (const { name, tensor } of list) {
      if (typeof name !== 'string' || name.length === 0) throw new RnnkitError('INVALID_ARGUMENT', `${where}.${group}: every tensor needs a non-empty name`);
      if (tensor?.dtype !== 'float32' && tensor?.dtype !== 'int32') {
        throw new RnnkitError('INVALID_ARGUMENT', `${where}.${group}: tensor '${name}' must be a float32 or int32 tensor, got ${tensor?.dtype ?? typeof tensor}`);
      }
      named.push({ name: `${group}/${name}`, tensor });
    }
  }
  const { data, specs } = await io.encodeWeights(named, 'optimizer');
  return { names, specs, data };
}

/**
 * Decodes the non-model entries into groups: `<group>/<name>` for a group in `groupNames`, and
 * entries of tfjs's own optimizer (no known prefix) under `optimizer`. Only groups in `wanted`
 * are decoded; the caller owns (and disposes) the tensors.
 */
export function decodeWeightGroups(data: io.WeightData, specs: readonly WeightSpec[], groupNames: readonly string[], wanted: readonly string[] | 'all'): Record<string, NamedTensorMap> {
  const out: Record<string, NamedTensorMap> = {};
  const picks: { group: string; name: string; spec: string }[] = [];
  for (const spec of specs) {
    if (spec.group !== 'optimizer') continue;
    const slash = spec.name.indexOf('/');
    const prefix = slash > 0 ? spec.name.slice(0, slash) : '';
    const known = groupNames.includes(prefix);
    const group = known ? prefix : 'optimizer';
    if (wanted !== 'all' && !wanted.includes(group)) continue;
    picks.push({ group, name: known ? spec.name.slice(slash + 1) : spec.name, spec: spec.name });
  }
  for (const group of groupNames) if (wanted === 'all' || wanted.includes(group)) out[group] ??= {};
  const tensors = decodeWeightsByName(data, specs, picks.map((p) => p.spec));
  picks.forEach((pick, i) => {
    const group = (out[pick.group] ??= {});
    group[pick.name] = tensors[i] as Tensor;
  });
  return out;
}
