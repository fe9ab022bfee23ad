// ModelArtifacts handed over by an IOHandler (io.fromMemory, IndexedDB, a user's own handler)
// get the same checks as a model.json read from disk: safe JSON in every JSON part, the header,
// the weight specs with their caps, and weight data of exactly the declared length.

import type { io } from '@tensorflow/tfjs-core';
import { corruptFile, unsupported } from './io-errors.js';
import { checkJsonTree, isJsonObject } from './json-guard.js';
import type { LoadLimits } from './load-limits.js';
import { checkHeader, checkSpecs } from './model-json.js';
import type { CheckedModelJson } from './model-json.js';
import { checkWeightDataLength } from './weight-data.js';

/** Checks artifacts; returns them as a checked model.json plus the weight data. */
export function checkArtifacts(artifacts: unknown, where: string, limits: Required<LoadLimits>): { json: CheckedModelJson; weightData: io.WeightData } {
  if (artifacts === null || typeof artifacts !== 'object') throw corruptFile(where, 'the IOHandler returned no model artifacts');
  const a = artifacts as io.ModelArtifacts;
  if (a.modelTopology instanceof ArrayBuffer) throw unsupported(where, 'binary (protobuf) topologies are graph models; rnnkit loads layers models');
  if (a.weightData === undefined && a.getWeightStream !== undefined) throw unsupported(where, 'streamed weights are not supported; load without streamWeights');
  const header = {
    modelTopology: a.modelTopology,
    format: a.format,
    generatedBy: a.generatedBy,
    convertedBy: a.convertedBy,
    userDefinedMetadata: a.userDefinedMetadata,
  };
  const plain = Object.fromEntries(Object.entries(header).filter(([, v]) => v !== undefined));
  checkJsonTree(plain, where);
  checkJsonTree(a.weightSpecs ?? [], `${where}: weightSpecs`);
  if (!isJsonObject(plain)) throw corruptFile(where, 'artifacts must be an object');
  const checked = checkHeader(plain, where);
  const { specs, byteLength } = checkSpecs(a.weightSpecs ?? [], `${where}: weightSpecs`, limits.maxElements);
  const buffers = a.weightData === undefined ? [] : Array.isArray(a.weightData) ? a.weightData : [a.weightData];
  if (buffers.some((b) => !(b instanceof ArrayBuffer))) throw corruptFile(where, 'weightData must be an ArrayBuffer or a list of them');
  checkWeightDataLength(a.weightData, byteLength, where);
  const json: CheckedModelJson = { ...checked, manifest: [{ paths: [], weights: specs, byteLength }], specs, totalBytes: byteLength };
  return { json, weightData: a.weightData ?? new ArrayBuffer(0) };
}
