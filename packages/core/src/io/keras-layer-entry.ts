// One `{ class_name, config }` entry of a Keras layer list, checked: built-in Keras classes only
// (Keras 3's `module` / `registered_name` accepted when they name one), and a layer name that can
// prefix weight names (no '/').

import { corruptFile, describeValue, unsupported } from './io-errors.js';
import { isJsonObject } from './json-guard.js';
import type { JsonObject, JsonValue } from './json-guard.js';

const namePattern = /^[A-Za-z0-9_.-][A-Za-z0-9_.\- ]{0,199}$/;

/** One `{ class_name, config }` entry (Keras 3's `module` / `registered_name` accepted for built-ins). */
export function readEntry(entry: JsonValue | undefined, where: string): { className: string; config: JsonObject; name: string } {
  if (!isJsonObject(entry) || typeof entry['class_name'] !== 'string' || !isJsonObject(entry['config'])) {
    throw corruptFile(where, 'must be an object { class_name, config }');
  }
  const className = entry['class_name'];
  const { module, registered_name: registered } = entry;
  if (module !== undefined && module !== null && !(typeof module === 'string' && /^(keras|tf_keras|tensorflow)(\.|$)/.test(module))) {
    throw unsupported(where, `class ${className} comes from module ${describeValue(module)}; rnnkit loads built-in Keras layers only`, { className });
  }
  if (registered !== undefined && registered !== null && registered !== className) {
    throw unsupported(where, `${describeValue(registered)} is a custom registered layer; rnnkit loads built-in Keras layers only`, { className });
  }
  const name = entry['config']['name'];
  if (typeof name !== 'string' || !namePattern.test(name)) {
    throw corruptFile(where, `layer name must be 1-200 letters, digits, '_', '.', '-' or spaces (no '/'), got ${describeValue(name)}`);
  }
  return { className, config: entry['config'], name };
}

