// Timing for interleaved A/B runs: wall-clock and this process's CPU time per repetition
// (CPU time is what a loaded shared machine distorts least for single-threaded code), medians.

export type Sample = { wallMs: number; cpuMs: number };

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Runs `fn` once per repetition and records each run's wall and CPU milliseconds. */
export async function sample(fn: () => unknown | Promise<unknown>, repetitions: number): Promise<Sample[]> {
  const out: Sample[] = [];
  for (let i = 0; i < repetitions; i++) {
    const wall = performance.now();
    const cpu = cpuNow();
    await fn();
    out.push({ wallMs: performance.now() - wall, cpuMs: cpuNow() - cpu });
  }
  return out;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
