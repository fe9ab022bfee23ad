// Messages between a page and its lab worker. Every request carries an id; the worker answers
// with any number of `progress` messages, then exactly one `done` or `error`.

/** A request from the page to the worker. */
export type LabRequest =
  | { id: number; type: 'init'; backend: BackendName | null }
  | { id: number; type: 'run'; task: string; payload: unknown }
  | { id: number; type: 'stop'; target: number };

/** A message from the worker to the page. */
export type LabResponse =
  | { id: number; kind: 'progress'; data: unknown }
  | { id: number; kind: 'done'; data: unknown }
  | { id: number; kind: 'error'; message: string };

/** tfjs backends the site can run on, best first. */
export const backendOrder = ['webgl', 'wasm', 'cpu'] as const;

/** One of {@link backendOrder}. */
export type BackendName = (typeof backendOrder)[number];

/** What a task gets besides its payload. */
export interface TaskContext {
  /** Send a progress message to the page. */
  progress(data: unknown): void;
  /** Aborted when the page asks the task to stop. */
  signal: AbortSignal;
}

/** A task the worker can run. */
export type Task = (payload: unknown, context: TaskContext) => Promise<unknown>;
