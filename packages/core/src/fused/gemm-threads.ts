// Worker threads for the WASM gemm: the caller's thread and `threads − 1` workers, each with its
// own instance of the shared-memory build on the same WebAssembly.Memory, split one matrix
// multiply by columns of C (or by rows when C is narrow) and run their parts at once.
//
// Every element of C is computed by exactly one thread with the same arithmetic in the same order
// as the single-threaded call, so a split gemm is bit-identical to an unsplit one (tested).
//
// Hand-off through one Int32Array on a SharedArrayBuffer, 16 slots per worker:
//   [0] job number (the caller bumps it, then notifies)   [1] job number done (the worker sets it)
//   [2] 1 once the worker is running, −1 after a failure   [3…14] the gemm's arguments
// A worker spins briefly between jobs (the per-time-step multiplies of a sequence come every few
// hundred microseconds), then sleeps in Atomics.wait. The caller computes its own part, then waits
// for the others; a worker that reports a failure or does not answer in time is retired and its
// part computed by the caller, so a broken worker never hangs or corrupts a training step.
//
// A split only pays while the other cores are free. On a shared machine they often are not: a
// descheduled worker makes the caller wait longer than doing the whole multiply itself. So the
// pool watches how long the caller waits after its own part, relative to that part's time (a
// moving average); when waiting costs more than splitting saves, it runs multiplies on the
// caller's thread alone for a while (BACKOFF_CALLS), then tries splitting again.
//
// Node only (worker_threads, reached through process.getBuiltinModule, so browser bundles carry no
// Node import); elsewhere the pool is never created and the gemm runs on the caller's thread.

import type * as WorkerThreads from 'node:worker_threads';
import type { Worker as NodeWorker } from 'node:worker_threads';

import { builtin } from './node-builtin.js';

/** Arguments of the WASM `gemm` export (byte pointers into the shared memory). */
export type GemmCall = {
  transA: number;
  m: number;
  n: number;
  k: number;
  a: number;
  lda: number;
  b: number;
  ldb: number;
  c: number;
  ldc: number;
  accumulate: number;
};

/** The WASM gemm export: the call's arguments, then the byte pointer of this thread's pack scratch. */
export type GemmExport = (transA: number, m: number, n: number, k: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number, accumulate: number, pack: number) => void;

export interface GemmPool {
  /** Threads a split uses now: the caller plus the workers that are running. */
  readonly active: number;
  /** Resolves once every worker runs (or has failed to start). */
  ready(): Promise<void>;
  /** Runs `call` split over the running threads (or whole on the caller while splits do not pay); `pack(t)` is thread t's scratch (t = 0: caller). */
  run(call: GemmCall, gemm: GemmExport, pack: (thread: number) => number): void;
  /** Splits so far, and multiplies run whole on the caller because splitting did not pay. */
  readonly stats: { split: number; suspended: number };
  /** Stops the workers. */
  dispose(): void;
}

const SLOTS = 16;
const JOB = 0;
const DONE = 1;
const STATE = 2;
const ARGS = 3;
/** Spins of the caller before it sleeps on a worker's answer. */
const CALLER_SPINS = 20_000;
/**
 * Wait ÷ own-part time (moving average) above which splitting is suspended. Splitting in two pays
 * while the wait is under the own part's time (ratio 1); the limit keeps a margin.
 */
const WAIT_LIMIT = 0.75;
/** Weight of one call in the moving average, and the most one call can count (one late wake-up is not a trend). */
const WAIT_WEIGHT = 0.1;
const WAIT_SAMPLE_CAP = 3;
/** Split calls not counted after the pool starts or splitting resumes: workers wake from sleep with cold caches. */
const GRACE_CALLS = 4;
/** Multiplies run on the caller alone after a suspension, before splitting is tried again. */
const BACKOFF_CALLS = 256;
/** A worker silent this long after the caller finished its own part is retired. */
const STALL_MS = 10_000;

// The worker: CommonJS source run with `eval: true` (no file to locate inside the package).
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, index, pack } = workerData;
const ctrl = new Int32Array(control);
const base = index * ${SLOTS};
let gemm;
try {
  gemm = new WebAssembly.Instance(module, { env: { memory } }).exports.gemm;
  Atomics.store(ctrl, base + ${STATE}, 1);
} catch (e) {
  Atomics.store(ctrl, base + ${STATE}, -1);
}
let seen = 0;
while (gemm) {
  let spins = 0;
  while (Atomics.load(ctrl, base + ${JOB}) === seen && spins < 20000) spins++;
  if (Atomics.load(ctrl, base + ${JOB}) === seen) Atomics.wait(ctrl, base + ${JOB}, seen);
  seen = Atomics.load(ctrl, base + ${JOB});
  if (seen < 0) break;
  const a = base + ${ARGS};
  try {
    gemm(ctrl[a], ctrl[a + 1], ctrl[a + 2], ctrl[a + 3], ctrl[a + 4], ctrl[a + 5], ctrl[a + 6], ctrl[a + 7], ctrl[a + 8], ctrl[a + 9], ctrl[a + 10], pack);
  } catch (e) {
    Atomics.store(ctrl, base + ${STATE}, -1);
    Atomics.store(ctrl, base + ${DONE}, seen);
    Atomics.notify(ctrl, base + ${DONE});
    break;
  }
  Atomics.store(ctrl, base + ${DONE}, seen);
  Atomics.notify(ctrl, base + ${DONE});
}
`;

type WorkerThreadsModule = typeof WorkerThreads;

/** node:worker_threads where the runtime is Node and has SharedArrayBuffer, else null. */
function workerThreads(): WorkerThreadsModule | null {
  return typeof SharedArrayBuffer === 'function' ? builtin<WorkerThreadsModule>('node:worker_threads') : null;
}

/** Whether this runtime can run gemm worker threads. */
export function canUseThreads(): boolean {
  return workerThreads() !== null;
}

/** The processors this process may use (Node), else 1. */
export function availableThreads(): number {
  return Math.max(1, builtin<{ availableParallelism?: () => number }>('node:os')?.availableParallelism?.() ?? 1);
}

type Part = { m: number; n: number; a: number; b: number; c: number };

/** Splits C into `parts` blocks: column blocks (multiples of 8) when C is wide enough, else row blocks (multiples of 4). */
export function splitGemm(call: GemmCall, parts: number): Part[] {
  const { m, n, transA, a, lda, b, c, ldc } = call;
  const out: Part[] = [];
  if (n >= 16 * parts) {
    const chunk = Math.ceil(n / parts / 8) * 8;
    for (let j = 0; j < n; j += chunk) out.push({ m, n: Math.min(chunk, n - j), a, b: b + j * 4, c: c + j * 4 });
    return out;
  }
  if (m >= 8 * parts) {
    const chunk = Math.ceil(m / parts / 4) * 4;
    for (let i = 0; i < m; i += chunk) out.push({ m: Math.min(chunk, m - i), n, a: a + (transA ? i : i * lda) * 4, b, c: c + i * ldc * 4 });
    return out;
  }
  return [{ m, n, a, b, c }];
}

/**
 * Starts `workers` worker threads on `module` (the shared-memory build) and `memory`; null where
 * worker threads are unavailable. Workers are unref'd: they never keep the process alive.
 */
export function createGemmPool(module: WebAssembly.Module, memory: WebAssembly.Memory, workers: number, pack: (thread: number) => number): GemmPool | null {
  const threads = workerThreads();
  if (!threads || workers < 1) return null;
  const ctrl = new Int32Array(new SharedArrayBuffer(SLOTS * 4 * workers));
  const list: NodeWorker[] = [];
  const jobs = new Int32Array(workers);
  try {
    for (let w = 0; w < workers; w++) {
      const worker = new threads.Worker(WORKER_SOURCE, { eval: true, workerData: { module, memory, control: ctrl.buffer, index: w, pack: pack(w + 1) } });
      worker.unref();
      // A worker that errors or exits is retired (state −1): its parts go back to the caller.
      worker.on('error', () => Atomics.store(ctrl, w * SLOTS + STATE, -1));
      worker.once('exit', () => Atomics.store(ctrl, w * SLOTS + STATE, -1));
      list.push(worker);
    }
  } catch {
    list.forEach((w) => void w.terminate());
    return null;
  }
  const running = (): number[] => {
    const ids: number[] = [];
    for (let w = 0; w < workers; w++) if (Atomics.load(ctrl, w * SLOTS + STATE) === 1) ids.push(w);
    return ids;
  };

  const waitFor = (w: number, job: number, since: number): boolean => {
    const at = w * SLOTS;
    for (let s = 0; s < CALLER_SPINS; s++) if (Atomics.load(ctrl, at + DONE) === job) return Atomics.load(ctrl, at + STATE) === 1;
    while (Atomics.load(ctrl, at + DONE) !== job) {
      if (Atomics.load(ctrl, at + STATE) !== 1) return false;
      if (performance.now() - since > STALL_MS) return false;
      Atomics.wait(ctrl, at + DONE, Atomics.load(ctrl, at + DONE), 50);
    }
    return Atomics.load(ctrl, at + STATE) === 1;
  };

  const stats = { split: 0, suspended: 0 };
  let waitRatio = 0;
  let backoff = 0;
  let grace = GRACE_CALLS;

  return {
    stats,
    get active() {
      return running().length + 1;
    },
    async ready() {
      // Polled on a timer: the workers are unref'd, so waiting on their events alone would let
      // the process exit under an unsettled await. A worker not up within STALL_MS is retired.
      const since = performance.now();
      for (let w = 0; w < workers; w++) {
        while (Atomics.load(ctrl, w * SLOTS + STATE) === 0) {
          if (performance.now() - since > STALL_MS) {
            Atomics.store(ctrl, w * SLOTS + STATE, -1);
            void list[w]?.terminate();
            break;
          }
          await new Promise((r) => setTimeout(r, 2));
        }
      }
    },
    run(call, gemm, packOf) {
      const ids = backoff > 0 ? [] : running();
      if (backoff > 0) {
        backoff--;
        stats.suspended++;
        if (backoff === 0) {
          waitRatio = 0;
          grace = GRACE_CALLS;
        }
      }
      const parts = splitGemm(call, ids.length + 1);
      if (parts.length > 1) stats.split++;
      const mine = parts[parts.length - 1] as Part;
      const handed: { w: number; part: Part; job: number }[] = [];
      parts.slice(0, -1).forEach((part, i) => {
        const w = ids[i] as number;
        const at = w * SLOTS;
        const job = (jobs[w] = ((jobs[w] as number) + 1) & 0x3fffffff);
        ctrl.set([call.transA, part.m, part.n, call.k, part.a, call.lda, part.b, call.ldb, part.c, call.ldc, call.accumulate], at + ARGS);
        Atomics.store(ctrl, at + JOB, job);
        Atomics.notify(ctrl, at + JOB);
        handed.push({ w, part, job });
      });
      const start = performance.now();
      gemm(call.transA, mine.m, mine.n, call.k, mine.a, call.lda, mine.b, call.ldb, mine.c, call.ldc, call.accumulate, packOf(0));
      const since = performance.now();
      for (const { w, part, job } of handed) {
        if (waitFor(w, job, since)) continue;
        // Retire the worker (it failed, or stalled for STALL_MS: then it is terminated too) and
        // compute its part here.
        Atomics.store(ctrl, w * SLOTS + STATE, -1);
        void list[w]?.terminate();
        gemm(call.transA, part.m, part.n, call.k, part.a, call.lda, part.b, call.ldb, part.c, call.ldc, call.accumulate, packOf(0));
      }
      if (handed.length > 0 && grace > 0) grace--;
      else if (handed.length > 0) {
        const ratio = Math.min(WAIT_SAMPLE_CAP, (performance.now() - since) / Math.max(since - start, 1e-3));
        waitRatio = (1 - WAIT_WEIGHT) * waitRatio + WAIT_WEIGHT * ratio;
        if (waitRatio > WAIT_LIMIT) backoff = BACKOFF_CALLS;
      }
    },
    dispose() {
      for (let w = 0; w < workers; w++) {
        Atomics.store(ctrl, w * SLOTS + STATE, -1);
        Atomics.store(ctrl, w * SLOTS + JOB, -1);
        Atomics.notify(ctrl, w * SLOTS + JOB);
      }
      list.forEach((w) => void w.terminate());
    },
  };
}
