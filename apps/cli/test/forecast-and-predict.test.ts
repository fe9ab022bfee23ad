// `rnnkit forecast` and `rnnkit predict` end to end on a 400-day slice of the bundled Melbourne
// temperatures, against the built binary. The persistence RMSE the CLI reports is checked
// against the same number computed here from the CSV text.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, collect, errorLine, runCli, tempDir, temperatureLines, temperatureSeries, writeTemperatureSlice } from './cli-harness.js';

const ROWS = 400;
const TRAIN_ARGS = ['--window', '7', '--units', '8', '--epochs', '2', '--batch-size', '32', '--lr', '0.01'];

let dir: { path: string; remove: () => Promise<void> };
let forecastJson: Record<string, unknown>;
const cwd = (): { cwd: string } => ({ cwd: dir.path });

beforeAll(async () => {
  dir = await tempDir();
  await writeTemperatureSlice(dir.path, 'temps.csv', 0, ROWS);
  const run = await runCli(['forecast', 'temps.csv', '--column', 'Temp', '--date-column', 'Date', ...TRAIN_ARGS, '--out', 'model', '--json'], cwd());
  expect(run.code, run.stderr).toBe(0);
  forecastJson = JSON.parse(run.stdout) as Record<string, unknown>;
});

afterAll(async () => {
  await dir.remove();
});

describe('rnnkit forecast', () => {
  it('prints one JSON document on stdout under --json, progress on stderr', () => {
    expect(forecastJson.command).toBe('forecast');
    // --backend auto starts the wasm backend, its .wasm file read from node_modules.
    expect(forecastJson.backend).toBe('wasm');
    expect(forecastJson.target).toBe('Temp');
    expect(forecastJson.epochs).toBe(2);
  });

  it('splits rows in time order: 80 % train, 10 % validation, the last 10 % test', () => {
    expect(forecastJson.rows).toEqual({ train: [0, 320], validation: [320, 360], test: [360, 400] });
  });

  it('scores the LSTM, the windowed MLP and persistence; persistence as computed from the CSV by hand', async () => {
    const { values } = await temperatureSeries();
    let sum = 0;
    for (let t = 360; t < ROWS; t++) sum += ((values[t] as number) - (values[t - 1] as number)) ** 2;
    const reference = Math.sqrt(sum / (ROWS - 360));
    const scores = forecastJson.scores as Record<string, { rmse: number; mae: number }>;
    expect(scores.persistence?.rmse).toBeCloseTo(reference, 4);
    expect(Object.keys(scores)).toEqual(['LSTM', 'MLP', 'persistence']);
    for (const name of ['LSTM', 'MLP']) expect(scores[name]?.rmse).toBeGreaterThan(0);
  });

  it('writes the model directory: model.json with scaler and settings, SVG and PNG charts, metrics.json; no checkpoint left', async () => {
    const files = await readdir(join(dir.path, 'model'));
    expect(files).toEqual(expect.arrayContaining(['model.json', 'loss.svg', 'loss.png', 'forecast.svg', 'forecast.png', 'metrics.json']));
    const png = await readFile(join(dir.path, 'model', 'forecast.png'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(await readFile(join(dir.path, 'model', 'loss.svg'), 'utf8')).toContain('<svg');
    const modelJson = JSON.parse(await readFile(join(dir.path, 'model', 'model.json'), 'utf8')) as { userDefinedMetadata: Record<string, unknown> };
    const meta = modelJson.userDefinedMetadata;
    expect(meta.scaler).toMatchObject({ kind: 'standard', columnNames: ['Temp'] });
    expect(meta.window).toMatchObject({ window: 7, horizon: 1, inputColumns: ['Temp'], targetColumns: ['Temp'] });
    expect(meta.forecast).toMatchObject({ target: 'Temp', features: ['Temp'], dateColumn: 'Date' });
    expect((await readdir(dir.path)).sort()).toEqual(['model', 'temps.csv']);
  });
});

describe('rnnkit forecast: errors are one line with an exit code', () => {
  it('a missing file is a data error (3) naming the path', async () => {
    const run = await runCli(['forecast', 'nope.csv'], cwd());
    expect(run.code).toBe(3);
    expect(errorLine(run)).toBe('rnnkit: nope.csv does not exist; check the path of the CSV file');
  });

  it('--debug adds the stack trace', async () => {
    const run = await runCli(['forecast', 'nope.csv', '--debug'], cwd());
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^rnnkit: nope\.csv does not exist/m);
    expect(run.stderr).toMatch(/\n\s+at /);
  });

  it('a column that does not exist is a usage error (2) listing the columns that do', async () => {
    const run = await runCli(['forecast', 'temps.csv', '--column', 'Tmp'], cwd());
    expect(run.code).toBe(2);
    expect(errorLine(run)).toBe('rnnkit: temps.csv has no column "Tmp" (--column); its columns are "Date", "Temp"; pass one of them to --column');
  });

  it('an empty CSV is a data error (3); a BOM and blank lines before a quoted header do not hide its columns', async () => {
    await writeFile(join(dir.path, 'empty.csv'), '\r\n');
    await writeFile(join(dir.path, 'bom.csv'), '\uFEFF\r\n"Date","Temp"\r\n"1981-01-01",20.7\r\n');
    const [empty, bom] = await Promise.all([runCli(['forecast', 'empty.csv'], cwd()), runCli(['forecast', 'bom.csv', '--features', 'Temp,Rain'], cwd())]);
    expect(empty.code).toBe(3);
    expect(errorLine(empty)).toBe('rnnkit: empty.csv: the CSV is empty: it has no header row; give a CSV file with a header row and data rows');
    expect(bom.code).toBe(2);
    expect(errorLine(bom)).toBe('rnnkit: bom.csv has no column "Rain" (--features); its columns are "Date", "Temp"; pass one of them to --features');
  });

  it('a window longer than the training part is a usage error (2) that leaves no directories behind', async () => {
    const run = await runCli(['forecast', 'temps.csv', '--window', '500', '--out', 'too-long'], cwd());
    expect(run.code).toBe(2);
    expect(errorLine(run)).toBe('rnnkit: temps.csv: the training part has 320 rows, too few for --window 500 and --horizon 1; lower --window, --val or --test, or give more rows');
    expect((await readdir(dir.path)).filter((f) => f.includes('too-long'))).toEqual([]);
  });

  it('a gap under --missing error (the default) is a data error (3) naming line and column; --missing ffill trains', async () => {
    const lines = (await temperatureLines()).slice(0, 121);
    lines[5] = '"1981-01-05",';
    await writeFile(join(dir.path, 'gaps.csv'), `${lines.join('\r\n')}\r\n`);
    const refused = await runCli(['forecast', 'gaps.csv'], cwd());
    expect(refused.code).toBe(3);
    const error = errorLine(refused);
    expect(error).toMatch(/^rnnkit: gaps\.csv: line 6\b/);
    expect(error).toContain('column "Temp"');
    expect(error).toContain('missing value');
    expect(error).toContain('--missing drop, ffill or interpolate');

    const filled = await runCli(['forecast', 'gaps.csv', '--missing', 'ffill', '--window', '3', '--units', '4', '--epochs', '1', '--out', 'gaps-model', '--quiet'], cwd());
    expect(filled.code, filled.stderr).toBe(0);
    expect(filled.stderr).toBe('');
    expect(filled.stdout).toContain('persistence');
  });

  it('an existing --out is kept without --force (2) and replaced with it', async () => {
    await mkdir(join(dir.path, 'taken'));
    await writeFile(join(dir.path, 'taken', 'keep.txt'), 'mine');
    const refused = await runCli(['forecast', 'temps.csv', '--out', 'taken'], cwd());
    expect(refused.code).toBe(2);
    expect(errorLine(refused)).toBe('rnnkit: --out taken already exists; pass --force to replace it, or choose another --out');
    expect(await readFile(join(dir.path, 'taken', 'keep.txt'), 'utf8')).toBe('mine');

    const forced = await runCli(['forecast', 'temps.csv', '--window', '3', '--units', '4', '--epochs', '1', '--out', 'taken', '--force', '--quiet'], cwd());
    expect(forced.code, forced.stderr).toBe(0);
    const files = await readdir(join(dir.path, 'taken'));
    expect(files).toContain('model.json');
    expect(files).not.toContain('keep.txt');
    expect((await readdir(dir.path)).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

describe('rnnkit predict', () => {
  const parse = (csvText: string): string[][] => csvText.trim().split('\n').map((l) => l.split(','));

  it('continues the training series from the model directory alone: CSV with steps and the next dates', async () => {
    const run = await runCli(['predict', 'model', '--steps', '5'], cwd());
    expect(run.code, run.stderr).toBe(0);
    const rows = parse(run.stdout);
    expect(rows[0]).toEqual(['step', 'Date', 'Temp']);
    const { dates } = await temperatureSeries();
    expect(dates[ROWS - 1]).toBe('1982-02-04');
    expect(rows.slice(1).map((r) => r[1])).toEqual(['1982-02-05', '1982-02-06', '1982-02-07', '1982-02-08', '1982-02-09']);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual([1, 2, 3, 4, 5]);
    for (const r of rows.slice(1)) expect(Number.isFinite(Number(r[2]))).toBe(true);
  });

  it('feeds each prediction back: step 2 of a 2-step forecast is step 1 after the series extended by step 1', async () => {
    const twoSteps = await runCli(['predict', 'model', 'temps.csv', '--steps', '2', '--json'], cwd());
    expect(twoSteps.code, twoSteps.stderr).toBe(0);
    const predictions = (JSON.parse(twoSteps.stdout) as { predictions: { step: number; date: string; value: number }[] }).predictions;
    expect(predictions.map((p) => p.date)).toEqual(['1982-02-05', '1982-02-06']);

    const lines = await temperatureLines();
    const extended = [...lines.slice(0, 1 + ROWS), `"1982-02-05",${predictions[0]?.value}`];
    await writeFile(join(dir.path, 'extended.csv'), `${extended.join('\r\n')}\r\n`);
    const oneStep = await runCli(['predict', 'model', 'extended.csv', '--steps', '1', '--json'], cwd());
    expect(oneStep.code, oneStep.stderr).toBe(0);
    const next = (JSON.parse(oneStep.stdout) as { predictions: { date: string; value: number }[] }).predictions[0];
    expect(next?.date).toBe('1982-02-06');
    // The CSV holds the value as float32 text, the loop kept float32 too.
    expect(next?.value).toBeCloseTo(predictions[1]?.value as number, 4);
  });

  it('writes --out atomically and keeps an existing file without --force', async () => {
    const first = await runCli(['predict', 'model', '--steps', '3', '--out', 'next.csv'], cwd());
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe('');
    expect(parse(await readFile(join(dir.path, 'next.csv'), 'utf8'))).toHaveLength(4);
    const again = await runCli(['predict', 'model', '--steps', '3', '--out', 'next.csv'], cwd());
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--out next.csv already exists');
  });

  it('refuses a model directory from something else with exit 4 naming it', async () => {
    await mkdir(join(dir.path, 'empty'));
    await mkdir(join(dir.path, 'junk'));
    await writeFile(join(dir.path, 'junk', 'model.json'), '{"hello": "world"}');
    const [missing, empty, junk, file] = await Promise.all([
      runCli(['predict', 'no-such-model'], cwd()),
      runCli(['predict', 'empty'], cwd()),
      runCli(['predict', 'junk'], cwd()),
      runCli(['predict', 'temps.csv'], cwd()),
    ]);
    expect(missing.code).toBe(4);
    expect(errorLine(missing)).toBe('rnnkit: model directory no-such-model does not exist; give a directory written by rnnkit forecast, rnnkit demo or rnnkit text train (it holds model.json)');
    for (const [run, name] of [[empty, 'empty'], [junk, 'junk'], [file, 'temps.csv']] as const) {
      expect(run.code, run.stderr).toBe(4);
      expect(errorLine(run)).toMatch(new RegExp(`^rnnkit: .*${name.replace('.', '\\.')}`));
    }
    expect((await stat(join(dir.path, 'junk', 'model.json'))).isFile()).toBe(true);
  });
});

describe('progress on a terminal', () => {
  // util-linux `script` runs the binary on a pseudo-terminal.
  const script = ['/usr/bin/script', '/bin/script'].find((p) => existsSync(p));

  it.skipIf(script === undefined)('redraws a bar in place (epoch, batch, loss, ETA) and prints a line per epoch', async () => {
    const command = ['node', BIN, 'forecast', 'temps.csv', '--window', '3', '--units', '4', '--epochs', '2', '--batch-size', '16', '--out', 'tty-model'].map((a) => `'${a}'`).join(' ');
    const run = await collect(spawn(script as string, ['-qec', command, '/dev/null'], { cwd: dir.path, env: { ...process.env, NO_COLOR: '1' } }));
    expect(run.code, run.stdout).toBe(0);
    // Each redraw returns the cursor and clears the line (CR, ESC [2K) before the bar.
    const redraws = run.stdout.split('\r\u001b[2K');
    expect(redraws.some((r) => /^epoch 1\/2 \[[█·]{20}\] \d+\/20 loss \d\.\d+/.test(r))).toBe(true);
    expect(redraws.some((r) => /^epoch 2\/2 \[█{20}\] 20\/20 loss \d\.\d+/.test(r))).toBe(true);
    expect(run.stdout).toMatch(/epoch 2\/2 {2}loss \d\.\d+ {2}valLoss \d\.\d+/);
  });
});
