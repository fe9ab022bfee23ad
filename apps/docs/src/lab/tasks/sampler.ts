// Chapter 8: sample text from the char model shipped with the site (public/models/), and train
// it some more on tinyshakespeare in the worker. The model stays loaded between messages.
import type { SequentialModel } from '@rnnkit/core';
import { languageModelBatches } from '@rnnkit/data';
import type { CharTokenizer } from '@rnnkit/data';
import { train } from '@rnnkit/train';
import shakespeareUrl from '@datasets/tinyshakespeare.txt?url';
import { charTrainingOptions, decodeCharModel, oneHotBatches, sampleText } from '../../char-model/char-model.js';
import type { CharModelManifest } from '../../char-model/char-model.js';
import type { Task } from '../protocol.js';

/** What the page asks. */
export type SamplerPayload =
  | { action: 'load' }
  | { action: 'sample'; prompt: string; temperature: number; length: number; seed: number }
  | { action: 'train'; steps: number; learningRate: number };

let loaded: { model: SequentialModel; tokenizer: CharTokenizer; manifest: CharModelManifest } | null = null;
let corpus: Int32Array | null = null;
let cursor = 0;

async function load(): Promise<NonNullable<typeof loaded>> {
  if (loaded) return loaded;
  const base = `${import.meta.env.BASE_URL}models/char-shakespeare/`;
  const [manifest, bytes] = await Promise.all([
    fetch(`${base}model.json`).then((r) => r.json() as Promise<CharModelManifest>),
    fetch(`${base}weights.bin`).then((r) => r.arrayBuffer()),
  ]);
  loaded = { ...decodeCharModel(manifest, bytes), manifest };
  return loaded;
}

export const sampler: Task = async (payload, { progress, signal }) => {
  const request = payload as SamplerPayload;
  const { model, tokenizer, manifest } = await load();
  if (request.action === 'load') return { training: manifest.training, vocabSize: tokenizer.vocabSize };
  if (request.action === 'sample') return sampleText(model, tokenizer, request);

  // Train more: the next char-rnn batches (16 tracks × 64 characters) of the corpus.
  if (!corpus) corpus = tokenizer.encode(await (await fetch(shakespeareUrl)).text());
  const batches = languageModelBatches(corpus, { batchSize: 16, seqLength: 64 });
  const { steps, learningRate } = request;
  const first = cursor;
  cursor = (cursor + steps) % batches.numBatches;
  const bitsPerChar: number[] = [];
  await train(model, () => oneHotBatches(batches, first, steps, tokenizer.vocabSize), {
    ...charTrainingOptions(learningRate),
    signal,
    callbacks: {
      onBatchEnd: (logs) => {
        bitsPerChar.push(logs.loss / Math.LN2);
        progress({ bitsPerChar });
      },
    },
  });
  return { bitsPerChar };
};
