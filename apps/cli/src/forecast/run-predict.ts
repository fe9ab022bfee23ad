// `rnnkit predict <model-dir> [file.csv] --steps N`: continue a series. The last `window` rows
// (from the CSV, or saved in the model directory) are scaled with the model's scaler and fed to
// the model; each prediction is appended to the window and fed back until N steps are known.

import { stat } from 'node:fs/promises';
import type { SequentialModel } from '@rnnkit/core';
import type { Scaler, SeriesMatrix } from '@rnnkit/data';
import { tensor, tidy } from '@tensorflow/tfjs-core';
import { CliError } from '../cli-error.js';
import type { CommandScope } from '../command-scope.js';
import type { PredictOptions } from '../commands/predict-command.js';
import { writeFileAtomic } from '../files/output-dir.js';
import { readInputFile } from '../files/read-input-file.js';
import { loadModelDir } from '../model/load-model-dir.js';
import { readForecastMetadata } from './forecast-metadata.js';
import type { ForecasterMetadata } from './forecast-metadata.js';
import { loadForecastSeries } from './load-series.js';
import { nextDates } from './next-dates.js';

/** The rows the forecast starts from. */
interface StartWindow {
  /** `window` rows × `columns.length`, raw values, row-major. */
  readonly values: Float32Array;
  readonly columns: readonly string[];
  readonly dates: readonly string[] | null;
  readonly source: string;
}

async function windowFromCsv(file: string, meta: ForecasterMetadata, options: PredictOptions): Promise<StartWindow> {
  const text = await readInputFile(file, 'CSV file');
  const { info, window } = meta;
  const loaded = await loadForecastSeries(file, text, { column: info.target, dateColumn: info.dateColumn ?? undefined, features: info.features, missing: options.missing });
  const { series } = loaded;
  if (series.rows < window) {
    throw new CliError('data', `${file} has ${series.rows} rows, but the model reads windows of ${window}`, `give at least ${window} rows`);
  }
  return {
    values: series.values.slice((series.rows - window) * series.columns),
    columns: series.columnNames ?? [],
    dates: series.dates ? series.dates.slice(series.rows - window) : null,
    source: file,
  };
}

/** Scaled model inputs `[1, window, features]` for a raw window. */
function modelInput(raw: Float32Array, columns: readonly string[], meta: ForecasterMetadata): Float32Array {
  const matrix: SeriesMatrix = { values: raw, rows: raw.length / columns.length, columns: columns.length, columnNames: columns };
  const scaled = meta.scaler.transform(matrix);
  const pick = meta.info.features.map((f) => columns.indexOf(f));
  const out = new Float32Array(matrix.rows * pick.length);
  for (let t = 0; t < matrix.rows; t++) pick.forEach((c, j) => (out[t * pick.length + j] = scaled.values[t * columns.length + c] as number));
  return out;
}

/**
 * `steps` values after the window: the model's horizon at a time, each fed back as input.
 *
 * @example
 * ```ts
 * const values = forecastSteps(model, meta, start, 30);
 * ```
 */
function forecastSteps(model: SequentialModel, meta: ForecasterMetadata, start: StartWindow, steps: number): number[] {
  const { window, horizon, scaler } = meta;
  const width = start.columns.length;
  let raw = Float32Array.from(start.values);
  const values: number[] = [];
  while (values.length < steps) {
    const x = modelInput(raw, start.columns, meta);
    const y = tidy(() => model.predict(tensor(x, [1, window, meta.info.features.length], 'float32')));
    const predicted = Array.from((scaler as Scaler).inverse(y.dataSync() as Float32Array, { column: meta.info.target }));
    y.dispose();
    const taken = predicted.slice(0, Math.min(horizon, steps - values.length));
    values.push(...taken);
    // Feed back: a univariate model's window slides over its own predictions.
    const next = new Float32Array(raw.length);
    next.set(raw.subarray(taken.length * width));
    next.set(Float32Array.from(taken), raw.length - taken.length * width);
    raw = next;
  }
  return values;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Runs `rnnkit predict`. */
export async function runPredict(modelDir: string, file: string | undefined, options: PredictOptions, scope: CommandScope): Promise<void> {
  const { output } = scope;
  if (options.out !== undefined && !options.force && (await stat(options.out).catch(() => undefined))) {
    throw new CliError('usage', `--out ${options.out} already exists`, 'pass --force to replace it, or choose another --out');
  }
  const loaded = await loadModelDir(modelDir);
  try {
    const meta = readForecastMetadata(modelDir, loaded.metadata);
    const { info, horizon } = meta;
    const steps = options.steps ?? horizon;
    const univariate = info.features.length === 1 && info.features[0] === info.target;
    if (steps > horizon && !univariate) {
      throw new CliError(
        'usage',
        `--steps ${steps}: this model reads ${info.features.join(', ')} but predicts only ${info.target}, so it cannot feed its predictions back; it forecasts at most its horizon of ${horizon} step(s)`,
        `pass --steps ${horizon} or fewer`,
      );
    }
    const start: StartWindow =
      file === undefined
        ? { values: Float32Array.from(info.tail.values), columns: info.tail.columns, dates: info.tail.dates, source: `${modelDir} (the end of its training series)` }
        : await windowFromCsv(file, meta, options);
    output.status(`forecasting ${steps} step(s) of ${info.target} after ${start.source}`);
    const values = forecastSteps(loaded.model, meta, start, steps);
    const dates = start.dates ? nextDates(start.dates, steps) : null;
    const header = ['step', ...(dates ? [info.dateColumn ?? 'date'] : []), info.target];
    const rows = values.map((v, k) => [String(k + 1), ...(dates ? [dates[k] as string] : []), String(Number(v.toPrecision(6)))]);
    const csv = `${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\n')}\n`;
    if (options.out !== undefined) {
      await writeFileAtomic(options.out, csv);
      output.status(`wrote ${steps} step(s) to ${options.out}`);
    } else {
      output.data(csv);
    }
    output.result({
      command: 'predict',
      model: modelDir,
      source: start.source,
      target: info.target,
      steps,
      predictions: values.map((value, k) => ({ step: k + 1, ...(dates ? { date: dates[k] } : {}), value })),
      ...(options.out !== undefined ? { out: options.out } : {}),
    });
  } finally {
    loaded.model.dispose();
  }
}
