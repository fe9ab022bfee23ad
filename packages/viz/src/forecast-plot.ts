// A series with its one-step predictions, the train/validation/test regions shaded, and a
// multi-step forecast with its fan of intervals (as in Hyndman & Athanasopoulos, FPP3 §5).

import { area } from 'd3-shape';
import { scaleLinear, scaleTime } from 'd3-scale';
import { bottomAxis, chartTitle, leftAxis } from './axes.js';
import type { TickScale } from './axes.js';
import { chartSize, legendTop, plotBox } from './chart-options.js';
import type { ChartOptions } from './chart-options.js';
import { checkInt, checkLength, checkSeries, describe } from './check.js';
import { linearDomain } from './domain.js';
import { legend, legendHeight } from './legend.js';
import type { LegendItem } from './legend.js';
import { seriesPath } from './line-path.js';
import { describeSeries, formatValue } from './summary.js';
import { el, svgDocument, textEl } from './svg.js';
import { resolveTheme } from './theme.js';
import { VizError } from './viz-error.js';

/** A shaded span of indices `[start, end)`, e.g. `{ label: 'test', start: 3285, end: 3650 }`. */
export interface ForecastRegion {
  label: string;
  start: number;
  end: number;
}

/** One interval of the fan: `lower[k] <= upper[k]` around forecast step k. */
export interface ForecastBand {
  lower: readonly number[];
  upper: readonly number[];
  /** Legend label, e.g. '80 % interval'. */
  label?: string;
}

/** A multi-step forecast that starts at index `start` (it may run past `actual`). */
export interface MultiStepForecast {
  start: number;
  values: readonly number[];
  /** Intervals, widest first; drawn as a fan of decreasing transparency. */
  bands?: readonly ForecastBand[];
}

/** What {@link forecastPlot} draws. NaN in `actual`/`predicted` is a gap. */
export interface ForecastPlotData {
  /** The observed series (history and the truth to compare with). */
  actual: readonly number[];
  /** One-step-ahead predictions aligned with `actual`; NaN where there is none. */
  predicted?: readonly number[];
  forecast?: MultiStepForecast;
  regions?: readonly ForecastRegion[];
  /** x value per index (numbers or Dates), covering `actual` and the forecast. */
  time?: readonly (number | Date)[];
}

/** Options of {@link forecastPlot}. */
export interface ForecastPlotOptions extends ChartOptions {
  /**
   * x axis title.
   * @default 'Time step'
   */
  xLabel?: string;
  /**
   * y axis title, with the unit.
   * @default 'Value'
   */
  yLabel?: string;
  /**
   * Legend labels.
   * @default { actual: 'actual', predicted: 'predicted', forecast: 'forecast' }
   */
  labels?: { actual?: string; predicted?: string; forecast?: string };
}

const REGION_COLORS: Record<string, string> = { train: '#4e79a7', validation: '#f28e2c', test: '#59a14f' };

/**
 * Renders a forecast against the truth as an SVG string.
 *
 * @example
 * ```ts
 * const svg = forecastPlot({
 *   actual: [5, 6, 7, 6, 5, 6, 7, 8],
 *   predicted: [NaN, 5.5, 6.6, 6.4, 5.2, 5.9, 6.8, 7.7],
 *   regions: [{ label: 'train', start: 0, end: 6 }, { label: 'test', start: 6, end: 8 }],
 *   forecast: { start: 8, values: [8.2, 8.1], bands: [{ lower: [7, 6.5], upper: [9.4, 9.7], label: '90 %' }] },
 * }, { yLabel: 'Temperature (°C)' });
 * ```
 */
export function forecastPlot(data: ForecastPlotData, options: ForecastPlotOptions = {}): string {
  const where = 'forecastPlot';
  const actual = checkSeries(where, 'data.actual', data?.actual, { allowNaN: true });
  const predicted = data.predicted === undefined ? undefined : checkSeries(where, 'data.predicted', data.predicted, { allowNaN: true });
  if (predicted) checkLength(where, 'data.predicted', predicted.length, actual.length, 'data.actual');
  const forecast = data.forecast;
  let forecastValues: readonly number[] = [];
  if (forecast !== undefined) {
    checkInt(where, 'data.forecast.start', forecast.start, 0);
    forecastValues = checkSeries(where, 'data.forecast.values', forecast.values);
    (forecast.bands ?? []).forEach((band, b) => {
      const lower = checkSeries(where, `data.forecast.bands[${b}].lower`, band?.lower);
      const upper = checkSeries(where, `data.forecast.bands[${b}].upper`, band.upper);
      checkLength(where, `data.forecast.bands[${b}].lower`, lower.length, forecastValues.length, 'data.forecast.values');
      checkLength(where, `data.forecast.bands[${b}].upper`, upper.length, forecastValues.length, 'data.forecast.values');
      const k = lower.findIndex((v, i) => v > (upper[i] as number));
      if (k >= 0) throw new VizError('INVALID_ARGUMENT', `${where}: data.forecast.bands[${b}] has lower[${k}] = ${lower[k]} above upper[${k}] = ${upper[k]}`, { band: b, index: k });
    });
  }
  const total = Math.max(actual.length, forecast ? forecast.start + forecastValues.length : 0);
  const regions = data.regions ?? [];
  regions.forEach((r, i) => {
    if (typeof r?.label !== 'string') throw new VizError('INVALID_ARGUMENT', `${where}: data.regions[${i}].label must be a string, got ${describe(r?.label)}`);
    checkInt(where, `data.regions[${i}].start`, r.start, 0, total - 1);
    checkInt(where, `data.regions[${i}].end`, r.end, r.start + 1, total);
  });

  // x: index → time value → pixel.
  const time = data.time;
  const theme = resolveTheme(options.theme);
  const { width, height } = chartSize(where, options);
  const names = { actual: options.labels?.actual ?? 'actual', predicted: options.labels?.predicted ?? 'predicted', forecast: options.labels?.forecast ?? 'forecast' };
  const colors = { actual: theme.foreground, predicted: '#e15759', forecast: '#af7aa1' };
  const bandOpacity = (b: number, n: number): number => 0.22 + (0.23 * b) / Math.max(1, n - 1);
  // Regions are labelled inside their shading, so the legend lists only lines and bands.
  const items: LegendItem[] = [{ label: names.actual, color: colors.actual, swatch: 'line' }];
  if (predicted) items.push({ label: names.predicted, color: colors.predicted, swatch: 'line' });
  if (forecast) {
    items.push({ label: names.forecast, color: colors.forecast, swatch: 'dashed' });
    const bands = forecast.bands ?? [];
    bands.forEach((band, b) => items.push({ label: band.label ?? `band ${b + 1}`, color: colors.forecast, swatch: 'area', opacity: bandOpacity(b, bands.length) }));
  }
  const legendItems = items.length > 1 ? items : [];
  const plot = plotBox(width, height, theme, legendHeight(legendItems, width, theme));
  const xRange: [number, number] = [plot.x, plot.x + plot.width];
  let xAxisScale: TickScale<number> | TickScale<Date>;
  let xAt: (i: number) => number;
  let xName: (i: number) => string;
  if (time === undefined) {
    const x = scaleLinear().domain([0, Math.max(1, total - 1)]).range(xRange);
    xAxisScale = x;
    xAt = (i) => x(i);
    xName = (i) => String(i);
  } else {
    if (!Array.isArray(time)) throw new VizError('INVALID_ARGUMENT', `${where}: data.time must be an array of numbers or Dates, got ${describe(time)}`);
    checkLength(where, 'data.time', time.length, total, 'data.actual plus the forecast');
    const values = time.map((t, i) => {
      const v = t instanceof Date ? t.getTime() : t;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new VizError('INVALID_ARGUMENT', `${where}: data.time[${i}] must be a finite number or a valid Date, got ${describe(t)}`, { index: i });
      return v;
    });
    const isDate = time[0] instanceof Date;
    const domain = linearDomain(values);
    const x = isDate ? scaleTime().domain(domain).range(xRange) : scaleLinear().domain(domain).range(xRange);
    xAxisScale = x as TickScale<number>;
    xAt = (i) => x(values[i] as number);
    xName = (i) => (isDate ? (time[i] as Date).toISOString().slice(0, 10) : String(time[i]));
  }

  const ys = [...actual, ...(predicted ?? []), ...forecastValues, ...(forecast?.bands ?? []).flatMap((b) => [...b.lower, ...b.upper])];
  const y = scaleLinear().domain(linearDomain(ys)).range([plot.y + plot.height, plot.y]).nice();
  const point = (i: number, v: number): readonly [number, number] => [xAt(i), Number.isFinite(v) ? y(v) : NaN];
  const layers: string[] = [];

  const regionLabels: string[] = [];
  regions.forEach((r, i) => {
    const color = REGION_COLORS[r.label] ?? theme.palette[(i + 3) % theme.palette.length] ?? theme.grid;
    const x0 = xAt(r.start);
    const x1 = xAt(Math.min(r.end, total - 1));
    layers.push(
      el('rect', { class: 'region', 'data-label': r.label, 'data-start': r.start, 'data-end': r.end, x: x0, y: plot.y, width: Math.max(1, x1 - x0), height: plot.height, fill: color, 'fill-opacity': 0.1 }),
    );
    // Labels go on top of the lines, with a halo in the background colour to stay legible.
    regionLabels.push(
      textEl(
        { class: 'region-label', x: (x0 + x1) / 2, y: plot.y + theme.tickSize + 4, 'text-anchor': 'middle', 'font-size': theme.tickSize, fill: theme.foreground, stroke: theme.background, 'stroke-width': 3, 'paint-order': 'stroke' },
        r.label,
      ),
    );
  });

  if (forecast) {
    const bands = forecast.bands ?? [];
    bands.forEach((band, b) => {
      const opacity = bandOpacity(b, bands.length);
      const shape = area<number>()
        .x((k) => xAt(forecast.start + k))
        .y0((k) => y(band.lower[k] as number))
        .y1((k) => y(band.upper[k] as number))
        .digits(2);
      layers.push(el('path', { class: 'forecast-band', d: shape(forecastValues.map((_, k) => k)) ?? '', fill: colors.forecast, 'fill-opacity': opacity }));
    });
    const x0 = xAt(forecast.start);
    layers.push(el('line', { class: 'forecast-origin', x1: x0, x2: x0, y1: plot.y, y2: plot.y + plot.height, stroke: theme.foreground, 'stroke-dasharray': '2 3', 'stroke-opacity': 0.5 }));
  }
  layers.push(seriesPath(actual.map((v, i) => point(i, v)), { class: 'series series-actual', stroke: colors.actual, width: 1.5 }));
  if (predicted) {
    layers.push(seriesPath(predicted.map((v, i) => point(i, v)), { class: 'series series-predicted', stroke: colors.predicted, width: 1.5 }));
  }
  if (forecast) {
    layers.push(seriesPath(forecastValues.map((v, k) => point(forecast.start + k, v)), { class: 'series series-forecast', stroke: colors.forecast, width: 2, dashed: true }));
  }

  const indexNames = actual.map((_, i) => xName(i));
  const desc =
    `Time series of ${actual.length} observations${predicted ? ' with one-step predictions' : ''}${forecast ? ` and a ${forecastValues.length}-step forecast from ${xName(forecast.start)}` : ''}. ` +
    describeSeries(names.actual, indexNames, actual, 'at') +
    (predicted ? ` ${describeSeries(names.predicted, indexNames, predicted, 'at')}` : '') +
    (forecast ? ` ${names.forecast}: ${forecastValues.map((v) => formatValue(v)).slice(0, 12).join(', ')}${forecastValues.length > 12 ? ', …' : ''}.` : '') +
    (regions.length > 0 ? ` Regions: ${regions.map((r) => `${r.label} ${xName(r.start)} to ${xName(r.end - 1)}`).join('; ')}.` : '');

  const title = options.title ?? 'Forecast';
  return svgDocument({
    width,
    height,
    title,
    desc,
    idPrefix: options.idPrefix ?? 'forecast-plot',
    background: theme.background,
    fontFamily: theme.fontFamily,
    body: [
      chartTitle(title, width, theme),
      bottomAxis({ scale: xAxisScale as TickScale<number>, label: options.xLabel ?? 'Time step', tickCount: 8, grid: true }, plot, theme),
      leftAxis({ scale: y, label: options.yLabel ?? 'Value', tickCount: 6, grid: true }, plot, theme),
      el('rect', { class: 'plot-area', x: plot.x, y: plot.y, width: plot.width, height: plot.height, fill: 'none' }),
      ...layers,
      ...regionLabels,
      legend(legendItems, width, legendTop(theme), theme),
    ].join(''),
  });
}
