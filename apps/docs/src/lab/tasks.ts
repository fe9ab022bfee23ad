// The tasks the lab worker can run, by name. Each lives in its own file under ./tasks/.
import type { Task } from './protocol.js';
import { bptt } from './tasks/bptt.js';
import { forecast } from './tasks/forecast.js';
import { gates } from './tasks/gates.js';
import { info } from './tasks/info.js';
import { memory } from './tasks/memory.js';
import { order } from './tasks/order.js';
import { sampler } from './tasks/sampler.js';

/** Every task the worker knows. */
export const tasks: Record<string, Task> = {
  info,
  memory,
  gates,
  order,
  bptt,
  forecast,
  sampler,
};
