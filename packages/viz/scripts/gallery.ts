// Regenerates packages/viz/docs/*.png — the README's pictures — from real data:
//   • Melbourne daily minimum temperatures 1981–1990 (packages/data/datasets), on which a
//     16-unit SimpleRNN (plain JS, ./tiny-rnn.ts) is trained: loss curve, forecasts, hidden states;
//   • ‖∂L/∂h_t‖ of that SimpleRNN (before/after training) and of a fresh LSTM on 100 days;
//   • tinyshakespeare, on which a 48-unit char-RNN (./char-rnn.ts) is trained: token strip.
// Run: pnpm --filter @rnnkit/viz gallery   (about a minute on one core; seeded, deterministic)

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forecastPlot, gradientFlow, heatmap, lossCurve, tokenStrip, unrolledGraph, windowDiagram } from '../src/index.js';
import { renderPng } from '../src/png.js';
import { readText, trainCharRnn } from './char-rnn.js';
import { adamStep, lstmGradientNorms, mulberry32, rnnArrays, rnnBackward, rnnForward, simpleRnn, zerosLike } from './tiny-rnn.js';

const here = dirname(fileURLToPath(import.meta.url));
const datasets = join(here, '../../data/datasets');
const docs = join(here, '../docs');
mkdirSync(docs, { recursive: true });

async function save(name: string, svg: string, width?: number): Promise<void> {
  writeFileSync(join(docs, `${name}.png`), await renderPng(svg, width === undefined ? {} : { width }));
  console.log(`docs/${name}.png`);
}

// ---- data: "1981-01-01",20.7 per line (CRLF, quoted dates) ----
const rows = readFileSync(join(datasets, 'daily-min-temperatures.csv'), 'utf8')
  .split(/\r?\n/)
  .slice(1)
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const [date, temp] = line.split(',');
    return { date: new Date(`${(date ?? '').replace(/"/g, '')}T00:00:00Z`), temp: Number(temp) };
  });
const temps = rows.map((r) => r.temp);
const n = temps.length;
const trainEnd = Math.round(n * 0.7);
const valEnd = Math.round(n * 0.85);
const mean = temps.slice(0, trainEnd).reduce((a, b) => a + b, 0) / trainEnd;
const std = Math.sqrt(temps.slice(0, trainEnd).reduce((a, b) => a + (b - mean) ** 2, 0) / trainEnd);
const z = temps.map((t) => (t - mean) / std);

// ---- train a SimpleRNN: 30 days in → the next day out ----
const WINDOW = 30;
const rng = mulberry32(42);
const net = simpleRnn(16, rng);
const startsIn = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from - WINDOW) }, (_, i) => from + i);
const trainStarts = startsIn(0, trainEnd);
const valStarts = startsIn(trainEnd - WINDOW, valEnd);
const rmse = (starts: number[]): number => Math.sqrt(starts.reduce((acc, s) => acc + (rnnForward(net, z.slice(s, s + WINDOW)).y - (z[s + WINDOW] as number)) ** 2, 0) / starts.length) * std;
const fresh = simpleRnn(16, mulberry32(42));
const probe = z.slice(trainEnd - 100, trainEnd);
const gradNorms = (model: typeof net): number[] => {
  const { hs, y } = rnnForward(model, probe);
  return rnnBackward(model, probe, hs, y - (z[trainEnd] as number), zerosLike(model));
};
const initNorms = gradNorms(fresh);
const update = adamStep(rnnArrays(net), 0.001);
// Epoch 0 is the untrained network.
const history = { train: [rmse(trainStarts)], validation: [rmse(valStarts)], epochs: [0] };
const EPOCHS = 30;
for (let epoch = 1; epoch <= EPOCHS; epoch++) {
  const order = [...trainStarts].sort(() => rng() - 0.5);
  for (let b = 0; b < order.length; b += 32) {
    const grad = zerosLike(net);
    const batch = order.slice(b, b + 32);
    for (const s of batch) {
      const xs = z.slice(s, s + WINDOW);
      const { hs, y } = rnnForward(net, xs);
      rnnBackward(net, xs, hs, (y - (z[s + WINDOW] as number)) / batch.length, grad);
    }
    update(rnnArrays(grad));
  }
  history.train.push(rmse(trainStarts));
  history.validation.push(rmse(valStarts));
  history.epochs.push(epoch);
  console.log(`epoch ${epoch}: train RMSE ${history.train.at(-1)?.toFixed(3)} °C, validation ${history.validation.at(-1)?.toFixed(3)} °C`);
}
await save('loss-curve', lossCurve(history, { title: 'SimpleRNN on Melbourne daily minimum temperatures', yLabel: 'RMSE (°C)', labels: { train: `train (${rows[0]?.date.getUTCFullYear()}–${rows[trainEnd - 1]?.date.getUTCFullYear()})`, validation: `validation (${rows[trainEnd]?.date.getUTCFullYear()}–${rows[valEnd - 1]?.date.getUTCFullYear()})` } }), 1440);

// ---- forecasts on the last year: one step ahead, and 30 days iterated from an origin ----
const predictOne = (upTo: number): number => rnnForward(net, z.slice(upTo - WINDOW, upTo)).y;
const iterate = (origin: number, horizon: number): number[] => {
  const context = z.slice(origin - WINDOW, origin);
  const out: number[] = [];
  for (let k = 0; k < horizon; k++) {
    const y = rnnForward(net, context.slice(-WINDOW)).y;
    out.push(y);
    context.push(y);
  }
  return out;
};
// Spread of the iterated forecast's error at each horizon, measured on the validation years.
const HORIZON = 60;
const errors: number[][] = Array.from({ length: HORIZON }, () => []);
for (let origin = trainEnd; origin + HORIZON <= valEnd; origin += 7) {
  iterate(origin, HORIZON).forEach((y, k) => errors[k]?.push((y - (z[origin + k] as number)) * std));
}
const spread = errors.map((e) => Math.sqrt(e.reduce((a, b) => a + b * b, 0) / e.length));
const from = valEnd - 90;
const origin = n - HORIZON;
const meanForecast = iterate(origin, HORIZON).map((y) => y * std + mean);
const band = (q: number, label: string) => ({ lower: meanForecast.map((m, k) => m - q * (spread[k] as number)), upper: meanForecast.map((m, k) => m + q * (spread[k] as number)), label });
await save(
  'forecast-plot',
  forecastPlot(
    {
      actual: temps.slice(from),
      predicted: temps.slice(from).map((_, i) => (from + i < origin ? predictOne(from + i) * std + mean : NaN)),
      time: rows.slice(from).map((r) => r.date),
      regions: [
        { label: 'validation', start: 0, end: valEnd - from },
        { label: 'test', start: valEnd - from, end: n - from },
      ],
      forecast: { start: origin - from, values: meanForecast, bands: [band(1.645, '90 % interval'), band(0.674, '50 % interval')] },
    },
    { title: `One-step predictions and a ${HORIZON}-day forecast from ${rows[origin]?.date.toISOString().slice(0, 10)}`, xLabel: 'Date', yLabel: 'Daily minimum temperature (°C)', width: 960, height: 440 },
  ),
  1440,
);

// ---- hidden state of the trained SimpleRNN over 60 days ----
const hsStart = n - 60;
const { hs } = rnnForward(net, z.slice(hsStart, n));
const dayLabel = (d: Date): string => d.toISOString().slice(5, 10);
await save(
  'heatmap',
  heatmap(hs.slice(1).map((h) => Array.from(h)), {
    activation: 'tanh',
    title: `SimpleRNN hidden state, ${rows[hsStart]?.date.toISOString().slice(0, 10)} to ${rows[n - 1]?.date.toISOString().slice(0, 10)}`,
    timeLabels: rows.slice(hsStart).map((r) => dayLabel(r.date)),
    xLabel: 'Date (month-day)',
    yLabel: 'Hidden unit',
    colorLabel: 'hₜ (tanh)',
  }),
  1440,
);

// ---- LSTM forget gate on the same days (fresh LSTM, unit forget bias) ----
const lstm = lstmGradientNorms(16, probe, z[trainEnd] as number, mulberry32(42));
await save(
  'heatmap-gates',
  heatmap(lstm.forget.slice(-60), {
    activation: 'sigmoid',
    title: 'Forget gate fₜ of a freshly initialised LSTM (unit forget bias)',
    timeLabels: rows.slice(trainEnd - 60, trainEnd).map((r) => dayLabel(r.date)),
    xLabel: `Date (month-day, ${rows[trainEnd - 1]?.date.getUTCFullYear()})`,
    yLabel: 'Hidden unit',
    colorLabel: 'fₜ (sigmoid)',
  }),
  1440,
);

// ---- gradient flow over 100 days ----
await save(
  'gradient-flow',
  gradientFlow(
    [
      { label: 'SimpleRNN, initialised', norms: initNorms },
      { label: 'SimpleRNN, trained', norms: gradNorms(net) },
      { label: 'LSTM, initialised', norms: lstm.norms },
    ],
    { title: 'How much gradient reaches each of 100 days (loss on day 100)', xLabel: 'Time step t (day)' },
  ),
  1440,
);

// ---- diagrams ----
await save('window-diagram', windowDiagram(temps.slice(0, 10), { window: 3, maxWindows: 5, yLabel: 'Temp. (°C)', title: 'First days of 1981 cut into samples: 3 days in, the next day out' }), 1440);
await save('unrolled-graph', unrolledGraph({ cell: 'simple', steps: 4 }), 1440);
await save('unrolled-lstm', unrolledGraph({ cell: 'lstm', steps: 3, internals: true, timeLabels: 'relative' }), 1440);
await save('unrolled-gru', unrolledGraph({ cell: 'gru', steps: 3, internals: true, timeLabels: 'relative' }), 1440);

// ---- token strip: a char-RNN's confidence in each next character ----
const shakespeare = readFileSync(join(datasets, 'tinyshakespeare.txt'), 'utf8');
const { net: charNet, losses } = trainCharRnn(shakespeare.slice(0, 80_000), { units: 48, seqLength: 25, passes: 2, lr: 0.003, seed: 7 });
console.log(`char-RNN loss per pass (nats/char): ${losses.map((l) => l.toFixed(3)).join(', ')}`);
// Unseen text (the model trained on the first 80,000 characters), from a line start.
const passageStart = shakespeare.indexOf('\n', 1_000_000) + 1;
const passage = shakespeare.slice(passageStart, passageStart + 420);
const { confidence } = readText(charNet, passage);
const shown = passage.slice(0, passage.lastIndexOf('\n'));
await save(
  'token-strip',
  tokenStrip(
    shown,
    confidence.slice(0, [...shown].length).map((p) => (Number.isFinite(p) ? p : 0)),
    { scheme: 'sequential', domain: [0, 1], title: 'Char-RNN on unseen Shakespeare: p(next character)', valueLabel: 'p(next char)', columns: 72 },
  ),
  1440,
);
