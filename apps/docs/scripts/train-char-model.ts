// Trains the small char-level LSTM that chapter 8 ships, on tinyshakespeare, with the real
// @rnnkit/train loop (BPTT over char-rnn's batches of 64-character chunks), and
// writes public/models/char-shakespeare/{model.json, weights.bin}.
//
//   pnpm --filter @rnnkit/docs train-char-model            (defaults below)
//   CHAR_UPDATES=600 CHAR_UNITS=96 pnpm --filter @rnnkit/docs train-char-model   (bigger, slower)
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@rnnkit/core';
import { charTokenizer, languageModelBatches } from '@rnnkit/data';
import { evaluate, sparseCategoricalCrossEntropy, train } from '@rnnkit/train';
import type { BatchInput } from '@rnnkit/train';
import { buildCharModel, charTrainingOptions, encodeCharModel, oneHotBatches, sampleText } from '../src/char-model/char-model.js';
import type { CharModelConfig } from '../src/char-model/char-model.js';

const here = dirname(fileURLToPath(import.meta.url));
const corpusPath = join(here, '..', '..', '..', 'packages', 'data', 'datasets', 'tinyshakespeare.txt');
const outDir = join(here, '..', 'public', 'models', 'char-shakespeare');
const setting = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);

const updates = setting('CHAR_UPDATES', 250);
const units = setting('CHAR_UNITS', 64);
const batchSize = setting('CHAR_BATCH', 32);
const seqLength = setting('CHAR_SEQ', 64);
const learningRate = setting('CHAR_LR', 0.01);
const seed = setting('CHAR_SEED', 1);

// cpu by default, so the shipped weights are reproducible (same seed, same numbers on cpu);
// RNNKIT_BACKEND=wasm trains the same model about 3× faster.
const backend = await initBackend({ environment: 'node', backend: process.env.RNNKIT_BACKEND ?? 'cpu' });
const text = readFileSync(corpusPath, 'utf8');
const tokenizer = charTokenizer().fit(text);
const ids = tokenizer.encode(text);
const split = Math.floor(ids.length * 0.95);
const trainBatches = languageModelBatches(ids.subarray(0, split), { batchSize, seqLength });
const validationBatches = languageModelBatches(ids.subarray(split), { batchSize, seqLength });
const config: CharModelConfig = { vocabSize: tokenizer.vocabSize, units };
const model = buildCharModel(config, seed);
console.log(`backend ${backend.name}; ${text.length} chars, vocab ${tokenizer.vocabSize}; ${model.countParams()} parameters; ${updates} updates of ${batchSize}×${seqLength}`);

// One "epoch" here is `updates` consecutive batches (char-rnn's contiguous tracks, state carried).
const batches = (): Iterable<BatchInput> => oneHotBatches(trainBatches, 0, updates, tokenizer.vocabSize);
const started = performance.now();
await train(model, batches, {
  ...charTrainingOptions(learningRate),
  seed,
  callbacks: {
    onBatchEnd: (logs) => {
      if (logs.step % 25 === 0) {
        const seconds = (performance.now() - started) / 1000;
        console.log(`update ${logs.step}: ${(logs.loss / Math.LN2).toFixed(3)} bits/char (${seconds.toFixed(0)} s)`);
      }
    },
  },
});
const validation = evaluate(model, () => oneHotBatches(validationBatches, 0, Math.min(20, validationBatches.numBatches), tokenizer.vocabSize), {
  loss: sparseCategoricalCrossEntropy(),
});
const validationBitsPerChar = (validation.loss ?? Number.NaN) / Math.LN2;
console.log(`validation: ${validationBitsPerChar.toFixed(3)} bits/char`);
const sample = sampleText(model, tokenizer, { prompt: 'I got in the car and', length: 200, temperature: 0.7, seed: 1 });
console.log(`sample: ${sample.prompt}${sample.text}`);

const { manifest, weights } = await encodeCharModel(model, tokenizer, config, {
  units,
  parameters: model.countParams(),
  updates,
  batchSize,
  seqLength,
  learningRate,
  validationBitsPerChar: Number(validationBitsPerChar.toFixed(4)),
  corpus: 'tinyshakespeare.txt (first 95 %)',
});
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'model.json'), `${JSON.stringify(manifest, null, 1)}\n`);
writeFileSync(join(outDir, 'weights.bin'), Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength));
console.log(`wrote ${outDir} (${(weights.byteLength / 1024).toFixed(0)} KB of weights)`);
