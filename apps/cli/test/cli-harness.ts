// Test harness: runs the BUILT binary (dist/bin.js, as a user would run it) in a temporary
// working directory, and writes slices of the shared datasets there.

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built executable. */
export const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

/** The shared datasets folder of @rnnkit/data. */
export const DATASETS = join(dirname(createRequire(import.meta.url).resolve('@rnnkit/data/package.json')), 'datasets');

/** What a finished run gave. */
export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link runCli}. */
export interface RunOptions {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Kill the run after this many ms. */
  readonly timeoutMs?: number;
}

/** Environment of every run: no colour, the cpu backend unless a test asks otherwise. */
function environment(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...extra };
  delete env.RNNKIT_DEMO_EPOCHS;
  if (extra.RNNKIT_DEMO_EPOCHS !== undefined) env.RNNKIT_DEMO_EPOCHS = extra.RNNKIT_DEMO_EPOCHS;
  return env;
}

/** Starts the binary; the caller collects its output (see {@link collect}). */
export function spawnCli(args: readonly string[], options: RunOptions): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: environment(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Waits for a spawned run to end and returns its output. */
export function collect(child: ChildProcess, timeoutMs = 120_000): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`rnnkit did not finish in ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Runs `rnnkit ...args` to the end. */
export function runCli(args: readonly string[], options: RunOptions): Promise<CliRun> {
  return collect(spawnCli(args, options), options.timeoutMs);
}

/** A fresh temporary directory and its removal. */
export async function tempDir(prefix = 'rnnkit-cli-'): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** The temperature CSV's lines (header first), with CRLF as in the bundled file. */
export async function temperatureLines(): Promise<string[]> {
  const text = await readFile(join(DATASETS, 'daily-min-temperatures.csv'), 'utf8');
  return text.split(/\r?\n/).filter((l) => l.trim() !== '');
}

/** Writes the header and data rows `from`…`from + rows − 1` of the temperature CSV to `dir/name`. */
export async function writeTemperatureSlice(dir: string, name: string, from: number, rows: number): Promise<string> {
  const lines = await temperatureLines();
  const path = join(dir, name);
  await writeFile(path, [lines[0], ...lines.slice(1 + from, 1 + from + rows)].join('\r\n') + '\r\n');
  return path;
}

/** The first `chars` characters of tinyshakespeare, written to `dir/name`. */
export async function writeShakespeareSlice(dir: string, name: string, chars: number): Promise<string> {
  const text = await readFile(join(DATASETS, 'tinyshakespeare.txt'), 'utf8');
  const path = join(dir, name);
  await writeFile(path, text.slice(0, chars));
  return path;
}

/** Parses the bundled temperature CSV independently of @rnnkit/data: dates and values. */
export async function temperatureSeries(): Promise<{ dates: string[]; values: number[] }> {
  const rows = (await temperatureLines()).slice(1).map((l) => l.split(','));
  return { dates: rows.map((r) => (r[0] ?? '').replace(/"/g, '')), values: rows.map((r) => Number(r[1])) };
}

/**
 * The error a run reported: its stderr must hold exactly one line starting with `rnnkit: ` (status
 * lines may come before it) and no stack trace; returns that line.
 */
export function errorLine(run: CliRun): string {
  const lines = run.stderr.split('\n').filter((l) => l.startsWith('rnnkit: '));
  if (lines.length !== 1) throw new Error(`expected one error line on stderr, got ${lines.length}:\n${run.stderr}`);
  if (/\n\s+at /.test(run.stderr)) throw new Error(`stderr has a stack trace:\n${run.stderr}`);
  return lines[0] as string;
}
