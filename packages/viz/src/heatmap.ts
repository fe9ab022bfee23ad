// Time × units heatmap of hidden states, cell states or gate activations: time runs left
// to right (one column per step, labelled with the input tokens or timestamps), units top
// to bottom. Diverging RdBu for tanh ranges, sequential viridis for sigmoid gates.

import { scaleBand } from 'd3-scale';
import { chartTitle } from './axes.js';
import { chartSize, plotBox } from './chart-options.js';
import type { ChartOptions } from './chart-options.js';
import { colorBar } from './color-bar.js';
import { colorMap } from './color-map.js';
import type { ColorMapSpec } from './color-map.js';
import { checkLength, checkSeries, describe } from './check.js';
import { formatValue } from './summary.js';
import { el, svgDocument, textEl } from './svg.js';
import { resolveTheme } from './theme.js';
import { VizError } from './viz-error.js';

/** Options of {@link heatmap}. */
export interface HeatmapOptions extends ChartOptions, ColorMapSpec {
  /**
   * Label of each time step (input characters, words, dates); length = number of steps.
   * @default 0, 1, 2, …
   */
  timeLabels?: readonly string[];
  /**
   * Label of each unit.
   * @default 0, 1, 2, …
   */
  unitLabels?: readonly string[];
  /**
   * x axis title.
   * @default 'Time step'
   */
  xLabel?: string;
  /**
   * y axis title.
   * @default 'Unit'
   */
  yLabel?: string;
  /**
   * Colour bar title, with the quantity shown.
   * @default 'Activation'
   */
  colorLabel?: string;
}

/** Checks a rectangular matrix of finite numbers and returns its rows. */
export function checkMatrix(where: string, what: string, rows: unknown): readonly (readonly number[])[] {
  if (!Array.isArray(rows)) throw new VizError('INVALID_ARGUMENT', `${where}: ${what} must be an array of rows (number[][]), got ${describe(rows)}`);
  if (rows.length === 0) throw new VizError('EMPTY_INPUT', `${where}: ${what} has no rows; expected at least one time step`);
  const checked = rows.map((row, t) => checkSeries(where, `${what}[${t}]`, row));
  const width = checked[0]?.length ?? 0;
  checked.forEach((row, t) => checkLength(where, `${what}[${t}]`, row.length, width, `${what}[0]`));
  return checked;
}

/** Shows whitespace in axis labels: space → ␣, newline → ↵, tab → ⇥. */
export function visibleChar(label: string): string {
  return label.replace(/ /g, '␣').replace(/\n/g, '↵').replace(/\t/g, '⇥');
}

/**
 * Renders `values[t][u]` (time steps × units) as an SVG heatmap.
 *
 * @example
 * ```ts
 * const svg = heatmap([[0.1, -0.5], [0.8, -0.9], [0.3, 0.2]], { activation: 'tanh', timeLabels: ['c', 'a', 't'] });
 * ```
 */
export function heatmap(values: readonly (readonly number[])[], options: HeatmapOptions = {}): string {
  const where = 'heatmap';
  const rows = checkMatrix(where, 'values', values);
  const steps = rows.length;
  const units = rows[0]?.length ?? 0;
  const timeLabels = options.timeLabels ?? rows.map((_, t) => String(t));
  const unitLabels = options.unitLabels ?? Array.from({ length: units }, (_, u) => String(u));
  checkLength(where, 'timeLabels', timeLabels.length, steps, 'values (time steps)');
  checkLength(where, 'unitLabels', unitLabels.length, units, 'values[0] (units)');
  const flat = rows.flat();
  const map = colorMap(where, flat, options);

  const theme = resolveTheme(options.theme);
  const { width, height } = chartSize(where, options);
  const plot = plotBox(width, height, theme, 0, { right: 110 });
  const x = scaleBand<number>().domain(rows.map((_, t) => t)).range([plot.x, plot.x + plot.width]);
  const y = scaleBand<number>().domain(unitLabels.map((_, u) => u)).range([plot.y, plot.y + plot.height]);
  const cells = rows.flatMap((row, t) =>
    row.map((v, u) =>
      el('rect', { class: 'cell', 'data-t': t, 'data-unit': u, 'data-value': v, x: x(t), y: y(u), width: x.bandwidth() + 0.02, height: y.bandwidth() + 0.02, fill: map.color(v) }),
    ),
  );

  // Label every column/row when they fit, else every k-th.
  const every = (count: number, room: number, size: number): number => Math.max(1, Math.ceil(count / Math.max(1, Math.floor(room / size))));
  const bottom = plot.y + plot.height;
  const xStep = every(steps, plot.width, theme.tickSize * 0.62 * Math.max(...timeLabels.map((l) => visibleChar(l).length)) + 3);
  const xTicks = timeLabels.flatMap((label, t) =>
    t % xStep === 0 ? [textEl({ class: 'tick', x: (x(t) ?? 0) + x.bandwidth() / 2, y: bottom + 6 + theme.tickSize, 'text-anchor': 'middle', 'font-size': theme.tickSize, fill: theme.foreground }, visibleChar(label))] : [],
  );
  const yStep = every(units, plot.height, theme.tickSize * 1.3);
  const yTicks = unitLabels.flatMap((label, u) =>
    u % yStep === 0 ? [textEl({ class: 'tick', x: plot.x - 6, y: (y(u) ?? 0) + y.bandwidth() / 2 + theme.tickSize * 0.35, 'text-anchor': 'end', 'font-size': theme.tickSize, fill: theme.foreground }, label)] : [],
  );
  const xLabel = options.xLabel ?? 'Time step';
  const yLabel = options.yLabel ?? 'Unit';
  const cy = plot.y + plot.height / 2;
  const axes = el(
    'g',
    { class: 'axes' },
    el('g', { class: 'axis axis-x' }, ...xTicks, textEl({ class: 'axis-title', x: plot.x + plot.width / 2, y: bottom + theme.tickSize + theme.labelSize + 18, 'text-anchor': 'middle', 'font-size': theme.labelSize, fill: theme.foreground }, xLabel)),
    el('g', { class: 'axis axis-y' }, ...yTicks, textEl({ class: 'axis-title', x: plot.x - 50, y: cy, transform: `rotate(-90 ${plot.x - 50} ${cy})`, 'text-anchor': 'middle', 'font-size': theme.labelSize, fill: theme.foreground }, yLabel)),
  );

  let peak = 0;
  flat.forEach((v, i) => {
    if (Math.abs(v) > Math.abs(flat[peak] as number)) peak = i;
  });
  const idPrefix = options.idPrefix ?? 'heatmap';
  const title = options.title ?? 'Activations over time';
  const colorLabel = options.colorLabel ?? 'Activation';
  const desc =
    `Heatmap of ${steps} time steps × ${units} units (${xLabel.toLowerCase()} across, ${yLabel.toLowerCase()} down), ` +
    `${map.scheme} colour map over [${formatValue(map.domain[0])}, ${formatValue(map.domain[1])}]. ` +
    `Values from ${formatValue(Math.min(...flat))} to ${formatValue(Math.max(...flat))}; ` +
    `largest magnitude ${formatValue(flat[peak] as number)} at step ${timeLabels[Math.floor(peak / units)]}, unit ${unitLabels[peak % units]}.`;
  return svgDocument({
    width,
    height,
    title,
    desc,
    idPrefix,
    background: theme.background,
    fontFamily: theme.fontFamily,
    body: [
      chartTitle(title, width, theme),
      el('rect', { class: 'plot-area', x: plot.x, y: plot.y, width: plot.width, height: plot.height, fill: 'none' }),
      el('g', { class: 'cells', 'shape-rendering': 'crispEdges' }, ...cells),
      axes,
      colorBar(map, { x: plot.x + plot.width + 16, y: plot.y, width: 14, height: plot.height }, colorLabel, theme, idPrefix),
    ].join(''),
  });
}
