// The lab worker: runs tfjs and rnnkit off the main thread so pages stay responsive.
// It picks a backend on `init`, then runs named tasks (see ./tasks.ts) one message at a time.
import { pickBackend } from './pick-backend.js';
import type { LabRequest, LabResponse } from './protocol.js';
import { tasks } from './tasks.js';

const scope = self as unknown as {
  postMessage(message: LabResponse): void;
  onmessage: ((event: MessageEvent<LabRequest>) => void) | null;
};
const running = new Map<number, AbortController>();

function send(message: LabResponse): void {
  scope.postMessage(message);
}

async function handle(request: LabRequest): Promise<void> {
  if (request.type === 'stop') {
    running.get(request.target)?.abort();
    return;
  }
  try {
    if (request.type === 'init') {
      send({ id: request.id, kind: 'done', data: await pickBackend(request.backend) });
      return;
    }
    const task = tasks[request.task];
    if (!task) throw new Error(`unknown lab task "${request.task}"`);
    const controller = new AbortController();
    running.set(request.id, controller);
    const data = await task(request.payload, {
      progress: (value) => send({ id: request.id, kind: 'progress', data: value }),
      signal: controller.signal,
    });
    send({ id: request.id, kind: 'done', data });
  } catch (error) {
    send({ id: request.id, kind: 'error', message: error instanceof Error ? error.message : String(error) });
  } finally {
    running.delete(request.id);
  }
}

scope.onmessage = (event) => {
  void handle(event.data);
};
