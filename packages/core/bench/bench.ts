// `pnpm bench` (`--smoke` for tiny sizes, `--rounds N`, `--only W4,W2`): W1–W5 for rnnkit's fused kernels
// (the native gemm where its addon is built, WASM SIMD and plain JS), tf.layers on tfjs's cpu and wasm backends, and PyTorch where
// Debian's python3-torch imports — in one run, A/B interleaved over several rounds (the order
// rotates each round), medians of wall-clock and CPU time, ratios, W2 memory and matmul-peak
// figures. Writes JSON under <repo>/bench/results/ (smoke runs: the system temp dir).

import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerChainedOps } from './chained-ops.js';
import { matmulPeak } from './matmul-peak.js';
import { median, sample } from './measure.js';
import type { Sample } from './measure.js';
import { startPyTorch } from './pytorch-contender.js';
import { formatReport } from './report.js';
import type { Row } from './report.js';
import type { Runner } from './rnnkit-contenders.js';
import { rnnkitChar, rnnkitStream, rnnkitTrain } from './rnnkit-contenders.js';
import { tfLayersStream, tfLayersTrain } from './tf-layers-contenders.js';
import { availableFusedBackends, setFusedBackend, wasmKernels } from '../src/fused/fused-backend.js';
import type { FusedBackendName } from '../src/fused/fused-backend.js';
import { NATIVE, WASM } from './report.js';
import { trainStepMacs, workloads } from './workloads.js';
import type { Workload } from './workloads.js';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const roundsArg = args.indexOf('--rounds');
const rounds = roundsArg >= 0 ? Number(args[roundsArg + 1]) : smoke ? 1 : 5;
const onlyArg = args.indexOf('--only');
/** `--only W4,W2`: just those workloads (and no matmul-peak or memory runs unless W2 is among them). */
const only = onlyArg >= 0 ? new Set((args[onlyArg + 1] ?? '').split(',')) : null;
const selected = (): Workload[] => workloads(smoke).filter((w) => !only || only.has(w.id));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const text = readFileSync(join(repoRoot, 'packages/data/datasets/tinyshakespeare.txt'), 'utf8');

type Contender = { name: string; tfBackend: 'cpu' | 'wasm'; fused: FusedBackendName; make(w: Workload): Runner | null };

/** rnnkit's fused kernels on one arithmetic backend (threads go to the backend selected while it runs). */
const fusedContender = (name: string, fused: FusedBackendName): Contender => ({
  name,
  tfBackend: 'wasm',
  fused,
  make: (w) => (w.kind === 'train' ? rnnkitTrain(w, fused) : w.kind === 'char' ? rnnkitChar(w, text, fused) : rnnkitStream(w, fused)),
});

/** Repetitions per round: enough for stable medians, few enough for the slow contenders. */
const repsFor = (w: Workload): number => (smoke ? 1 : w.id === 'W2' ? 1 : w.id === 'W5' ? 2 : 3);

const available = availableFusedBackends();
/** rnnkit's default backend ('auto'): native where the addon is built, else WASM SIMD. */
const primary = available.includes('native') ? NATIVE : WASM;
const contenders: Contender[] = [
  ...(available.includes('native') ? [fusedContender(NATIVE, 'native')] : []),
  fusedContender(WASM, 'wasm'),
  fusedContender('rnnkit fused (JS)', 'js'),
  { name: 'rnnkit model.step (tfjs cpu)', tfBackend: 'cpu', fused: 'js', make: (w) => (w.kind === 'stream' ? rnnkitStream(w, 'tfjs') : null) },
  { name: 'tf.layers (wasm)', tfBackend: 'wasm', fused: 'js', make: (w) => (w.kind === 'train' ? tfLayersTrain(w) : w.kind === 'stream' ? tfLayersStream(w) : null) },
  // tf.layers on the cpu backend: no W2 (the issue records none either; minutes per round).
  { name: 'tf.layers (cpu)', tfBackend: 'cpu', fused: 'js', make: (w) => (w.id === 'W2' ? null : w.kind === 'train' ? tfLayersTrain(w) : w.kind === 'stream' ? tfLayersStream(w) : null) },
];

async function main(): Promise<void> {
  registerChainedOps();
  const loadBefore = loadavg();
  const started = Date.now();
  const torch = smoke ? null : await startPyTorch();
  console.log(`rnnkit bench${smoke ? ' --smoke' : ''}: ${rounds} round(s), ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')}`);
  console.log(torch ? `PyTorch ${torch.version} (${torch.python}, ${torch.threads} intra-op thread(s), ${torch.blas} BLAS) runs in the same run` : smoke ? 'PyTorch: skipped in --smoke' : 'PyTorch: not importable here; the issue\'s recorded figures are shown as a labelled reference');

  const samples = new Map<string, Sample[]>(); // `${workload}|${contender}`
  const add = (w: string, c: string, s: Sample[]): void => void samples.set(`${w}|${c}`, [...(samples.get(`${w}|${c}`) ?? []), ...s]);
  for (const w of selected()) {
    const runners = new Map<string, Runner>();
    for (const c of contenders) {
      await tf.setBackend(c.tfBackend);
      setFusedBackend(c.fused);
      const runner = c.make(w);
      if (runner) runners.set(c.name, runner);
    }
    const names = [...runners.keys(), ...(torch ? ['PyTorch'] : [])];
    for (let round = 0; round < rounds; round++) {
      const order = names.map((_, i) => names[(i + round) % names.length] as string);
      for (const name of order) {
        if (name === 'PyTorch' && torch) {
          await torch.run(w, 1); // warm-up
          add(w.id, name, await torch.run(w, repsFor(w)));
          continue;
        }
        const contender = contenders.find((c) => c.name === name) as Contender;
        await tf.setBackend(contender.tfBackend);
        setFusedBackend(contender.fused);
        await wasmKernels()?.threadsReady();
        const runner = runners.get(name) as Runner;
        await runner.run(); // warm-up (and moves data to this backend)
        add(w.id, name, await sample(() => runner.run(), repsFor(w)));
      }
    }
    for (const [name, runner] of runners) {
      await tf.setBackend(contenders.find((c) => c.name === name)?.tfBackend ?? 'cpu');
      runner.dispose();
    }
    process.stdout.write(`  ${w.id} done\n`);
  }

  setFusedBackend('auto');
  const peak = await matmulPeak(smoke);
  const torchPeak = torch ? await torch.matmulPeakGflops() : null;
  torch?.close();
  const memory = !only || only.has('W2') ? measureW2Memory() : null;
  const rows: Row[] = selected().map((w) => ({
    workload: w,
    medians: Object.fromEntries(
      [...samples].filter(([key]) => key.startsWith(`${w.id}|`)).map(([key, s]) => [key.split('|')[1] as string, { wallMs: median(s.map((x) => x.wallMs)), cpuMs: median(s.map((x) => x.cpuMs)), n: s.length }]),
    ),
  }));
  const w2 = selected().find((w) => w.id === 'W2');
  const w2Rnnkit = rows.find((r) => r.workload.id === 'W2')?.medians[primary];
  const w2Gflops = w2 && w2.kind === 'train' && w2Rnnkit ? (2 * trainStepMacs(w2)) / (w2Rnnkit.cpuMs * 1e6) : null;
  const w2WallGflops = w2 && w2.kind === 'train' && w2Rnnkit ? (2 * trainStepMacs(w2)) / (w2Rnnkit.wallMs * 1e6) : null;
  const loadAfter = loadavg();
  const report = formatReport({ rows, primary, smoke, pytorchLive: torch !== null, peak, torchPeak, w2Gflops, w2WallGflops, memory, loadBefore, loadAfter });
  console.log(report);

  const result = {
    date: new Date(started).toISOString(),
    seconds: (Date.now() - started) / 1000,
    smoke,
    rounds,
    machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? null, node: process.version, loadBefore, loadAfter },
    pytorch: torch ? { version: torch.version, threads: torch.threads, blas: torch.blas, python: torch.python } : null,
    rnnkitThreads: peak.threads,
    matmulPeakGflops: { ...peak, pytorch: torchPeak },
    w2: {
      rnnkitMatmulGflops: w2Gflops,
      backend: primary,
      fractionOfOneThreadPeak: w2Gflops && peak.primary ? w2Gflops / peak.primary : null,
      rnnkitMatmulGflopsWall: w2WallGflops,
      fractionOfThreadedPeak: w2WallGflops && peak.primaryThreaded ? w2WallGflops / peak.primaryThreaded : null,
      memory,
    },
    rows: rows.map((r) => ({ workload: r.workload, medians: r.medians })),
    samples: Object.fromEntries(samples),
    table: report,
  };
  const dir = smoke ? tmpdir() : join(repoRoot, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, smoke ? 'rnnkit-bench-smoke.json' : `core-fused-${result.date.slice(0, 16).replace(/[:T]/g, '-')}${only ? `-only-${[...only].join('-')}` : ''}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  if (!smoke && !only) writeFileSync(join(dir, 'core-fused-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`results: ${file}`);
}

/** Runs w2-memory.ts in a process of its own. */
function measureW2Memory(): Record<string, number> | null {
  const script = fileURLToPath(new URL('./w2-memory.ts', import.meta.url));
  const child = spawnSync(process.execPath, [...process.execArgv, script, ...(smoke ? ['--smoke'] : [])], { encoding: 'utf8' });
  const line = child.stdout.trim().split('\n').pop();
  try {
    return line ? (JSON.parse(line) as Record<string, number>) : null;
  } catch {
    return null;
  }
}

await main();
