// Ctrl-C during training: the spawned binary gets a real SIGINT after its second epoch (or in its
// first), stops after the current batch, exits 130 naming the checkpoint of that batch, and
// `--resume` finishes the run with the same losses and scores as a run that was never
// interrupted (same seed, cpu backend).

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, errorLine, runCli, spawnCli, tempDir, writeTemperatureSlice } from './cli-harness.js';

const ARGS = ['forecast', 'temps.csv', '--window', '5', '--units', '6', '--batch-size', '16', '--lr', '0.01', '--backend', 'cpu'];

let dir: { path: string; remove: () => Promise<void> };
const cwd = (): { cwd: string } => ({ cwd: dir.path });

beforeAll(async () => {
  dir = await tempDir();
  await writeTemperatureSlice(dir.path, 'temps.csv', 0, 500);
});

afterAll(async () => {
  await dir.remove();
});

describe('Ctrl-C and --resume', () => {
  it('saves a checkpoint and exits 130; --resume continues to the same result as an uninterrupted run', async () => {
    const child = spawnCli([...ARGS, '--epochs', '200', '--out', 'model'], cwd());
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (/^epoch 2\/200/m.test(stderr) && !child.killed) child.kill('SIGINT');
    });
    const interrupted = await collect(child);
    expect(interrupted.code, interrupted.stderr).toBe(130);
    expect(interrupted.stderr).toMatch(/interrupted: stopping after this batch/);
    const message = /rnnkit: interrupted during epoch (\d+); the checkpoint after batch (\d+) of epoch (\d+) is in model-checkpoint; continue with: (rnnkit .*)$/m.exec(interrupted.stderr);
    expect(message, interrupted.stderr).not.toBeNull();
    expect(Number(message?.[1])).toBeGreaterThanOrEqual(3);
    expect(message?.[3]).toBe(message?.[1]);
    expect(message?.[4]).toBe(`rnnkit ${[...ARGS, '--epochs', '200', '--out', 'model'].join(' ')} --resume model-checkpoint`);
    expect((await readdir(join(dir.path, 'model-checkpoint'))).sort()).toEqual(['checkpoint.json', 'rnnkit-run.json']);
    expect((await readdir(dir.path)).sort()).toEqual(['model-checkpoint', 'temps.csv']);

    // Continue to 6 epochs in all (the epoch count may change on resume; nothing else may).
    const resumed = await runCli([...ARGS, '--epochs', '6', '--out', 'model', '--resume', 'model-checkpoint', '--json'], cwd());
    expect(resumed.code, resumed.stderr).toBe(0);
    const uninterrupted = await runCli([...ARGS, '--epochs', '6', '--out', 'straight', '--json'], cwd());
    expect(uninterrupted.code, uninterrupted.stderr).toBe(0);
    const a = JSON.parse(resumed.stdout) as { epochs: number; scores: unknown; history: Record<string, number[]> };
    const b = JSON.parse(uninterrupted.stdout) as typeof a;
    expect(a.epochs).toBe(6);
    expect(a.history.loss).toEqual(b.history.loss);
    expect(a.scores).toEqual(b.scores);
    expect((await readdir(dir.path)).sort()).toEqual(['model', 'straight', 'temps.csv']);
  });

  it('Ctrl-C inside the first epoch leaves a checkpoint of the batch reached; --resume ends like an uninterrupted run', async () => {
    // 2000 days in batches of 4 windows: ~400 batches an epoch, so the SIGINT sent on the
    // training header (printed after the first batch) lands well inside epoch 1.
    await writeTemperatureSlice(dir.path, 'long.csv', 0, 2000);
    const long = ['forecast', 'long.csv', ...ARGS.slice(2), '--batch-size', '4', '--epochs', '2'];
    const args = [...long, '--out', 'early'];
    const child = spawnCli(args, cwd());
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (/^training LSTM/m.test(stderr) && !child.killed) child.kill('SIGINT');
    });
    const interrupted = await collect(child);
    expect(interrupted.code, interrupted.stderr).toBe(130);
    const message = /rnnkit: interrupted during epoch 1; the checkpoint after batch (\d+) of epoch 1 is in early-checkpoint; continue with: (rnnkit .*)$/m.exec(interrupted.stderr);
    expect(message, interrupted.stderr).not.toBeNull();
    expect(Number(message?.[1])).toBeGreaterThanOrEqual(1);
    expect(message?.[2]).toBe(`rnnkit ${args.join(' ')} --resume early-checkpoint`);

    const [resumed, uninterrupted] = await Promise.all([
      runCli([...args, '--resume', 'early-checkpoint', '--json'], cwd()),
      runCli([...long, '--out', 'early-straight', '--json'], cwd()),
    ]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(uninterrupted.code, uninterrupted.stderr).toBe(0);
    const a = JSON.parse(resumed.stdout) as { epochs: number; scores: unknown; history: Record<string, number[]> };
    const b = JSON.parse(uninterrupted.stdout) as typeof a;
    expect(a.epochs).toBe(2);
    const { seconds: _a, ...lossesA } = a.history;
    const { seconds: _b, ...lossesB } = b.history;
    expect(lossesA).toEqual(lossesB);
    expect(lossesA.loss).toHaveLength(2);
    expect(a.scores).toEqual(b.scores);
  });

  it('refuses to resume with other settings (2) or from a directory that is not a checkpoint (4)', async () => {
    const child = spawnCli([...ARGS, '--epochs', '200', '--out', 'second'], cwd());
    child.stderr?.on('data', (chunk: Buffer) => {
      if (/^epoch 1\/200/m.test(chunk.toString())) child.kill('SIGINT');
    });
    expect((await collect(child)).code).toBe(130);
    const [otherUnits, notCheckpoint] = await Promise.all([
      runCli([...ARGS, '--units', '12', '--out', 'second', '--resume', 'second-checkpoint'], cwd()),
      runCli([...ARGS, '--out', 'second', '--resume', '.'], cwd()),
    ]);
    expect(otherUnits.code).toBe(2);
    expect(errorLine(otherUnits)).toBe('rnnkit: --resume continues the saved run, but --units 12 (checkpoint: 6) differs from it; drop those options, or start a new run without --resume');
    expect(notCheckpoint.code).toBe(4);
    expect(notCheckpoint.stderr).toContain('rnnkit: --resume . is not an rnnkit checkpoint directory');
  });
});
