// The binary half of a model: the concatenated shards, checked against the manifest before any
// tensor exists (length, and on request every value finite), then decoded with tfjs's own
// `io.decodeWeights` one entry at a time so only the wanted weights become tensors.

import { io } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { RnnkitError } from '../errors.js';
import { corruptFile } from './io-errors.js';
import { weightByteLength } from './weight-spec.js';
import type { WeightSpec } from './weight-spec.js';

/** Total bytes of weight data (one buffer or a list of shard buffers). */
export function weightDataLength(data: io.WeightData | undefined): number {
  if (data === undefined) return 0;
  return (Array.isArray(data) ? data : [data]).reduce((n, buffer) => n + buffer.byteLength, 0);
}

/** Throws CORRUPT_FILE unless the data holds exactly the bytes the manifest declares. */
export function checkWeightDataLength(data: io.WeightData | undefined, totalBytes: number, where: string): void {
  const actual = weightDataLength(data);
  if (actual !== totalBytes) {
    const how = actual < totalBytes ? 'truncated' : 'longer than declared';
    throw corruptFile(where, `weight data is ${how}: the manifest declares ${totalBytes} bytes, the shards hold ${actual}`, { expected: totalBytes, actual });
  }
}

/** Byte offset of each entry in the concatenated data, keyed by name. */
export function weightOffsets(specs: readonly WeightSpec[]): Map<string, { spec: WeightSpec; start: number; end: number }> {
  const offsets = new Map<string, { spec: WeightSpec; start: number; end: number }>();
  let start = 0;
  for (const spec of specs) {
    const end = start + weightByteLength(spec);
    offsets.set(spec.name, { spec, start, end });
    start = end;
  }
  return offsets;
}

/** Throws NON_FINITE naming the weight and index of the first NaN / ±Infinity (float32 and float16 entries). */
export function checkFiniteWeights(data: io.WeightData, specs: readonly WeightSpec[], where: string): void {
  const buffer = new io.CompositeArrayBuffer(data);
  for (const { spec, start, end } of weightOffsets(specs).values()) {
    if (spec.dtype !== 'float32') continue;
    const q = spec.quantization?.dtype;
    if (q === 'uint8' || q === 'uint16') continue; // dequantized as min + scale·q: finite
    const bytes = buffer.slice(start, end);
    const bad = q === 'float16' ? firstNonFiniteHalf(new Uint16Array(bytes)) : firstNonFinite(new Float32Array(bytes));
    if (bad >= 0) {
      throw new RnnkitError('NON_FINITE', `${where}: weight '${spec.name}' has a non-finite value at flat index ${bad}`, { where, weight: spec.name, index: bad });
    }
  }
}

function firstNonFinite(values: Float32Array): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}

function firstNonFiniteHalf(values: Uint16Array): number {
  for (let i = 0; i < values.length; i++) if (((values[i] as number) & 0x7c00) === 0x7c00) return i;
  return -1;
}

/**
 * Decodes the entries named in `names` (in that order) into new tensors the caller owns. The data
 * must already have passed {@link checkWeightDataLength}.
 */
export function decodeWeightsByName(data: io.WeightData, specs: readonly WeightSpec[], names: readonly string[]): Tensor[] {
  const buffer = new io.CompositeArrayBuffer(data);
  const offsets = weightOffsets(specs);
  const tensors: Tensor[] = [];
  try {
    for (const name of names) {
      const found = offsets.get(name);
      if (!found) throw new RnnkitError('MISSING_VALUE', `weight '${name}' is not in the manifest`);
      const decoded = io.decodeWeights(buffer.slice(found.start, found.end), [found.spec]);
      tensors.push(decoded[name] as Tensor);
    }
  } catch (error) {
    for (const t of tensors) t.dispose();
    throw error;
  }
  return tensors;
}
