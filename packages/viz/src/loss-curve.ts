// Training and validation loss per epoch (or step), optional log y axis, best epoch marked.

import { scaleLinear, scaleLog } from 'd3-scale';
import { bottomAxis, chartTitle, leftAxis, logTickSpecifier } from './axes.js';
import { chartSize, plotBox } from './chart-options.js';
import type { ChartOptions } from './chart-options.js';
import { checkLength, checkSeries } from './check.js';
import { linearDomain, logDomain } from './domain.js';
import { legend } from './legend.js';
import type { LegendItem } from './legend.js';
import { seriesPath } from './line-path.js';
import { describeSeries, formatValue } from './summary.js';
import { el, svgDocument, textEl } from './svg.js';
import { resolveTheme, seriesColor } from './theme.js';

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

/**
 * Renders a loss curve as an SVG string.
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
  const { width, height } = chartSize(where, options);
  const title = options.title ?? 'Training loss';
  const xLabel = options.xLabel ?? 'Epoch';
  const yLabel = options.yLabel ?? 'Loss';
  const names = { train: options.labels?.train ?? 'train', validation: options.labels?.validation ?? 'validation' };
  const plot = plotBox(width, height, theme);

  const x = scaleLinear().domain(linearDomain(epochs)).range([plot.x, plot.x + plot.width]);
  const all = [...train, ...(validation ?? [])];
  const y = (positive ? scaleLog().domain(logDomain(all)) : scaleLinear().domain(linearDomain(all))).range([plot.y + plot.height, plot.y]).nice();

  const series = [{ name: names.train, values: train, key: 'train' }];
  if (validation) series.push({ name: names.validation, values: validation, key: 'validation' });
  const paths = series.map((s, i) =>
    seriesPath(
      s.values.map((v, j) => [x(epochs[j] as number), Number.isFinite(v) ? y(v) : NaN] as const),
      { class: `series series-${s.key}`, stroke: seriesColor(theme, i) },
    ),
  );

  // Best epoch: lowest validation loss, or lowest training loss without validation.
  const reference = validation ?? train;
  let best = -1;
  reference.forEach((v, i) => {
    if (Number.isFinite(v) && (best < 0 || v < (reference[best] as number))) best = i;
  });
  const bestEpoch = epochs[best] as number;
  const bestValue = reference[best] as number;
  const bestName = validation ? names.validation : names.train;
  const marker =
    (options.markBest ?? true) && best >= 0
      ? el(
          'g',
          { class: 'best-marker', 'data-epoch': bestEpoch, 'data-value': bestValue },
          el('line', { x1: x(bestEpoch), x2: x(bestEpoch), y1: plot.y, y2: plot.y + plot.height, stroke: theme.foreground, 'stroke-dasharray': '3 3', 'stroke-opacity': 0.6 }),
          el('circle', { cx: x(bestEpoch), cy: y(bestValue), r: 5, fill: 'none', stroke: theme.foreground, 'stroke-width': 2 }),
          textEl(
            { x: x(bestEpoch) + (x(bestEpoch) > plot.x + plot.width * 0.7 ? -6 : 6), y: plot.y + plot.height - 8, 'text-anchor': x(bestEpoch) > plot.x + plot.width * 0.7 ? 'end' : 'start', 'font-size': theme.tickSize, fill: theme.foreground },
            `best ${xLabel.toLowerCase()} ${formatValue(bestEpoch)}: ${formatValue(bestValue)}`,
          ),
        )
      : '';

  const items: LegendItem[] = series.length > 1 ? series.map((s, i) => ({ label: s.name, color: seriesColor(theme, i), swatch: 'line' })) : [];
  const isInteger = epochs.every(Number.isInteger);
  const desc =
    `Line chart of ${series.length === 1 ? 'training loss' : 'training and validation loss'} against ${xLabel.toLowerCase()}` +
    `${positive ? ' on a logarithmic y axis' : ''}. ` +
    series.map((s) => describeSeries(s.name, epochs, s.values, xLabel.toLowerCase())).join(' ') +
    (best >= 0 ? ` Best ${xLabel.toLowerCase()}: ${formatValue(bestEpoch)} (${bestName} ${formatValue(bestValue)}).` : '');

  return svgDocument({
    width,
    height,
    title,
    desc,
    idPrefix: options.idPrefix ?? 'loss-curve',
    background: theme.background,
    fontFamily: theme.fontFamily,
    body: [
      chartTitle(title, width, theme),
      bottomAxis({ scale: x, label: xLabel, tickCount: 8, grid: true, format: isInteger ? (d: number) => (Number.isInteger(d) ? String(d) : '') : undefined }, plot, theme),
      leftAxis({ scale: y, label: yLabel, tickCount: 6, grid: true, format: positive ? logTickSpecifier(y.domain()) : undefined }, plot, theme),
      el('rect', { class: 'plot-area', x: plot.x, y: plot.y, width: plot.width, height: plot.height, fill: 'none' }),
      ...paths,
      marker,
      legend(items, plot, theme),
    ].join(''),
  });
}
