// The page side of the lab worker: start it, pick a backend, run tasks with progress callbacks.
import { backendOrder } from './protocol.js';
import type { BackendName, LabRequest, LabResponse } from './protocol.js';

/** A request before it gets its id. */
type Body = LabRequest extends infer R ? (R extends LabRequest ? Omit<R, 'id'> : never) : never;

/** A running lab worker. */
export interface Lab {
  /** Resolves to the tfjs backend the worker runs on. */
  backend: Promise<BackendName>;
  /** Run a task; `onProgress` receives its progress messages. */
  run<Result>(task: string, payload: unknown, onProgress?: (data: unknown) => void): { id: number; result: Promise<Result> };
  /** Ask a running task to stop (it resolves with what it has so far). */
  stop(id: number): void;
  /** End the worker. */
  terminate(): void;
}

/** The backend asked for in the page's `?backend=` query, if it names one. */
export function requestedBackend(search: string): BackendName | null {
  const name = new URLSearchParams(search).get('backend');
  return (backendOrder as readonly string[]).includes(name ?? '') ? (name as BackendName) : null;
}

/**
 * Start a lab worker (browser only: call from `onMounted`). `preferred` is where the backend
 * search starts unless the page's `?backend=` query names one.
 */
export function createLab(preferred: BackendName | null = null): Lab {
  const worker = new Worker(new URL('./lab.worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, { resolve(data: unknown): void; reject(error: Error): void; progress?: (data: unknown) => void }>();
  let nextId = 1;

  worker.onmessage = (event: MessageEvent<LabResponse>) => {
    const message = event.data;
    const entry = pending.get(message.id);
    if (!entry) return;
    if (message.kind === 'progress') entry.progress?.(message.data);
    else {
      pending.delete(message.id);
      if (message.kind === 'done') entry.resolve(message.data);
      else entry.reject(new Error(message.message));
    }
  };

  function request<Result>(body: Body, progress?: (data: unknown) => void): { id: number; result: Promise<Result> } {
    const id = nextId++;
    const result = new Promise<Result>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (data: unknown) => void, reject, progress });
    });
    worker.postMessage({ ...body, id } as LabRequest);
    return { id, result };
  }

  return {
    backend: request<BackendName>({ type: 'init', backend: requestedBackend(location.search) ?? preferred }).result,
    run: (task, payload, onProgress) => request({ type: 'run', task, payload }, onProgress),
    stop: (target) => void worker.postMessage({ id: nextId++, type: 'stop', target } satisfies LabRequest),
    terminate: () => worker.terminate(),
  };
}
