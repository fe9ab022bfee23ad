// The tasks the lab worker can run, by name. Each lives in its own file under ./tasks/.
import type { Task } from './protocol.js';
import { info } from './tasks/info.js';
import { memory } from './tasks/memory.js';

/** Every task the worker knows. */
export const tasks: Record<string, Task> = {
  info,
  memory,
};
