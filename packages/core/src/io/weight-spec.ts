// One entry of a weights manifest (`{ name, shape, dtype, group?, quantization? }`), checked
// as untrusted input: float32 / int32 only, at most rank 8, sizes that are safe integers, and
// its byte length in the shard (4 bytes a value, 1 or 2 when quantized by the converter).

import type { io } from '@tensorflow/tfjs-core';
import { formatShape } from '../errors.js';
import { corruptFile, describeValue, unsupported } from './io-errors.js';
import { isJsonObject } from './json-guard.js';

/** A manifest entry after {@link checkWeightSpec}. */
export type WeightSpec = io.WeightsManifestEntry & { dtype: 'float32' | 'int32' };

const maxRank = 8;
const quantizedBytes = { uint8: 1, uint16: 2, float16: 2 } as const;

/** Number of values of a shape (checked shapes only). */
export function shapeSize(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Bytes the entry occupies in the concatenated weight data. */
export function weightByteLength(spec: WeightSpec): number {
  const perValue = spec.quantization ? quantizedBytes[spec.quantization.dtype] : 4;
  return shapeSize(spec.shape) * perValue;
}

/**
 * Checks one manifest entry; with the `used` elements of the entries before it, it may not pass
 * `maxElements` (checked while multiplying, so a forged `[1e9, 1e9, 1e9]` never overflows).
 * Returns the entry as a fresh object holding only known keys.
 */
export function checkWeightSpec(entry: unknown, where: string, maxElements: number, used = 0): WeightSpec {
  if (!isJsonObject(entry)) throw corruptFile(where, `weight entry must be an object, got ${describeValue(entry)}`);
  const { name, shape, dtype, group, quantization } = entry;
  if (typeof name !== 'string' || name.length === 0 || name.length > 1024 || name.includes('\0')) {
    throw corruptFile(where, `weight name must be a non-empty string of at most 1024 characters, got ${describeValue(name)}`);
  }
  if (name === '__proto__' || name === 'constructor' || name === 'prototype') throw corruptFile(where, `weight name '${name}' is forbidden`);
  const at = `${where}: weight '${name}'`;
  if (!Array.isArray(shape) || shape.length > maxRank) {
    throw corruptFile(at, `shape must be an array of at most ${maxRank} sizes, got ${describeValue(shape)}`);
  }
  let size = 1;
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) {
      throw corruptFile(at, `shape ${JSON.stringify(shape)} must hold non-negative integers`);
    }
    size *= d;
    if (used + size > maxElements) {
      const what = used > 0 ? `with the ${used} values before it, shape ${formatShape(shape as number[])} makes` : `shape ${formatShape(shape as number[])} has`;
      throw corruptFile(at, `${what} more than maxElements = ${maxElements} values`, { shape, maxElements });
    }
  }
  if (dtype !== 'float32' && dtype !== 'int32') {
    if (typeof dtype === 'string' && ['bool', 'string', 'complex64'].includes(dtype)) {
      throw unsupported(at, `dtype '${dtype}' is not supported (rnnkit reads float32 and int32 weights)`, { dtype });
    }
    throw corruptFile(at, `dtype must be 'float32' or 'int32', got ${describeValue(dtype)}`);
  }
  if (group !== undefined && group !== 'model' && group !== 'optimizer') {
    throw corruptFile(at, `group must be 'model' or 'optimizer', got ${describeValue(group)}`);
  }
  const spec: WeightSpec = { name, shape: shape as number[], dtype };
  if (group !== undefined) spec.group = group;
  if (quantization !== undefined) spec.quantization = checkQuantization(quantization, at, dtype);
  return spec;
}

function checkQuantization(value: unknown, at: string, dtype: 'float32' | 'int32'): NonNullable<io.WeightsManifestEntry['quantization']> {
  if (!isJsonObject(value)) throw corruptFile(at, `quantization must be an object, got ${describeValue(value)}`);
  const { dtype: qtype, scale, min } = value;
  if (qtype !== 'uint8' && qtype !== 'uint16' && qtype !== 'float16') {
    throw unsupported(at, `quantization dtype ${describeValue(qtype)} is not supported (uint8, uint16, float16)`);
  }
  if (qtype === 'float16') {
    if (dtype !== 'float32') throw corruptFile(at, `float16 quantization needs dtype float32, got ${dtype}`);
    return { dtype: qtype };
  }
  if (typeof scale !== 'number' || typeof min !== 'number') {
    throw corruptFile(at, `${qtype} quantization needs numeric scale and min, got scale ${describeValue(scale)}, min ${describeValue(min)}`);
  }
  return { dtype: qtype, scale, min };
}
