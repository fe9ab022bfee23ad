// The shape of a TensorFlow.js layers-model `model.json` (what `tf.io` and tensorflowjs_converter
// write), checked as untrusted input: the format, the topology object, the manifest with its
// shard paths and weight entries, the byte length each group's shards must add up to, and caps.

import type { io } from '@tensorflow/tfjs-core';
import { corruptFile, describeValue, unsupported } from './io-errors.js';
import { isJsonObject } from './json-guard.js';
import type { JsonObject } from './json-guard.js';
import type { LoadLimits } from './load-limits.js';
import { checkShardPath } from './shard-path.js';
import { checkWeightSpec, shapeSize, weightByteLength } from './weight-spec.js';
import type { WeightSpec } from './weight-spec.js';

/** One group of a checked manifest: its shard paths, entries and the bytes they hold. */
export type ManifestGroup = { paths: string[]; weights: WeightSpec[]; byteLength: number };

/** A `model.json` after {@link checkModelJson}. */
export interface CheckedModelJson {
  modelTopology: JsonObject;
  format: string;
  generatedBy: string | null;
  convertedBy: string | null;
  userDefinedMetadata: JsonObject;
  manifest: ManifestGroup[];
  /** Every entry, in manifest order (the order of the concatenated weight data). */
  specs: WeightSpec[];
  totalBytes: number;
}

/**
 * Checks a parsed `model.json` (see {@link parseJsonSafely}) against the layers-model format and
 * `limits` (with defaults filled in).
 */
export function checkModelJson(json: unknown, where: string, limits: Required<LoadLimits>): CheckedModelJson {
  if (!isJsonObject(json)) throw corruptFile(where, `must hold a JSON object, got ${describeValue(json)}`);
  const header = checkHeader(json, where);
  if (!Array.isArray(json['weightsManifest'])) {
    throw corruptFile(where, `weightsManifest must be an array of { paths, weights }, got ${describeValue(json['weightsManifest'])}`);
  }
  const manifest: ManifestGroup[] = [];
  let shards = 0;
  const groups = json['weightsManifest'];
  const seen = new Set<string>();
  let elements = 0;
  for (const [g, group] of groups.entries()) {
    const at = `${where}: weightsManifest[${g}]`;
    if (!isJsonObject(group) || !Array.isArray(group['paths']) || !Array.isArray(group['weights'])) {
      throw corruptFile(at, 'must be an object { paths: string[], weights: [...] }');
    }
    shards += group['paths'].length;
    if (shards > limits.maxShards) throw corruptFile(where, `lists more than maxShards = ${limits.maxShards} shard files`, { maxShards: limits.maxShards });
    const paths = group['paths'].map((p) => checkShardPath(p, at));
    const { specs, byteLength, elements: n } = checkSpecs(group['weights'], at, limits.maxElements, seen, elements);
    elements += n;
    if (byteLength > 0 && paths.length === 0) throw corruptFile(at, `declares ${byteLength} bytes of weights but no shard paths`);
    manifest.push({ paths, weights: specs, byteLength });
  }
  const specs = manifest.flatMap((group) => group.weights);
  const totalBytes = manifest.reduce((n, group) => n + group.byteLength, 0);
  return { ...header, manifest, specs, totalBytes };
}

/**
 * Checks a list of manifest entries (names unique across `seen`); with `used` elements already
 * counted, their total size may not pass `maxElements`.
 */
export function checkSpecs(entries: unknown, where: string, maxElements: number, seen = new Set<string>(), used = 0): { specs: WeightSpec[]; byteLength: number; elements: number } {
  if (!Array.isArray(entries)) throw corruptFile(where, `weights must be an array of entries, got ${describeValue(entries)}`);
  const specs: WeightSpec[] = [];
  let byteLength = 0;
  let elements = 0;
  for (const entry of entries) {
    const spec = checkWeightSpec(entry, where, maxElements, used + elements);
    if (seen.has(spec.name)) throw corruptFile(where, `weight '${spec.name}' is listed twice`, { name: spec.name });
    seen.add(spec.name);
    elements += shapeSize(spec.shape);
    byteLength += weightByteLength(spec);
    specs.push(spec);
  }
  return { specs, byteLength, elements };
}

/** The header fields: format, topology, generator strings and user metadata. */
export function checkHeader(json: JsonObject, where: string): Omit<CheckedModelJson, 'manifest' | 'specs' | 'totalBytes'> {
  const format = json['format'] ?? 'layers-model';
  if (format === 'graph-model') {
    throw unsupported(where, "is a graph model (format 'graph-model'), which holds no layers; convert the Keras model with --output_format=tfjs_layers_model");
  }
  if (format !== 'layers-model') throw corruptFile(where, `format must be 'layers-model', got ${describeValue(format)}`);
  const topology = json['modelTopology'];
  if (!isJsonObject(topology)) throw corruptFile(where, `modelTopology must be an object, got ${describeValue(topology)}`);
  const text = (key: string): string | null => {
    const value = json[key];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') throw corruptFile(where, `${key} must be a string, got ${describeValue(value)}`);
    return value;
  };
  const metadata = json['userDefinedMetadata'] ?? {};
  if (!isJsonObject(metadata)) throw corruptFile(where, `userDefinedMetadata must be an object, got ${describeValue(metadata)}`);
  return { modelTopology: topology, format, generatedBy: text('generatedBy'), convertedBy: text('convertedBy'), userDefinedMetadata: metadata };
}

/** Builds a `model.json` object in the key order `tf.io` writes. */
export function toModelJson(artifacts: io.ModelArtifacts, manifest: io.WeightsManifestConfig): io.ModelJSON {
  const json: io.ModelJSON = {
    modelTopology: artifacts.modelTopology as object,
    format: artifacts.format ?? 'layers-model',
    generatedBy: artifacts.generatedBy as string,
    convertedBy: artifacts.convertedBy ?? null,
    weightsManifest: manifest,
  };
  if (artifacts.userDefinedMetadata !== undefined) json.userDefinedMetadata = artifacts.userDefinedMetadata;
  return json;
}
