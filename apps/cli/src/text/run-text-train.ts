// `rnnkit text train <file.txt>`: tokenize (@rnnkit/data), split the token stream into training
// and validation, cut it into char-rnn batches, train an embedding → recurrent → dense language
// model with carried state and (truncated) BPTT, report validation loss, perplexity and bits
// per character, and save the model with its tokenizer.

import { saveModel } from '@rnnkit/core';
import { bpeTokenizer, charTokenizer, languageModelBatches, splitSeries, wordTokenizer } from '@rnnkit/data';
import type { LanguageModelBatches, Tokenizer } from '@rnnkit/data';
import { bitsPerCharacter, evaluate, perplexity, sparseCategoricalCrossEntropy } from '@rnnkit/train';
import { resolve } from 'node:path';
import { CliError } from '../cli-error.js';
import type { CommandScope } from '../command-scope.js';
import type { TextTrainOptions } from '../commands/text-command.js';
import { inContext } from '../describe-error.js';
import { stageOutputDir } from '../files/output-dir.js';
import { readInputFile } from '../files/read-input-file.js';
import { languageModel } from '../model/build-model.js';
import { formatTable } from '../output/format-table.js';
import { historySeries, settingsRecord } from '../training/history-series.js';
import { checkpointDirFor, closeCheckpointDir, dropEmptyCheckpointDir, openCheckpointDir, readCheckpointDir, resumedSettings, sha256 } from '../training/checkpoint-dir.js';
import { optimizerByName } from '../training/optimizer-by-name.js';
import { runTraining } from '../training/run-training.js';
import { generateText } from './generate-text.js';
import { textMetadata } from './text-metadata.js';
import type { TextInfo } from './text-metadata.js';

const RUN_KEYS = ['tokenizer', 'vocabSize', 'seqLen', 'embedding', 'tbptt', 'cell', 'units', 'layers', 'epochs', 'minutes', 'batchSize', 'lr', 'optimizer', 'clip', 'val', 'seed'] as const;

/** Training epochs when --minutes sets a time budget instead. */
const EPOCHS_UNDER_BUDGET = 1_000_000;

function makeTokenizer(options: TextTrainOptions): Tokenizer {
  if (options.tokenizer === 'word') return wordTokenizer({ oovToken: '<unk>', ...(options.vocabSize === undefined ? {} : { numWords: options.vocabSize }) });
  if (options.tokenizer === 'bpe') return bpeTokenizer({ vocabSize: options.vocabSize ?? 512 });
  return charTokenizer();
}

/** Batches for a token part, with fewer rows when the part is short (validation). */
function batchesFor(ids: Int32Array, batchSize: number, seqLen: number): LanguageModelBatches | undefined {
  const rows = Math.min(batchSize, Math.floor((ids.length - 1) / seqLen));
  return rows >= 1 ? languageModelBatches(ids, { batchSize: rows, seqLength: seqLen }) : undefined;
}

/** Runs `rnnkit text train`. */
export async function runTextTrain(file: string, given: TextTrainOptions, scope: CommandScope): Promise<void> {
  const { output } = scope;
  const text = await readInputFile(file, 'text file');
  if (text.trim() === '') throw new CliError('data', `${file} is empty: there is no text to learn from`, 'give a UTF-8 text file with some text in it');
  const dataSha256 = sha256(text);
  const run = given.resume === undefined ? undefined : await readCheckpointDir(given.resume, 'text train');
  if (run && run.dataSha256 !== dataSha256) {
    throw new CliError('data', `${file} is not the text the checkpoint in ${given.resume} was trained on (its contents differ)`, 'resume with the same file, or start a new run without --resume');
  }
  const runKeys: readonly string[] = RUN_KEYS;
  const options = run ? resumedSettings(run.settings, given, scope.explicit.filter((k) => runKeys.includes(k)), ['epochs', 'minutes']) : given;
  const staged = await stageOutputDir(options.out, { force: options.force });
  const checkpointDir = given.resume ?? checkpointDirFor(options.out);
  try {
    output.status(`tokenizing ${file} (${text.length} characters, ${options.tokenizer} tokenizer)`);
    const tokenizer = await inContext(file, () => makeTokenizer(options).fit(text), { INVALID_ARGUMENT: 'check --vocab-size (bpe needs at least 257)' });
    const ids = tokenizer.encode(text);
    const parts = options.val > 0 ? splitSeries(ids, { train: 1 - options.val, validation: options.val }) : { train: ids, validation: new Int32Array(0) };
    const train = await inContext(file, () => languageModelBatches(parts.train, { batchSize: options.batchSize, seqLength: options.seqLen }), {
      INVALID_ARGUMENT: 'lower --batch-size or --seq-len, or give a longer text',
      EMPTY_INPUT: 'give a longer text',
    });
    const validation = batchesFor(parts.validation, options.batchSize, options.seqLen);
    if (options.val > 0 && !validation) output.warn(`the validation part (${parts.validation.length} tokens) is shorter than --seq-len ${options.seqLen}; training without validation`);

    const model = languageModel({ cell: options.cell, units: options.units, layers: options.layers, returnSequences: true }, { vocabSize: tokenizer.vocabSize, embedding: options.embedding, seed: options.seed });
    const optimizer = optimizerByName(options.optimizer, options.lr);
    const loss = sparseCategoricalCrossEntropy();
    try {
      const runSettings = Object.fromEntries(RUN_KEYS.map((k) => [k, options[k] ?? null]));
      const record = { format: 'rnnkit-cli-run', version: 1, command: 'text train', settings: runSettings, dataSha256 } as const;
      const dropped = await openCheckpointDir(checkpointDir, record, { resuming: given.resume !== undefined });
      if (dropped) output.warn(`${checkpointDir} held the checkpoint of an earlier interrupted run; this new run replaces it`);
      const training = await runTraining(
        {
          model,
          data: train,
          batchesPerEpoch: train.numBatches,
          validation,
          epochs: options.minutes === undefined ? options.epochs : EPOCHS_UNDER_BUDGET,
          loss,
          optimizer,
          metrics: [perplexity()],
          seed: options.seed,
          clip: options.clip,
          truncatedBptt: options.tbptt,
          carryState: true,
          budgetSeconds: options.minutes === undefined ? undefined : options.minutes * 60,
          checkpointDir,
          resume: given.resume !== undefined,
          resumeHint: scope.resumeCommand(checkpointDir),
          label: `training ${options.cell.toUpperCase()} language model (${options.layers} × ${options.units} units, vocabulary ${tokenizer.vocabSize}) on ${parts.train.length} tokens`,
        },
        scope,
      );

      // Validation scores of the final model; bits per character converts bits per token by the
      // validation text's characters per token.
      const scores = validation ? evaluate(model, validation, { loss, metrics: [perplexity(), bitsPerCharacter()], carryState: true }) : undefined;
      const validationChars = validation ? tokenizer.decode(parts.validation).length : 0;
      const bitsPerToken = scores?.bitsPerCharacter ?? null;
      const metrics = {
        valLoss: scores?.loss ?? null,
        perplexity: scores?.perplexity ?? null,
        bitsPerToken,
        bitsPerCharacter: bitsPerToken === null ? null : options.tokenizer === 'char' ? bitsPerToken : (bitsPerToken * parts.validation.length) / validationChars,
      };
      const info: TextInfo = {
        kind: 'rnnkit-text',
        version: 1,
        data: { source: resolve(file), characters: text.length, tokens: ids.length },
        settings: settingsRecord({ ...runSettings, vocabSize: tokenizer.vocabSize }),
        metrics,
      };
      await inContext(options.out, () => saveModel(model, staged.path, { metadata: textMetadata(info, tokenizer, historySeries(training.history)), overwrite: true }));
      await staged.commit();
      await closeCheckpointDir(checkpointDir);

      const sample = generateText(model, tokenizer, { prime: options.tokenizer === 'word' ? tokenizer.decode([ids[0] as number]) : '\n', length: 200, temperature: 0.8, topK: undefined, seed: options.seed });
      const show = (v: number | null): string => (v === null ? 'n/a' : v.toFixed(4));
      output.data(
        `\n${formatTable(
          ['validation', 'value'],
          [
            ['loss (nats/token)', show(metrics.valLoss)],
            ['perplexity', show(metrics.perplexity)],
            ['bits per character', show(metrics.bitsPerCharacter)],
          ],
        )}\n`,
      );
      output.print(`sample (temperature 0.8):\n${sample.text}\n\nmodel written to ${options.out}/ (try: rnnkit text sample ${options.out} --prime "...")`);
      output.result({
        command: 'text train',
        out: staged.target,
        tokenizer: options.tokenizer,
        vocabSize: tokenizer.vocabSize,
        tokens: { train: parts.train.length, validation: parts.validation.length },
        epochs: training.epochs,
        steps: training.steps,
        stopReason: training.stopReason,
        ...metrics,
        history: historySeries(training.history),
        sample: sample.text,
        backend: scope.backend,
      });
    } finally {
      optimizer.dispose();
      model.dispose();
    }
  } finally {
    await staged.discard();
    await dropEmptyCheckpointDir(checkpointDir);
  }
}
