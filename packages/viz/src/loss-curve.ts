// Training and validation loss per epoch (or step), optional log y axis, best epoch marked.

import { chartSize } from './chart-options.js';
import type { ChartOptions } from './chart-options.js';
import { checkLength, checkSeries } from './check.js';
import { lineChart } from './line-chart.js';
import type { LineChartFrame, LineSeries } from './line-chart.js';
import { describeSeries, formatValue } from './summary.js';
import { el, textEl } from './svg.js';
import type { Theme } from './theme.js';
import { resolveTheme } from './theme.js';

/** Loss values per epoch. NaN marks an epoch without a value (drawn as a gap). */
export interface LossCurveData {
  /** Training loss, one value per epoch. */
  train: readonly number[];
  /** Validation loss, same length as `train`. */
  validation?: readonly number[];
  /** x value of each entry (epoch or step numbers); 1, 2, … when omitted. */
  epochs?: readonly number[];
}

/** Options of {@link lossCurve}. */
export interface LossCurveOptions extends ChartOptions {
  /**
   * Logarithmic y axis (all finite losses must then be > 0).
   * @default false
   */
  logScale?: boolean;
  /**
   * Mark the epoch with the lowest validation loss (training loss without validation).
   * @default true
   */
  markBest?: boolean;
  /**
   * x axis title.
   * @default 'Epoch'
   */
  xLabel?: string;
  /**
   * y axis title, with the loss's name or unit.
   * @default 'Loss'
   */
  yLabel?: string;
  /**
   * Legend labels of the two series.
   * @default { train: 'train', validation: 'validation' }
   */
  labels?: { train?: string; validation?: string };
}

/** Index of the smallest finite value, -1 if none. */
function argMin(values: readonly number[]): number {
  let best = -1;
  values.forEach((v, i) => {
    if (Number.isFinite(v) && (best < 0 || v < (values[best] as number))) best = i;
  });
  return best;
}

function bestMarker(frame: LineChartFrame, epoch: number, value: number, label: string, theme: Theme): string {
  const { x, y, plot } = frame;
  const px = x(epoch);
  const right = px > plot.x + plot.width * 0.7;
  return el(
    'g',
    { class: 'best-marker', 'data-epoch': epoch, 'data-value': value },
    el('line', { x1: px, x2: px, y1: plot.y, y2: plot.y + plot.height, stroke: theme.foreground, 'stroke-dasharray': '3 3', 'stroke-opacity': 0.6 }),
    el('circle', { cx: px, cy: y(value), r: 5, fill: 'none', stroke: theme.foreground, 'stroke-width': 2 }),
    textEl({ x: px + (right ? -6 : 6), y: plot.y + plot.height - 8, 'text-anchor': right ? 'end' : 'start', 'font-size': theme.tickSize, fill: theme.foreground }, label),
  );
}

/**
 * Renders a loss curve as an SVG string: NaN losses are gaps, ±Infinity is an error.
 *
 * @example
 * ```ts
 * const svg = lossCurve({ train: [0.9, 0.5, 0.3], validation: [1.0, 0.6, 0.45] }, { logScale: true });
 * ```
 */
export function lossCurve(data: LossCurveData, options: LossCurveOptions = {}): string {
  const where = 'lossCurve';
  const positive = options.logScale ?? false;
  const train = checkSeries(where, 'data.train', data?.train, { allowNaN: true, positive });
  const validation = data.validation === undefined ? undefined : checkSeries(where, 'data.validation', data.validation, { allowNaN: true, positive });
  if (validation) checkLength(where, 'data.validation', validation.length, train.length, 'data.train');
  const epochs = data.epochs === undefined ? train.map((_, i) => i + 1) : checkSeries(where, 'data.epochs', data.epochs);
  checkLength(where, 'data.epochs', epochs.length, train.length, 'data.train');

  const theme = resolveTheme(options.theme);
  const xLabel = options.xLabel ?? 'Epoch';
  const xName = xLabel.toLowerCase();
  const series: LineSeries[] = [{ key: 'train', label: options.labels?.train ?? 'train', xs: epochs, ys: train }];
  if (validation) series.push({ key: 'validation', label: options.labels?.validation ?? 'validation', xs: epochs, ys: validation });

  // Best epoch: lowest validation loss, or lowest training loss without validation.
  const reference = series[series.length - 1] as LineSeries;
  const best = argMin(reference.ys);
  const bestEpoch = epochs[best] as number;
  const bestValue = reference.ys[best] as number;
  const desc =
    `Line chart of ${series.length === 1 ? 'training loss' : 'training and validation loss'} against ${xName}` +
    `${positive ? ' on a logarithmic y axis' : ''}. ` +
    series.map((s) => describeSeries(s.label, epochs, s.ys, xName)).join(' ') +
    ` Best ${xName}: ${formatValue(bestEpoch)} (${reference.label} ${formatValue(bestValue)}).`;

  return lineChart({
    ...chartSize(where, options),
    title: options.title ?? 'Training loss',
    desc,
    idPrefix: options.idPrefix ?? 'loss-curve',
    theme,
    series,
    xLabel,
    yLabel: options.yLabel ?? 'Loss',
    logScale: positive,
    integerX: epochs.every(Number.isInteger),
    overlay:
      (options.markBest ?? true)
        ? (frame) => bestMarker(frame, bestEpoch, bestValue, `best ${xName} ${formatValue(bestEpoch)}: ${formatValue(bestValue)}`, theme)
        : undefined,
  });
}
