// Benchmarks of @rnnkit/data (not tests): lazy windowing of a long series, BPE training on
// tinyshakespeare, and char / BPE encode throughput.
// Run: pnpm bench            (full sizes; figures go in README.md)
//      pnpm bench --smoke    (tiny sizes, for CI: checks the script runs; the default when CI=true)

import { readFileSync } from 'node:fs';
import '@tensorflow/tfjs-backend-cpu';
import { memory, ready, setBackend, dispose } from '@tensorflow/tfjs-core';
import { bpeTokenizer, charTokenizer, slidingWindows, tokenizerFromJSON } from '../src/index.js';

// CI runs the smoke mode (CI=true) unless told --full.
const smoke = process.argv.includes('--smoke') || (process.env.CI === 'true' && !process.argv.includes('--full'));
const sizes = smoke
  ? { points: [20_000], window: 64, batch: 256, corpusChars: 50_000, vocab: 300, encodeRounds: 1 }
  : { points: [1_000_000, 10_000_000], window: 64, batch: 256, corpusChars: Infinity, vocab: 512, encodeRounds: 3 };

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const mb = (bytes: number): string => (bytes < 2 ** 20 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 2 ** 20).toFixed(1)} MB`);
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const rows: [string, string][] = [];
const report = (what: string, figure: string): void => {
  rows.push([what, figure]);
  console.log(`${what.padEnd(58)} ${figure}`);
};

await setBackend('cpu');
await ready();
console.log(`@rnnkit/data bench${smoke ? ' (smoke)' : ''} — node ${process.version}, gc ${typeof (globalThis as { gc?: unknown }).gc === 'function' ? 'exposed' : 'not exposed'}\n`);

// ---- 1. windowing a long series -------------------------------------------------------------
// RSS is sampled through the pass: it must plateau (GC headroom for the per-batch arrays), not
// grow with the number of windows.
for (const points of sizes.points) {
  const { window, batch } = sizes;
  const series = new Float32Array(points);
  for (let t = 0; t < points; t++) series[t] = Math.sin(t / 50) + 0.1 * Math.sin(t * 1.7);
  gc();
  const rssBefore = process.memoryUsage().rss;
  const checkpoints: number[] = [];
  const t0 = performance.now();
  const ds = slidingWindows(series, { window, batchSize: batch });
  let checksum = 0;
  let k = 0;
  const every = Math.ceil(ds.numBatches / 4);
  for (const b of ds) {
    checksum += (b.xs[0] as number) + (b.ys?.[0] ?? 0);
    if (++k % every === 0 || k === ds.numBatches) checkpoints.push(process.memoryUsage().rss - rssBefore);
  }
  const ms = performance.now() - t0;
  const materialised = ds.size * window * 4;
  report(`windowing ${points.toLocaleString('en')} points, window ${window}, batch ${batch} (arrays)`, `${seconds(ms)}, ${ds.size.toLocaleString('en')} windows`);
  report('  RSS growth at 25 / 50 / 75 / 100 % of the pass', `${checkpoints.map(mb).join(' / ')} (materialising all windows: ${mb(materialised)})`);
  if (points === sizes.points[0]) {
    const tensorsBefore = memory().numTensors;
    const t1 = performance.now();
    for (const { xs, ys } of ds.batches({ as: 'tensors' })) dispose([xs, ys ?? xs]);
    report('  same pass as tfjs tensors (created and disposed per batch)', `${seconds(performance.now() - t1)}, tensors leaked: ${memory().numTensors - tensorsBefore}`);
  }
  if (!Number.isFinite(checksum)) throw new Error('checksum');
}

// ---- 2. BPE training on tinyshakespeare ------------------------------------------------------
const corpusFull = readFileSync(new URL('../datasets/tinyshakespeare.txt', import.meta.url), 'utf8');
const corpus = corpusFull.slice(0, Math.min(corpusFull.length, sizes.corpusChars));
const corpusBytes = Buffer.byteLength(corpus, 'utf8');
{
  const t0 = performance.now();
  const bpe = bpeTokenizer({ vocabSize: sizes.vocab }).fit(corpus);
  report(`BPE training, tinyshakespeare (${mb(corpusBytes)}) → vocab ${bpe.vocabSize}`, seconds(performance.now() - t0));

  // ---- 3. encode throughput ----------------------------------------------------------------
  const char = charTokenizer().fit(corpus);
  const throughput = (label: string, run: () => void, rounds: number): void => {
    const t = performance.now();
    for (let r = 0; r < rounds; r++) run();
    const s = (performance.now() - t) / 1000;
    report(label, `${((corpusBytes * rounds) / 2 ** 20 / s).toFixed(1)} MB/s`);
  };
  throughput('char encode', () => char.encode(corpus), sizes.encodeRounds);
  const charIds = char.encode(corpus);
  throughput('char decode', () => char.decode(charIds), sizes.encodeRounds);
  const cold = tokenizerFromJSON(bpe.toJSON());
  throughput('BPE encode, cold word cache (first pass)', () => cold.encode(corpus), 1);
  throughput('BPE encode, warm word cache', () => bpe.encode(corpus), sizes.encodeRounds);
  const ids = bpe.encode(corpus);
  report('  tokens per byte', (ids.length / corpusBytes).toFixed(3));
  throughput('BPE decode', () => bpe.decode(ids), sizes.encodeRounds);
}

const load = (await import('node:os')).loadavg()[0]?.toFixed(1);
console.log(`\nnode ${process.version}, ${(await import('node:os')).cpus().length} cores, 1-minute load average ${load}`);
console.log('\n| measurement | figure |\n|---|---|');
for (const [what, figure] of rows) console.log(`| ${what.trim()} | ${figure} |`);
