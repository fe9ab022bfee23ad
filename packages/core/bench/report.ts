// The benchmark table: medians (wall-clock, CPU time in parentheses) per workload and
// contender, the speed-up over tf.layers' best backend, the ratio to PyTorch, W2's memory and
// share of the measured matmul peak, and the machine load while it ran.

import type { MatmulPeak } from './matmul-peak.js';
import type { Workload } from './workloads.js';

export type Median = { wallMs: number; cpuMs: number; n: number };
export type Row = { workload: Workload; medians: Record<string, Median> };

/** The issue's recorded PyTorch 1.13 figures on this machine kind (used only when torch is missing). */
const RECORDED_PYTORCH: Record<string, number> = { W1: 11.4, W2: 314 };
const RECORDED_PYTORCH_CHARS = 11_800;
const RECORDED_PYTORCH_STREAM_US = 34;

export const NATIVE = 'rnnkit fused (native gemm)';
export const WASM = 'rnnkit fused (WASM SIMD)';
const COLUMNS = [NATIVE, WASM, 'rnnkit fused (JS)', 'rnnkit model.step (tfjs cpu)', 'tf.layers (wasm)', 'tf.layers (cpu)', 'PyTorch'];

/** A median in the workload's unit: ms/step, chars/s (W4) or µs/step (W5). */
function value(w: Workload, ms: number): number {
  if (w.kind === 'char') return (w.batch * w.steps) / (ms / 1000);
  if (w.kind === 'stream') return (ms * 1000) / w.stepsPerSample;
  return ms;
}

const unit = (w: Workload): string => (w.kind === 'char' ? 'chars/s' : w.kind === 'stream' ? 'µs/step' : 'ms/step');
const fmt = (x: number): string => (x >= 1000 ? Math.round(x).toLocaleString('en-US') : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** How many times faster `a` is than `b` (time units: b/a; chars/s: a/b). */
const speedup = (w: Workload, a: number, b: number): number => (w.kind === 'char' ? a / b : b / a);

export function formatReport(input: {
  rows: Row[];
  /** The contender the ratios are for: rnnkit's default backend. */
  primary: string;
  smoke: boolean;
  pytorchLive: boolean;
  peak: MatmulPeak;
  torchPeak: number | null;
  w2Gflops: number | null;
  w2WallGflops: number | null;
  memory: Record<string, number> | null;
  loadBefore: number[];
  loadAfter: number[];
}): string {
  const { rows, primary, pytorchLive, peak, torchPeak, w2Gflops, memory } = input;
  const columns = COLUMNS.filter((c) => rows.some((r) => r.medians[c]) || c === 'PyTorch');
  const header = ['workload', 'unit', ...columns.map((c) => (c === 'PyTorch' && !pytorchLive ? 'PyTorch 1.13 (recorded in issue 9)' : c)), 'best tf.layers ÷ rnnkit', 'rnnkit ÷ PyTorch', ...(primary === WASM ? [] : ['WASM ÷ PyTorch'])];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const { workload: w, medians } of rows) {
    const cells = columns.map((c) => {
      const m = medians[c];
      if (m) return `${fmt(value(w, m.wallMs))} (${fmt(value(w, m.cpuMs))})`;
      if (c === 'PyTorch' && !pytorchLive && !input.smoke) {
        const recorded = w.kind === 'char' ? RECORDED_PYTORCH_CHARS : w.kind === 'stream' ? RECORDED_PYTORCH_STREAM_US : RECORDED_PYTORCH[w.id];
        return recorded === undefined ? '—' : `${fmt(recorded)} (recorded)`;
      }
      return '—';
    });
    const ours = medians[primary];
    const tfl = ['tf.layers (wasm)', 'tf.layers (cpu)'].map((c) => medians[c]).filter((m): m is Median => m !== undefined);
    let vsLayers = '—';
    if (ours && tfl.length > 0) {
      const bestWall = tfl.reduce((best, m) => (speedup(w, value(w, m.wallMs), value(w, best.wallMs)) > 1 ? m : best));
      const bestCpu = tfl.reduce((best, m) => (speedup(w, value(w, m.cpuMs), value(w, best.cpuMs)) > 1 ? m : best));
      vsLayers = `${speedup(w, value(w, ours.wallMs), value(w, bestWall.wallMs)).toFixed(1)}× (${speedup(w, value(w, ours.cpuMs), value(w, bestCpu.cpuMs)).toFixed(1)}×)`;
    }
    const torch = medians['PyTorch'];
    const vsTorch = (m: Median | undefined): string =>
      m && torch ? `${(1 / speedup(w, value(w, m.wallMs), value(w, torch.wallMs))).toFixed(2)} (${(1 / speedup(w, value(w, m.cpuMs), value(w, torch.cpuMs))).toFixed(2)})` : '—';
    const wasmVsTorch = primary === WASM ? [] : [vsTorch(medians[WASM])];
    lines.push(`| ${w.id} | ${unit(w)} | ${[...cells, vsLayers, vsTorch(ours), ...wasmVsTorch].join(' | ')} |`);
  }
  const notes = [
    `Cells: median wall-clock (median CPU time of the process in parentheses); ratios likewise. "rnnkit" in the ratios is rnnkit's default backend, ${primary}. "… ÷ PyTorch" is rnnkit's time over PyTorch's (< 1: rnnkit faster; for W4, PyTorch's chars/s over rnnkit's).`,
    `Matmul peak (${peak.size}³ gemm, GFLOP/s): ${peak.native === null ? '' : `rnnkit native ${peak.native.toFixed(1)} on one thread (best CPU time), ${peak.nativeThreaded?.toFixed(1) ?? 'n/a'} on ${peak.threads} thread(s) (best wall-clock); `}rnnkit WASM SIMD ${peak.wasm === null ? 'n/a' : peak.wasm.toFixed(1)} on one thread, ${peak.wasmThreaded === null ? 'n/a' : peak.wasmThreaded.toFixed(1)} on ${peak.threads} thread(s); rnnkit JS ${peak.js.toFixed(1)}${torchPeak === null ? '' : `; PyTorch ${torchPeak.toFixed(1)}`}. rnnkit's kernels split large multiplies over ${peak.threads} thread(s) (\`setFusedThreads('auto')\`).`,
    w2Gflops !== null && peak.primary !== null
      ? `W2: rnnkit's whole training step runs its matmul work at ${w2Gflops.toFixed(1)} GFLOP/s of CPU time = ${((100 * w2Gflops) / peak.primary).toFixed(0)}% of the one-thread ${peak.primaryName} peak${input.w2WallGflops !== null && peak.primaryThreaded !== null ? `, and at ${input.w2WallGflops.toFixed(1)} GFLOP/s of wall-clock = ${((100 * input.w2WallGflops) / peak.primaryThreaded).toFixed(0)}% of the machine's measured ${peak.primaryName} matmul peak (${peak.threads} thread(s))` : ''}.`
      : 'W2: no matmul-peak fraction.',
    memory
      ? `W2 memory (own process): RSS ${memory['baselineMB']?.toFixed(0)} MB after setup, peak ${memory['peakMB']?.toFixed(0)} MB over four steps: +${memory['growthMB']?.toFixed(0)} MB for the step = ${((memory['growthMB'] ?? 0) / (memory['activationsMB'] ?? 1)).toFixed(2)}× the ${memory['activationsMB']?.toFixed(1)} MB of activations BPTT must keep.`
      : 'W2 memory: not measured.',
    `Machine load average (1/5/15 min): ${input.loadBefore.map((l) => l.toFixed(1)).join('/')} at start, ${input.loadAfter.map((l) => l.toFixed(1)).join('/')} at end, on shared cores.`,
  ];
  return [...lines, '', ...notes].join('\n');
}
