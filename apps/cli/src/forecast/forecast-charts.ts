// The charts of a forecasting run, drawn by @rnnkit/viz from plain arrays: the loss curve, and
// the forecast against the truth over the test part (with a window of context before it); in
// the terminal, the same comparison as a line plot. PNG through @rnnkit/viz/png.

import { join } from 'node:path';
import { forecastPlot, lossCurve, terminalLinePlot } from '@rnnkit/viz';
import { renderPng } from '@rnnkit/viz/png';
import { writeFileAtomic } from '../files/output-dir.js';
import { historySeries } from '../training/history-series.js';
import type { FittedForecaster } from './fit-forecaster.js';

/** SVG documents by file stem (`loss` → loss.svg). */
export type Charts = Readonly<Record<string, string>>;

/** The first step of each test window's forecast (the one-step-ahead series). */
function firstSteps(values: Float32Array, horizon: number): number[] {
  return Array.from({ length: values.length / horizon }, (_, k) => values[k * horizon] as number);
}

/** What the charts say about the data. */
export interface ChartLabels {
  /** e.g. 'LSTM'. */
  readonly model: string;
  /** y axis title with the unit, e.g. 'Minimum temperature (°C)'. */
  readonly valueLabel: string;
  /** Title of the forecast chart. */
  readonly title: string;
}

/**
 * The loss curve and the forecast plot of a fitted forecaster.
 *
 * @example
 * ```ts
 * const charts = forecastCharts(fitted, { model: 'LSTM', valueLabel: 'Temp', title: 'Test part' });
 * ```
 */
export function forecastCharts(fitted: FittedForecaster, labels: ChartLabels): { loss: string; forecast: string } {
  const history = historySeries(fitted.training.history);
  const horizon = fitted.data.test.targetShape?.[0] ?? 1;
  const actual = firstSteps(fitted.actual, horizon);
  const predicted = firstSteps(fitted.predicted, horizon);
  const dates = fitted.data.loaded.series.dates?.slice(fitted.data.rows.test[0], fitted.data.rows.test[0] + actual.length);
  const time = dates?.map((d) => new Date(d));
  const useDates = time !== undefined && time.every((d) => Number.isFinite(d.getTime()));
  return {
    loss: lossCurve(
      { train: history.loss ?? [], ...(history.valLoss ? { validation: history.valLoss } : {}) },
      { title: `${labels.model} training loss`, yLabel: 'Mean squared error (scaled)', idPrefix: 'loss' },
    ),
    forecast: forecastPlot(
      { actual, predicted, ...(useDates ? { time } : {}) },
      {
        title: labels.title,
        yLabel: labels.valueLabel,
        xLabel: useDates ? 'Date' : 'Test step',
        labels: { actual: 'actual', predicted: `${labels.model} (one step ahead)` },
        idPrefix: 'forecast',
      },
    ),
  };
}

/**
 * The forecast against the truth for the terminal.
 *
 * @example
 * ```ts
 * output.print(terminalForecast(fitted, 'LSTM', { color: false }));
 * ```
 */
export function terminalForecast(fitted: FittedForecaster, model: string, options: { color: boolean; title: string; width?: number }): string {
  const horizon = fitted.data.test.targetShape?.[0] ?? 1;
  return terminalLinePlot(
    [
      { label: 'actual', values: firstSteps(fitted.actual, horizon) },
      { label: model, values: firstSteps(fitted.predicted, horizon) },
    ],
    { title: options.title, color: options.color, width: options.width ?? 72, height: 14, xLabel: 'test step' },
  );
}

/**
 * Writes each chart as `<name>.svg` and `<name>.png` into `dir`.
 *
 * @example
 * ```ts
 * await writeCharts(stagedDir, charts); // loss.svg, loss.png, forecast.svg, forecast.png
 * ```
 */
export async function writeCharts(dir: string, charts: Charts, options: { png: boolean } = { png: true }): Promise<string[]> {
  const files: string[] = [];
  for (const [name, svg] of Object.entries(charts)) {
    await writeFileAtomic(join(dir, `${name}.svg`), svg);
    files.push(`${name}.svg`);
    if (options.png) {
      await writeFileAtomic(join(dir, `${name}.png`), await renderPng(svg, { width: 1440 }));
      files.push(`${name}.png`);
    }
  }
  return files;
}
