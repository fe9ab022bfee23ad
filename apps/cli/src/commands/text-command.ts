// `rnnkit text train <file.txt>` and `rnnkit text sample <model-dir>`: a character-, word- or
// BPE-level language model (char-rnn's layout: contiguous tracks, truncated BPTT).

import { Command, Option } from 'commander';
import { withDefaults } from '../command-defaults.js';
import { runInScope } from '../command-scope.js';
import type { CliContext } from '../command-scope.js';
import { intPair, nonNegativeInt, positiveInt, positiveNumber } from '../options/parse-option.js';
import { addTrainingOptions } from '../options/training-options.js';
import type { TrainingOptions } from '../options/training-options.js';
import { TEXT_DEFAULTS, TOKENIZER_CHOICES } from '../text/text-settings.js';
import type { TokenizerChoice } from '../text/text-settings.js';

/** The parsed options of `rnnkit text train`. */
export interface TextTrainOptions extends TrainingOptions {
  readonly tokenizer: TokenizerChoice;
  readonly vocabSize: number | undefined;
  readonly seqLen: number;
  readonly embedding: number;
  readonly tbptt: readonly [number, number] | undefined;
  readonly minutes: number | undefined;
}

/** The parsed options of `rnnkit text sample`. */
export interface TextSampleOptions {
  readonly prime: string | undefined;
  readonly length: number;
  readonly temperature: number;
  readonly topK: number | undefined;
  readonly seed: number;
}

const TRAIN_HELP = `
The text is tokenized (characters, words, or byte-level BPE trained on the text), split into a
training stream and a validation stream (--val, the end of the text), and cut into --batch-size
contiguous tracks read --seq-len tokens at a time; the hidden state carries from one chunk to the
next (truncated BPTT: --tbptt k1,k2 updates every k1 steps backpropagating k2). Reports the
validation loss, perplexity and bits per character. --minutes trains for a time budget instead
of --epochs. Ctrl-C saves a checkpoint to <out>-checkpoint; continue with --resume.

Examples:
  $ rnnkit text train shakespeare.txt --minutes 10 --out char-model
  $ rnnkit text train corpus.txt --tokenizer bpe --vocab-size 512 --cell gru --units 256 --layers 2
  $ rnnkit text train notes.txt --tokenizer word --vocab-size 5000 --tbptt 20,40 --epochs 5`;

const SAMPLE_HELP = `
Generates text one token at a time, feeding each sampled token back (the model keeps its hidden
state between steps). --temperature below 1 is more conservative, above 1 more surprising;
--top-k samples among the k likeliest tokens; the same --seed gives the same text.

Examples:
  $ rnnkit text sample char-model --prime "ROMEO:" --length 400
  $ rnnkit text sample char-model --prime "I got in the car and" --temperature 0.7 --top-k 10 --seed 3`;

/** Defines `rnnkit text` with its `train` and `sample` subcommands. */
export function textCommand(context: CliContext): Command {
  const train = withDefaults(new Command('train'), context)
    .description('train a language model on a text file')
    .argument('<file.txt>', 'UTF-8 text')
    .addOption(new Option('--tokenizer <kind>', 'tokens: characters, words or byte-level BPE').choices(TOKENIZER_CHOICES).default(TEXT_DEFAULTS.tokenizer))
    .addOption(new Option('--vocab-size <n>', 'vocabulary size for word and bpe (char: every character seen)').argParser(positiveInt))
    .addOption(new Option('--seq-len <n>', 'tokens per training chunk').argParser(positiveInt).default(TEXT_DEFAULTS.seqLen))
    .addOption(new Option('--embedding <n>', 'size of the token embedding').argParser(positiveInt).default(TEXT_DEFAULTS.embedding))
    .addOption(new Option('--tbptt <k1,k2>', 'truncated BPTT: update every k1 steps, backpropagate k2 (default: k1 = k2 = --seq-len)').argParser(intPair))
    .addOption(new Option('--minutes <m>', 'train for this long instead of --epochs').argParser(positiveNumber));
  addTrainingOptions(train, TEXT_DEFAULTS)
    .addHelpText('after', TRAIN_HELP)
    .action((file: string, options: TextTrainOptions, cmd: Command) =>
      runInScope(cmd, context, async (scope) => (await import('../text/run-text-train.js')).runTextTrain(file, options, scope), { trains: true }),
    );

  const sample = withDefaults(new Command('sample'), context)
    .description('generate text with a trained language model')
    .argument('<model-dir>', 'directory written by rnnkit text train')
    .option('--prime <text>', 'text to start from (default: a newline)')
    .addOption(new Option('--length <n>', 'tokens to generate').argParser(positiveInt).default(200))
    .addOption(new Option('--temperature <t>', 'softmax temperature').argParser(positiveNumber).default(1))
    .addOption(new Option('--top-k <k>', 'sample among the k likeliest tokens').argParser(positiveInt))
    .addOption(new Option('--seed <n>', 'seed of the sampling').argParser(nonNegativeInt).default(0))
    .addHelpText('after', SAMPLE_HELP)
    .action((modelDir: string, options: TextSampleOptions, cmd: Command) =>
      runInScope(cmd, context, async (scope) => (await import('../text/run-text-sample.js')).runTextSample(modelDir, options, scope)),
    );

  return withDefaults(new Command('text'), context)
    .description('train a language model on text, and sample from it')
    .addCommand(train)
    .addCommand(sample);
}
