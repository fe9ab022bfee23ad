// The char-level language model of chapter 8, char-rnn's: one-hot characters → LSTM
// (returnSequences) → dense logits. Saved as `model.json` (architecture, tokenizer, weight manifest) plus `weights.bin` (float32,
// little-endian, in `getWeights()` order — Keras's layout, see the Keras guide).
import { createRng, dense, lstm, sequential } from '@rnnkit/core';
import type { SequentialModel } from '@rnnkit/core';
import { tokenizerFromJSON } from '@rnnkit/data';
import type { CharTokenizer, LanguageModelBatches, TokenizerJSON } from '@rnnkit/data';
import { adam, sampleToken, sparseCategoricalCrossEntropy } from '@rnnkit/train';
import type { BatchInput, TrainOptions } from '@rnnkit/train';
import { cast, oneHot, tensor, tensor1d, tensor2d, tidy } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';

/** Architecture of the char model. */
export interface CharModelConfig {
  vocabSize: number;
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
    layers: [lstm({ units: config.units, returnSequences: true }), dense({ units: config.vocabSize })],
    inputShape: [null, config.vocabSize],
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

/** Token ids `[batch, T]` (row-major) as the model's one-hot input `[batch, T, vocabSize]`. */
// One-hot as int32, then cast: tfjs-backend-wasm 4.22's OneHot kernel ignores `dtype` and writes
// int32 bit patterns into a float32 tensor (1 reads as 1.4e-45), so `oneHot(…, 'float32')`
// fed the LSTM zeros on wasm and only the output bias learned.
export function oneHotInput(ids: Int32Array, shape: readonly [number, number], vocabSize: number): Tensor {
  const idTensor = tensor2d(ids, [shape[0], shape[1]], 'int32');
  const out = cast(oneHot(idTensor, vocabSize), 'float32');
  idTensor.dispose();
  return out;
}

/** Options of {@link sampleText}. */
export interface SampleTextOptions {
  /** Text fed first (characters outside the vocabulary are dropped; empty → a newline). */
  prompt: string;
  /** Characters to generate. */
  length: number;
  /** Softmax temperature τ > 0. */
  temperature: number;
  /** Seed of the sampling stream. */
  seed: number;
}

/**
 * Feeds the prompt one character at a time (`model.step`, state kept), then samples `length`
 * characters with @rnnkit/train's `sampleToken`. Returns the prompt as used and the new text.
 */
export function sampleText(model: SequentialModel, tokenizer: CharTokenizer, options: SampleTextOptions): { prompt: string; text: string } {
  const vocabSize = tokenizer.vocabSize;
  const kept = [...options.prompt].filter((c) => tokenizer.chars.includes(c)).join('');
  const prompt = kept.length > 0 ? kept : '\n';
  const rng = createRng(options.seed);
  const step = (id: number): Float32Array => {
    const logits = tidy(() => model.step(cast(oneHot(tensor1d([id], 'int32'), vocabSize), 'float32')));
    const row = logits.dataSync() as Float32Array;
    logits.dispose();
    return row;
  };
  model.resetState();
  let logits: Float32Array = new Float32Array(vocabSize);
  for (const id of tokenizer.encode(prompt)) logits = step(id);
  const out: number[] = [];
  for (let k = 0; k < options.length; k++) {
    const id = sampleToken(logits, { method: 'temperature', temperature: options.temperature }, rng);
    out.push(id);
    if (k < options.length - 1) logits = step(id);
  }
  model.resetState();
  return { prompt: kept, text: tokenizer.decode(out) };
}

/**
 * `count` char-rnn batches from batch `first` on (wrapping around), as one-hot inputs and int32
 * targets, made when the training loop reaches them (the loop disposes them).
 */
export function* oneHotBatches(source: LanguageModelBatches, first: number, count: number, vocabSize: number): Generator<BatchInput> {
  for (let k = 0; k < count; k++) {
    const { xs, ys, shape } = source.batch((first + k) % source.numBatches);
    yield { x: oneHotInput(xs, shape, vocabSize), y: tensor2d(ys, [shape[0], shape[1]], 'int32') };
  }
}

/**
 * How the char model trains, in the script that made the shipped weights and in the browser:
 * one pass, cross-entropy on the logits, Adam, global-norm clipping at 5. No `carryState`: each
 * 64-character chunk starts from a zero state (with it, training stalled on the wasm backend — seen
 * before the one-hot fix above, probably the same bug; not re-checked).
 */
export function charTrainingOptions(learningRate: number): TrainOptions {
  return { epochs: 1, loss: sparseCategoricalCrossEntropy(), optimizer: adam({ learningRate }), clip: { clipGlobalNorm: 5 } };
}
