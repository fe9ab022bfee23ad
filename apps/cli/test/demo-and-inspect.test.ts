// `rnnkit demo` with one epoch (RNNKIT_DEMO_EPOCHS, as CI runs it), then `rnnkit inspect` on the
// model it wrote. The persistence RMSE on 1990 is checked against the same number computed here
// from the CSV; the trace against the LSTM equations.

import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorLine, runCli, tempDir, temperatureSeries, writeTemperatureSlice } from './cli-harness.js';

let dir: { path: string; remove: () => Promise<void> };
let demo: { scores: Record<string, { rmse: number; mae: number }>; epochs: number; test: { days: number }; files: string[]; out: string };
const cwd = (): { cwd: string } => ({ cwd: dir.path });

beforeAll(async () => {
  dir = await tempDir();
  const run = await runCli(['demo', '--json'], { ...cwd(), env: { RNNKIT_DEMO_EPOCHS: '1' }, timeoutMs: 150_000 });
  expect(run.code, run.stderr).toBe(0);
  demo = JSON.parse(run.stdout) as typeof demo;
});

afterAll(async () => {
  await dir.remove();
});

describe('rnnkit demo', () => {
  it('takes its epoch count from RNNKIT_DEMO_EPOCHS and holds out the 365 days of 1990', () => {
    expect(demo.epochs).toBe(1);
    expect(demo.test.days).toBe(365);
  });

  it('scores the LSTM, the windowed MLP and persistence; persistence as computed from the CSV by hand', async () => {
    const { dates, values } = await temperatureSeries();
    const first = dates.indexOf('1990-01-01');
    let sum = 0;
    for (let t = first; t < values.length; t++) sum += ((values[t] as number) - (values[t - 1] as number)) ** 2;
    expect(demo.scores.persistence?.rmse).toBeCloseTo(Math.sqrt(sum / (values.length - first)), 4);
    expect(Object.keys(demo.scores)).toEqual(['LSTM (30 days)', 'MLP (3 days)', 'persistence']);
    for (const s of Object.values(demo.scores)) expect(s.rmse).toBeGreaterThan(0);
  });

  it('writes report.html with the charts inline, the model, and its marker file', async () => {
    const files = await readdir(join(dir.path, 'rnnkit-demo'));
    expect(files).toEqual(expect.arrayContaining(['.rnnkit-demo', 'model.json', 'report.html', 'forecast.svg', 'loss.svg']));
    const html = await readFile(join(dir.path, 'rnnkit-demo', 'report.html'), 'utf8');
    expect(html.match(/<svg/g)?.length).toBeGreaterThanOrEqual(4);
    expect(html).toContain('<td>persistence</td>');
    expect(html).toContain(`<td>${demo.scores.persistence?.rmse.toFixed(3)}</td>`);
    expect((await readdir(dir.path)).sort()).toEqual(['rnnkit-demo']);
  });

  it('replaces its own earlier output without --force, printing the table and a plot on stdout and progress on stderr', async () => {
    const run = await runCli(['demo', '--epochs', '1'], cwd());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/forecaster\s+RMSE \(°C\)\s+MAE \(°C\)/);
    expect(run.stdout).toMatch(/^persistence\s+\d+\.\d{3}\s+\d+\.\d{3}$/m);
    expect(run.stdout).toContain('1990: actual vs LSTM forecast');
    expect(run.stdout).not.toContain('epoch 1/1');
    expect(run.stderr).toContain('epoch 1/1');
    expect(run.stderr).not.toContain('\x1b[');
  });

  it('does not replace a directory that is not demo output (2)', async () => {
    await mkdir(join(dir.path, 'elsewhere', 'rnnkit-demo'), { recursive: true });
    await writeFile(join(dir.path, 'elsewhere', 'rnnkit-demo', 'notes.txt'), 'mine');
    const run = await runCli(['demo', '--epochs', '1'], { cwd: join(dir.path, 'elsewhere') });
    expect(run.code).toBe(2);
    expect(errorLine(run)).toBe('rnnkit: --out rnnkit-demo already exists; pass --force to replace it, or choose another --out');
  });
});

describe('rnnkit inspect a forecaster', () => {
  it('summarises the layers with Keras parameter counts: LSTM 4u(F+u+1), Dense u+1', async () => {
    const run = await runCli(['inspect', 'rnnkit-demo', '--json'], cwd());
    expect(run.code, run.stderr).toBe(0);
    const { summary, kind } = JSON.parse(run.stdout) as { kind: string; summary: { layers: { className: string; params: number }[]; totalParams: number } };
    const u = 32;
    expect(kind).toBe('forecaster');
    expect(summary.layers.map((l) => [l.className, l.params])).toEqual([
      ['LSTM', 4 * u * (1 + u + 1)],
      ['Dense', u + 1],
    ]);
    expect(summary.totalParams).toBe(4 * u * (u + 2) + u + 1);
  });

  it('--trace draws states, gates and gradient flow whose numbers obey c_t = f⊙c_{t−1} + i⊙g and h_t = o⊙tanh(c_t)', async () => {
    await writeTemperatureSlice(dir.path, 'recent.csv', 3000, 60);
    const run = await runCli(['inspect', 'rnnkit-demo', '--trace', 'recent.csv', '--out', 'trace'], cwd());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('hidden state h_t');
    const files = await readdir(join(dir.path, 'trace'));
    expect(files).toEqual(expect.arrayContaining(['lstm-hidden.svg', 'lstm-cell.svg', 'lstm-f.svg', 'lstm-gradient-flow.svg', 'trace.json']));
    const trace = JSON.parse(await readFile(join(dir.path, 'trace', 'trace.json'), 'utf8')) as {
      labels: string[];
      layers: { hidden: number[][]; cell: number[][]; gates: Record<string, number[][]>; gradientNorms: number[] }[];
    };
    const layer = trace.layers[0]!;
    expect(trace.labels).toHaveLength(30);
    expect(layer.hidden).toHaveLength(30);
    const [i, f, g, o] = ['input gate i', 'forget gate f', 'candidate g', 'output gate o'].map((k) => layer.gates[k]!);
    let worst = 0;
    for (let t = 0; t < 30; t++) {
      for (let k = 0; k < 32; k++) {
        const cPrev = t === 0 ? 0 : layer.cell[t - 1]![k]!;
        const c = f![t]![k]! * cPrev + i![t]![k]! * g![t]![k]!;
        worst = Math.max(worst, Math.abs(c - layer.cell[t]![k]!), Math.abs(o![t]![k]! * Math.tanh(c) - layer.hidden[t]![k]!));
      }
    }
    expect(worst).toBeLessThan(1e-5);
    expect(layer.gradientNorms).toHaveLength(30);
    expect(layer.gradientNorms.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
  });
});
