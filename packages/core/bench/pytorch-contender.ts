// Drives pytorch_bench.py (Debian's python3-torch) over stdin/stdout so PyTorch's runs
// interleave with the JavaScript ones in the same benchmark run. `null` when torch cannot be
// imported; the report then falls back to the recorded PyTorch figures, labelled.

import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Sample } from './measure.js';
import type { Workload } from './workloads.js';

export type PyTorch = {
  version: string;
  threads: number;
  /** 'generic': torch calls the system libblas.so.3 (reference BLAS unless OpenBLAS is installed). */
  blas: string;
  python: string;
  run(workload: Workload, reps: number): Promise<Sample[]>;
  matmulPeakGflops(): Promise<number>;
  close(): void;
};

const PYTHONS = ['/usr/bin/python3', 'python3'];

export async function startPyTorch(): Promise<PyTorch | null> {
  for (const python of PYTHONS) {
    const started = await tryStart(python);
    if (started) return started;
  }
  return null;
}

async function tryStart(python: string): Promise<PyTorch | null> {
  let child: ChildProcessWithoutNullStreams;
  try {
    child = spawn(python, [fileURLToPath(new URL('./pytorch_bench.py', import.meta.url))], { stdio: 'pipe' });
  } catch {
    return null;
  }
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<Record<string, unknown> | null> => {
    const { value, done } = await lines.next();
    return done ? null : (JSON.parse(value as string) as Record<string, unknown>);
  };
  const failed = new Promise<null>((resolve) => {
    child.on('error', () => resolve(null));
    child.on('exit', () => resolve(null));
  });
  const hello = await Promise.race([next(), failed]);
  if (!hello?.['ready']) {
    child.kill();
    return null;
  }
  const ask = async (request: object): Promise<Record<string, unknown>> => {
    child.stdin.write(`${JSON.stringify(request)}\n`);
    const reply = await next();
    if (!reply) throw new Error('pytorch_bench.py stopped');
    return reply;
  };
  return {
    version: String(hello['version']),
    threads: Number(hello['threads']),
    blas: String(hello['blas']),
    python,
    run: async (workload, reps) => (await ask({ workload, reps }))['samples'] as Sample[],
    matmulPeakGflops: async () => Number((await ask({ peak: true }))['gflops']),
    close: () => child.stdin.end(),
  };
}
