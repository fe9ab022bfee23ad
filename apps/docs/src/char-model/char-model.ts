// The char-level language model of chapter 8: embedding → LSTM (returnSequences) → dense logits,
// saved as `model.json` (architecture, tokenizer, weight manifest) plus `weights.bin` (float32,
// little-endian, in `getWeights()` order — Keras's layout, see the Keras guide).
import { dense, embedding, lstm, sequential } from '@rnnkit/core';
import type { SequentialModel } from '@rnnkit/core';
import { tokenizerFromJSON } from '@rnnkit/data';
import type { CharTokenizer, TokenizerJSON } from '@rnnkit/data';
import { tensor } from '@tensorflow/tfjs-core';

/** Architecture of the char model. */
export interface CharModelConfig {
  vocabSize: number;
  /** Width of the character embedding. */
  embeddingSize: number;
  /** LSTM units. */
  units: number;
}

/** `model.json`. */
export interface CharModelManifest {
  format: 'rnnkit-char-model';
  version: 1;
  config: CharModelConfig;
  tokenizer: TokenizerJSON;
  weights: { name: string; shape: number[] }[];
  /** How it was trained, for the page to show. */
  training: Record<string, number | string>;
}

/** Build the (untrained, seeded) char model. */
export function buildCharModel(config: CharModelConfig, seed = 0): SequentialModel {
  return sequential({
    name: 'char-lstm',
    layers: [embedding({ inputDim: config.vocabSize, outputDim: config.embeddingSize }), lstm({ units: config.units, returnSequences: true }), dense({ units: config.vocabSize })],
    inputShape: [null],
    seed,
  });
}

/** The manifest and the float32 weights of a trained char model. */
export async function encodeCharModel(
  model: SequentialModel,
  tokenizer: CharTokenizer,
  config: CharModelConfig,
  training: CharModelManifest['training'],
): Promise<{ manifest: CharModelManifest; weights: Float32Array }> {
  const tensors = model.getWeights();
  const parts = await Promise.all(tensors.map((t) => t.data() as Promise<Float32Array>));
  const weights = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    weights.set(part, offset);
    offset += part.length;
  }
  const manifest: CharModelManifest = {
    format: 'rnnkit-char-model',
    version: 1,
    config,
    tokenizer: tokenizer.toJSON(),
    weights: model.weights.map((w, i) => ({ name: w.name, shape: [...(tensors[i]?.shape ?? [])] })),
    training,
  };
  tensors.forEach((t) => t.dispose());
  return { manifest, weights };
}

/** Rebuild a char model and its tokenizer from `model.json` and the bytes of `weights.bin`. */
export function decodeCharModel(manifest: CharModelManifest, bytes: ArrayBuffer): { model: SequentialModel; tokenizer: CharTokenizer } {
  if (manifest.format !== 'rnnkit-char-model') throw new Error(`not an rnnkit char model: format ${String(manifest.format)}`);
  const values = new Float32Array(bytes);
  const model = buildCharModel(manifest.config);
  let offset = 0;
  const tensors = manifest.weights.map(({ shape }) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const t = tensor(values.subarray(offset, offset + size), shape, 'float32');
    offset += size;
    return t;
  });
  if (offset !== values.length) throw new Error(`weights.bin has ${values.length} floats, the manifest lists ${offset}`);
  model.setWeights(tensors);
  tensors.forEach((t) => t.dispose());
  return { model, tokenizer: tokenizerFromJSON(manifest.tokenizer) as CharTokenizer };
}
