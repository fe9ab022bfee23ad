// Layer names within a model are unique, as Keras makes them: a second auto-named `lstm`
// becomes `lstm_1`, a third `lstm_2`; two layers the user named alike are an error.

import { RnnkitError } from '../errors.js';

/** Renames auto-named layers so every name is unique; `rename(layer)` is null for user-named layers. */
export function uniqueLayerNames<L extends { readonly name: string }>(where: string, layers: readonly L[], rename: (layer: L) => ((name: string) => void) | null): void {
  const explicit = new Set<string>();
  for (const layer of layers) {
    if (rename(layer)) continue;
    if (explicit.has(layer.name)) {
      throw new RnnkitError('INVALID_ARGUMENT', `${where}: two layers are named '${layer.name}'; layer names must be unique`, { name: layer.name });
    }
    explicit.add(layer.name);
  }
  const taken = new Set(explicit);
  for (const layer of layers) {
    const setName = rename(layer);
    if (!setName) continue;
    const base = layer.name.replace(/_\d+$/, '');
    let name = base;
    for (let i = 1; taken.has(name); i++) name = `${base}_${i}`;
    setName(name);
    taken.add(name);
  }
}
