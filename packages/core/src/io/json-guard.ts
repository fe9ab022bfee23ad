// Parsing model.json as untrusted input: a JSON syntax error, a nesting bomb or a key that
// could reach an object's prototype (`__proto__`, `constructor`, `prototype`) is refused with
// CORRUPT_FILE before any of the values are used.

import { corruptFile } from './io-errors.js';
import { maxJsonDepth } from './load-limits.js';

/** Any value JSON can hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** Most objects, arrays and scalars walked in one document (a 64 MiB file holds fewer). */
const maxNodes = 20_000_000;

/**
 * Parses `text` as JSON and checks it with {@link checkJsonTree}.
 *
 * @example
 * ```ts
 * parseJsonSafely('{"a":[1,2]}', 'model.json'); // { a: [1, 2] }
 * parseJsonSafely('{"__proto__":{}}', 'model.json'); // throws CORRUPT_FILE
 * ```
 */
export function parseJsonSafely(text: string, where: string): JsonValue {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw corruptFile(where, `is not valid JSON (${reason})`);
  }
  checkJsonTree(value, where);
  return value as JsonValue;
}

/**
 * Walks a value (iteratively, so depth cannot overflow the stack) and throws CORRUPT_FILE on a
 * forbidden key, nesting deeper than {@link maxJsonDepth}, a non-finite number, or anything
 * JSON cannot hold (functions, class instances, cycles).
 */
export function checkJsonTree(value: unknown, where: string): void {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: '' }];
  let nodes = 0;
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; depth: number; path: string };
    if (++nodes > maxNodes) throw corruptFile(where, `has more than ${maxNodes} JSON values`);
    const v = item.value;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw corruptFile(where, `holds a non-finite number ${v} at ${item.path || '(root)'}`);
      continue;
    }
    if (typeof v !== 'object') throw corruptFile(where, `holds a ${typeof v} at ${item.path || '(root)'}, which JSON cannot hold`);
    if (item.depth >= maxJsonDepth) throw corruptFile(where, `nests deeper than ${maxJsonDepth} levels at ${item.path}`);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], depth: item.depth + 1, path: `${item.path}[${i}]` });
      continue;
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      throw corruptFile(where, `holds a non-plain object at ${item.path || '(root)'}`);
    }
    for (const key of Object.keys(v)) {
      if (forbiddenKeys.has(key)) throw corruptFile(where, `has a forbidden key '${key}' at ${item.path || '(root)'}`, { key });
      stack.push({ value: (v as Record<string, unknown>)[key], depth: item.depth + 1, path: `${item.path}.${key}` });
    }
  }
}

/** `true` for a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
