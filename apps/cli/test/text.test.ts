// `rnnkit text train` / `text sample` / `inspect --trace` on a small slice of tinyshakespeare,
// against the built binary. Perplexity and bits per character are checked against their
// definitions from the reported cross-entropy; the vocabulary against the slice's characters.

import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorLine, runCli, tempDir, writeShakespeareSlice, writeTemperatureSlice } from './cli-harness.js';

const CHARS = 6000;

let dir: { path: string; remove: () => Promise<void> };
let text: string;
let trained: Record<string, unknown>;
const cwd = (): { cwd: string } => ({ cwd: dir.path });

beforeAll(async () => {
  dir = await tempDir();
  text = await readFile(await writeShakespeareSlice(dir.path, 'shakespeare.txt', CHARS), 'utf8');
  const run = await runCli(
    ['text', 'train', 'shakespeare.txt', '--units', '24', '--embedding', '8', '--seq-len', '16', '--batch-size', '8', '--epochs', '1', '--lr', '0.01', '--out', 'lm', '--json'],
    cwd(),
  );
  expect(run.code, run.stderr).toBe(0);
  trained = JSON.parse(run.stdout) as Record<string, unknown>;
});

afterAll(async () => {
  await dir.remove();
});

describe('rnnkit text train', () => {
  it('uses one token per distinct character of the text (on the wasm backend under auto: embeddings train there)', () => {
    expect(trained.backend).toBe('wasm');
    expect(trained.tokenizer).toBe('char');
    expect(trained.vocabSize).toBe(new Set(text).size);
  });

  it('splits the token stream 90 / 10 and reports perplexity = e^loss and bits per character = loss / ln 2', () => {
    expect(trained.tokens).toEqual({ train: Math.round(CHARS * 0.9), validation: CHARS - Math.round(CHARS * 0.9) });
    const loss = trained.valLoss as number;
    expect(loss).toBeGreaterThan(0);
    // An untrained model over V characters sits near ln V; one epoch must not be worse than 1.2 ln V.
    expect(loss).toBeLessThan(1.2 * Math.log(trained.vocabSize as number));
    expect(trained.perplexity as number).toBeCloseTo(Math.exp(loss), 3);
    expect(trained.bitsPerCharacter as number).toBeCloseTo(loss / Math.LN2, 4);
  });

  it('saves the model with its tokenizer, and a sample drawn from the vocabulary', async () => {
    const modelJson = JSON.parse(await readFile(join(dir.path, 'lm', 'model.json'), 'utf8')) as { userDefinedMetadata: Record<string, { kind?: string }> };
    expect(modelJson.userDefinedMetadata.tokenizer?.kind).toBe('char');
    expect(modelJson.userDefinedMetadata.text?.kind).toBe('rnnkit-text');
    const vocabulary = new Set(text);
    expect([...(trained.sample as string)].every((c) => vocabulary.has(c))).toBe(true);
    expect((await readdir(dir.path)).sort()).toEqual(['lm', 'shakespeare.txt']);
  });

  it('refuses an empty text with a data error (3)', async () => {
    await writeFile(join(dir.path, 'empty.txt'), '  \n');
    const run = await runCli(['text', 'train', 'empty.txt'], cwd());
    expect(run.code).toBe(3);
    expect(errorLine(run)).toBe('rnnkit: empty.txt is empty: there is no text to learn from; give a UTF-8 text file with some text in it');
  });
});

describe('rnnkit text sample', () => {
  it('continues the prime with --length characters of the vocabulary; the same seed gives the same text', async () => {
    const args = ['text', 'sample', 'lm', '--prime', 'ROMEO:', '--length', '40', '--temperature', '0.8'];
    const [a, b, c] = await Promise.all([runCli([...args, '--seed', '1'], cwd()), runCli([...args, '--seed', '1'], cwd()), runCli([...args, '--seed', '2'], cwd())]);
    for (const run of [a, b, c]) expect(run.code, run.stderr).toBe(0);
    const sample = a.stdout.replace(/\n$/, '');
    expect(sample.startsWith('ROMEO:')).toBe(true);
    expect(sample.length).toBe('ROMEO:'.length + 40);
    const vocabulary = new Set(text);
    expect([...sample.slice(6)].every((ch) => vocabulary.has(ch))).toBe(true);
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).not.toBe(a.stdout);
  });

  it('--top-k 1 is greedy: any seed gives the same text', async () => {
    const args = ['text', 'sample', 'lm', '--prime', 'the ', '--length', '20', '--top-k', '1', '--json'];
    const [a, b] = await Promise.all([runCli([...args, '--seed', '1'], cwd()), runCli([...args, '--seed', '9'], cwd())]);
    expect(a.code, a.stderr).toBe(0);
    expect((JSON.parse(a.stdout) as { text: string }).text).toBe((JSON.parse(b.stdout) as { text: string }).text);
  });

  it('a prime with characters the model never saw is a usage error (2)', async () => {
    const run = await runCli(['text', 'sample', 'lm', '--prime', 'ünïcödé'], cwd());
    expect(run.code).toBe(2);
    expect(errorLine(run)).toMatch(/^rnnkit: --prime "ünïcödé" cannot be encoded/);
  });

  it('a forecaster is not a language model, and a language model is not a forecaster (exit 4)', async () => {
    await writeTemperatureSlice(dir.path, 'temps.csv', 0, 120);
    const forecast = await runCli(['forecast', 'temps.csv', '--window', '3', '--units', '4', '--epochs', '1', '--out', 'fc', '--quiet'], cwd());
    expect(forecast.code, forecast.stderr).toBe(0);
    const [sampleFc, predictLm] = await Promise.all([runCli(['text', 'sample', 'fc'], cwd()), runCli(['predict', 'lm'], cwd())]);
    expect(sampleFc.code).toBe(4);
    expect(errorLine(sampleFc)).toBe('rnnkit: fc holds a forecaster (use rnnkit predict), not a language model written by rnnkit text train; give a directory written by rnnkit text train');
    expect(predictLm.code).toBe(4);
    expect(errorLine(predictLm)).toBe('rnnkit: lm holds a language model (use rnnkit text sample), not a forecaster written by rnnkit forecast or rnnkit demo; give a directory written by rnnkit forecast or rnnkit demo');
  });
});

describe('rnnkit inspect a language model', () => {
  it('traces a text: one heatmap per gate, states and gradient norms for every step', async () => {
    const run = await runCli(['inspect', 'lm', '--trace', 'To be, or not to be', '--out', 'trace', '--json'], cwd());
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { trace: { files: string[]; layers: { steps: number; gradientNorms: number[] }[] } };
    expect(result.trace.files).toEqual(
      expect.arrayContaining(['lstm-hidden.svg', 'lstm-cell.svg', 'lstm-i.svg', 'lstm-f.svg', 'lstm-g.svg', 'lstm-o.svg', 'lstm-gradient-flow.svg', 'trace.json']),
    );
    const steps = 'To be, or not to be'.length - 1;
    expect(result.trace.layers[0]?.steps).toBe(steps);
    expect(result.trace.layers[0]?.gradientNorms).toHaveLength(steps);
    expect(result.trace.layers[0]?.gradientNorms.every((g) => Number.isFinite(g) && g >= 0)).toBe(true);
  });
});
