// The cartesian line chart that lossCurve and gradientFlow specialise: d3 linear or log
// scales over the series' extents (niced), axes, one path per series, legend when there
// are several, and an overlay hook that receives the scales.

import type { ScaleContinuousNumeric } from 'd3-scale';
import { scaleLinear, scaleLog } from 'd3-scale';
import { bottomAxis, chartTitle, leftAxis, logTickFormat } from './axes.js';
import { legendTop, plotBox } from './chart-options.js';
import type { Box } from './chart-options.js';
import { linearDomain, logDomain } from './domain.js';
import { legend, legendHeight } from './legend.js';
import { seriesPath } from './line-path.js';
import { el, svgDocument } from './svg.js';
import type { Theme } from './theme.js';
import { seriesColor } from './theme.js';

/** One line: its x and y values (NaN y = gap). */
export interface LineSeries {
  /** CSS-safe key, used as class `series-<key>`. */
  key: string;
  label: string;
  xs: readonly number[];
  ys: readonly number[];
}

/** Scales and plot area handed to overlays. */
export interface LineChartFrame {
  x: ScaleContinuousNumeric<number, number>;
  y: ScaleContinuousNumeric<number, number>;
  plot: Box;
}

/** Everything {@link lineChart} draws. */
export interface LineChartSpec {
  width: number;
  height: number;
  title: string;
  desc: string;
  idPrefix: string;
  theme: Theme;
  series: readonly LineSeries[];
  xLabel: string;
  yLabel: string;
  logScale: boolean;
  /** Show only integer x tick labels (epochs, time steps). */
  integerX: boolean;
  overlay?: (frame: LineChartFrame) => string;
}

/** Renders the chart described by `spec` as an SVG document string. */
export function lineChart(spec: LineChartSpec): string {
  const { theme, width, height } = spec;
  const items = spec.series.length > 1 ? spec.series.map((s, i) => ({ label: s.label, color: seriesColor(theme, i), swatch: 'line' as const })) : [];
  const plot = plotBox(width, height, theme, legendHeight(items, width, theme));
  const x = scaleLinear().domain(linearDomain(spec.series.flatMap((s) => s.xs))).range([plot.x, plot.x + plot.width]);
  const ys = spec.series.flatMap((s) => s.ys);
  const y = (spec.logScale ? scaleLog().domain(logDomain(ys)) : scaleLinear().domain(linearDomain(ys))).range([plot.y + plot.height, plot.y]).nice();
  const paths = spec.series.map((s, i) =>
    seriesPath(
      s.ys.map((v, j) => [x(s.xs[j] as number), Number.isFinite(v) ? y(v) : NaN] as const),
      { class: `series series-${s.key}`, stroke: seriesColor(theme, i) },
    ),
  );
  const integerFormat = (d: number): string => (Number.isInteger(d) ? String(d) : '');
  return svgDocument({
    width,
    height,
    title: spec.title,
    desc: spec.desc,
    idPrefix: spec.idPrefix,
    background: theme.background,
    fontFamily: theme.fontFamily,
    body: [
      chartTitle(spec.title, width, theme),
      bottomAxis({ scale: x, label: spec.xLabel, tickCount: 8, grid: true, format: spec.integerX ? integerFormat : undefined }, plot, theme),
      leftAxis({ scale: y, label: spec.yLabel, tickCount: 6, grid: true, format: spec.logScale ? logTickFormat(y.domain()) : undefined }, plot, theme),
      el('rect', { class: 'plot-area', x: plot.x, y: plot.y, width: plot.width, height: plot.height, fill: 'none' }),
      ...paths,
      spec.overlay?.({ x, y, plot }) ?? '',
      legend(items, width, legendTop(theme), theme),
    ].join(''),
  });
}
