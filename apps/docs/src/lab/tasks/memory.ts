// Chapter 4: a seeded SimpleRNN fed one day at a time with `model.step`; the worker keeps the
// model (and so its hidden state) between messages until `reset`.
import { sequential, simpleRnn } from '@rnnkit/core';
import type { SequentialModel } from '@rnnkit/core';
import { minMaxScaler } from '@rnnkit/data';
import { tensor2d, tidy } from '@tensorflow/tfjs-core';
import { temperatures } from '../../data/temperatures.js';
import type { Task } from '../protocol.js';

/** What the page asks. */
export interface MemoryPayload {
  action: 'reset' | 'step';
  /** Days to feed (for `step`). */
  count?: number;
  /** Units of the SimpleRNN (a new value rebuilds the model). */
  units?: number;
}

/** One fed day. */
export interface MemoryStep {
  day: number;
  date: string;
  temperature: number;
  /** h_t after this day, one value per unit. */
  hidden: number[];
}

let model: SequentialModel | null = null;
let modelUnits = 0;
let day = 0;

export const memory: Task = async (payload) => {
  const { action, count = 1, units = 8 } = payload as MemoryPayload;
  const series = temperatures();
  if (!model || units !== modelUnits) {
    model?.dispose();
    model = sequential({ layers: [simpleRnn({ units })], inputShape: [null, 1], seed: 3 });
    modelUnits = units;
    day = 0;
  }
  if (action === 'reset') {
    model.resetState();
    day = 0;
    return { steps: [] as MemoryStep[] };
  }
  // Inputs scaled to [-1, 1] over the whole record (a display choice: no training here).
  const scaler = minMaxScaler({ featureRange: [-1, 1] }).fit(series.values);
  const steps: MemoryStep[] = [];
  for (let k = 0; k < count && day < series.rows; k++, day++) {
    const temperature = series.values[day] as number;
    const scaled = scaler.transform([temperature])[0] as number;
    const current = model;
    const output = tidy(() => current.step(tensor2d([[scaled]], [1, 1])));
    const hidden = Array.from(await output.data());
    output.dispose();
    steps.push({ day, date: series.dates?.[day] ?? String(day), temperature, hidden });
  }
  return { steps };
};
