// The windowing picture of the lecture (slides 24–29): the series on top, each sample's
// window as a row of boxes under the time steps it covers (inputs, then the target), and
// the samples/targets table the model trains on.

import { scaleBand, scaleLinear } from 'd3-scale';
import { chartTitle } from './axes.js';
import { checkInt, checkNumber, checkSeries } from './check.js';
import type { ChartOptions } from './chart-options.js';
import { linearDomain } from './domain.js';
import { legend } from './legend.js';
import { linePath } from './line-path.js';
import { formatValue } from './summary.js';
import { el, svgDocument, textEl } from './svg.js';
import { resolveTheme } from './theme.js';
import { windowSamples } from './window-samples.js';
import type { WindowSpec } from './window-samples.js';

/** Options of {@link windowDiagram}. */
export interface WindowDiagramOptions extends ChartOptions, WindowSpec {
  /**
   * Most windows drawn (the table says how many samples there are in all).
   * @default 6
   */
  maxWindows?: number;
  /**
   * Draw the samples/targets table under the windows.
   * @default true
   */
  table?: boolean;
  /**
   * Name of the series' values, with the unit, used in the table header and description.
   * @default 'Value'
   */
  yLabel?: string;
}

const INPUT = '#4e79a7';
const TARGET = '#f28e2c';

/**
 * Renders a series, its overlapping windows and the samples/targets table as SVG. The
 * height grows with the number of windows unless `height` is given.
 *
 * @example
 * ```ts
 * const svg = windowDiagram([35, 32, 45, 48, 41, 39, 36], { window: 3 });
 * ```
 */
export function windowDiagram(series: readonly number[], options: WindowDiagramOptions = { window: 3 }): string {
  const where = 'windowDiagram';
  const values = checkSeries(where, 'series', series);
  const samples = windowSamples(values, options, where);
  const shown = checkInt(where, 'maxWindows', options.maxWindows ?? 6, 1);
  const count = Math.min(shown, samples.starts.length);
  const window = options.window;
  const horizon = options.horizon ?? 1;
  const last = (samples.starts[count - 1] ?? 0) + window + horizon;
  const points = values.slice(0, Math.max(last, Math.min(values.length, last + 2)));

  const theme = resolveTheme(options.theme);
  const width = checkNumber(where, 'width', options.width ?? 720, 160);
  const left = 110;
  const rowHeight = 30;
  const seriesTop = theme.titleSize * 2 + 8 + theme.labelSize + 14;
  const seriesHeight = 120;
  const windowsTop = seriesTop + seriesHeight + 40;
  const tableTop = windowsTop + count * rowHeight + 24;
  const withTable = options.table ?? true;
  const tableRow = theme.labelSize + 10;
  const natural = (withTable ? tableTop + (count + 1) * tableRow + (count < samples.starts.length ? tableRow : 0) : tableTop) + 12;
  const height = checkNumber(where, 'height', options.height ?? natural, 120);

  const x = scaleBand<number>().domain(points.map((_, i) => i)).range([left, width - 24]).paddingInner(0.12);
  const cx = (i: number): number => (x(i) ?? 0) + x.bandwidth() / 2;
  const y = scaleLinear().domain(linearDomain(points)).range([seriesTop + seriesHeight - 14, seriesTop + 20]);
  const valueSize = Math.min(theme.tickSize, x.bandwidth() / 3);

  const seriesPanel = el(
    'g',
    { class: 'series-panel' },
    textEl({ x: left - 12, y: seriesTop + seriesHeight / 2, 'text-anchor': 'end', 'font-size': theme.labelSize, fill: theme.foreground }, options.yLabel ?? 'Value'),
    el('path', { class: 'series-line', d: linePath(points.map((v, i) => [cx(i), y(v)])), fill: 'none', stroke: theme.foreground, 'stroke-width': 1.5 }),
    ...points.map((v, i) =>
      el(
        'g',
        { class: 'series-point', 'data-index': i, 'data-value': v },
        el('circle', { cx: cx(i), cy: y(v), r: 3.5, fill: theme.foreground }),
        textEl({ x: cx(i), y: y(v) - 8, 'text-anchor': 'middle', 'font-size': valueSize, fill: theme.foreground }, formatValue(v)),
        textEl({ class: 'tick', x: cx(i), y: seriesTop + seriesHeight + 16, 'text-anchor': 'middle', 'font-size': valueSize, fill: theme.foreground }, `t${i}`),
      ),
    ),
    el('line', { x1: left, x2: width - 24, y1: seriesTop + seriesHeight + 2, y2: seriesTop + seriesHeight + 2, stroke: theme.grid }),
  );

  const box = (i: number, top: number, v: number, kind: 'input' | 'target'): string =>
    el(
      'g',
      { class: `window-cell ${kind}`, 'data-index': i },
      el('rect', { x: x(i), y: top, width: x.bandwidth(), height: rowHeight - 6, rx: 3, fill: kind === 'input' ? INPUT : TARGET, 'fill-opacity': kind === 'input' ? 0.25 : 0.45, stroke: kind === 'input' ? INPUT : TARGET }),
      textEl({ x: cx(i), y: top + (rowHeight - 6) / 2 + valueSize * 0.35, 'text-anchor': 'middle', 'font-size': valueSize, fill: theme.foreground }, formatValue(v)),
    );
  const rows = Array.from({ length: count }, (_, k) => {
    const top = windowsTop + k * rowHeight;
    const s = samples.starts[k] as number;
    return el(
      'g',
      { class: 'window', 'data-sample': k + 1, 'data-start': s },
      textEl({ x: left - 12, y: top + (rowHeight - 6) / 2 + theme.tickSize * 0.35, 'text-anchor': 'end', 'font-size': theme.tickSize, fill: theme.foreground }, `sample ${k + 1}`),
      ...(samples.inputs[k] ?? []).map((v, j) => box(s + j, top, v, 'input')),
      ...(samples.targets[k] ?? []).map((v, j) => box(s + window + j, top, v, 'target')),
    );
  });

  const colX = [left, left + 110, left + 110 + Math.max(160, (window * 6 + 4) * theme.labelSize * 0.62)];
  const cell = (col: number, row: number, content: string, bold = false): string =>
    textEl({ x: colX[col], y: tableTop + row * tableRow + theme.labelSize, 'font-size': theme.labelSize, 'font-family': theme.monoFamily, 'font-weight': bold ? 'bold' : undefined, fill: theme.foreground }, content);
  const list = (vs: readonly number[]): string => `[${vs.map((v) => formatValue(v)).join(', ')}]`;
  const table = withTable
    ? el(
        'g',
        { class: 'samples-table' },
        el('g', { class: 'table-header' }, cell(0, 0, 'sample', true), cell(1, 0, `inputs X (${window} steps)`, true), cell(2, 0, `target y`, true)),
        el('line', { x1: left, x2: width - 24, y1: tableTop + tableRow - 3, y2: tableTop + tableRow - 3, stroke: theme.foreground }),
        ...Array.from({ length: count }, (_, k) =>
          el('g', { class: 'table-row', 'data-sample': k + 1 }, cell(0, k + 1, String(k + 1)), cell(1, k + 1, list(samples.inputs[k] ?? [])), cell(2, k + 1, `→ ${list(samples.targets[k] ?? [])}`)),
        ),
        count < samples.starts.length ? cell(0, count + 1, `… ${samples.starts.length - count} more samples (${samples.starts.length} in all)`) : '',
      )
    : '';

  const title = options.title ?? `Sliding windows: ${window} step${window > 1 ? 's' : ''} in, ${horizon} out`;
  const desc =
    `Series of ${values.length} values cut into ${samples.starts.length} samples with window ${window}, horizon ${horizon}, stride ${options.stride ?? 1}. ` +
    Array.from({ length: count }, (_, k) => `Sample ${k + 1}: ${list(samples.inputs[k] ?? [])} → ${list(samples.targets[k] ?? [])}.`).join(' ') +
    (count < samples.starts.length ? ` ${samples.starts.length - count} more samples not drawn.` : '');
  const items = [
    { label: 'inputs X', color: INPUT, swatch: 'area' as const, opacity: 0.35 },
    { label: 'target y', color: TARGET, swatch: 'area' as const, opacity: 0.55 },
  ];
  return svgDocument({
    width,
    height,
    title,
    desc,
    idPrefix: options.idPrefix ?? 'window-diagram',
    background: theme.background,
    fontFamily: theme.fontFamily,
    body: [chartTitle(title, width, theme), legend(items, width, theme.titleSize + 20, theme), seriesPanel, el('g', { class: 'windows' }, ...rows), table].join(''),
  });
}
