// `rnnkit text sample <model-dir>`: text from a language model trained by `rnnkit text train`.

import type { CommandScope } from '../command-scope.js';
import type { TextSampleOptions } from '../commands/text-command.js';
import { loadModelDir } from '../model/load-model-dir.js';
import { generateText } from './generate-text.js';
import { readTextMetadata } from './text-metadata.js';

/** Runs `rnnkit text sample`. */
export async function runTextSample(modelDir: string, options: TextSampleOptions, scope: CommandScope): Promise<void> {
  const loaded = await loadModelDir(modelDir);
  try {
    const { tokenizer } = readTextMetadata(modelDir, loaded.metadata);
    const prime = options.prime ?? '\n';
    const { text, ids } = generateText(loaded.model, tokenizer, { prime, length: options.length, temperature: options.temperature, topK: options.topK, seed: options.seed });
    const joined = `${prime}${tokenizer.kind === 'word' && text !== '' ? ' ' : ''}${text}`;
    scope.output.data(joined);
    scope.output.result({
      command: 'text sample',
      model: modelDir,
      prime,
      text,
      tokens: ids.length,
      temperature: options.temperature,
      topK: options.topK ?? null,
      seed: options.seed,
    });
  } finally {
    loaded.model.dispose();
  }
}
