// Line plots for the terminal: braille (2 × 4 dots per character) or half-block
// (1 × 2) with colour, plain ASCII marks without. Scales and ticks are d3's, as in SVG.

import { scaleLinear, scaleLog } from 'd3-scale';
import { powerOfTenFormat } from '../axes.js';
import { checkInt, checkLength, checkSeries, describe } from '../check.js';
import { linearDomain, logDomain } from '../domain.js';
import { defaultTheme } from '../theme.js';
import { VizError } from '../viz-error.js';
import { paint, resolveTerminal } from './color-mode.js';
import type { TerminalOptions } from './color-mode.js';
import { DOTS, DotCanvas } from './dot-canvas.js';

/** One line of a terminal plot; NaN values are gaps. */
export interface TerminalSeries {
  label: string;
  values: readonly number[];
  /** x of each value; 1, 2, … when omitted. */
  xs?: readonly number[];
}

/** Options of {@link terminalLinePlot}. */
export interface TerminalLinePlotOptions extends TerminalOptions {
  /**
   * Plot width in characters (tick labels and the axis come on top).
   * @default 60
   */
  width?: number;
  /**
   * Plot height in lines.
   * @default 12
   */
  height?: number;
  /**
   * Logarithmic y axis (values must be > 0).
   * @default false
   */
  logScale?: boolean;
  /**
   * First line of the output.
   * @default none
   */
  title?: string;
  /**
   * Line under the x tick labels.
   * @default none
   */
  xLabel?: string;
  /**
   * Line above the plot.
   * @default none
   */
  yLabel?: string;
  /**
   * Unicode dot resolution: braille (2 × 4 per character) or half blocks (1 × 2). Ignored in ASCII.
   * @default 'braille'
   */
  mode?: 'braille' | 'block';
}

/** ASCII marks of series 0, 1, 2, … */
export const ASCII_MARKS = ['*', 'o', '+', 'x', '#', '%'] as const;

/**
 * Renders one or more series as a terminal line plot (a string of lines, no trailing newline).
 *
 * @example
 * ```ts
 * console.log(terminalLinePlot([{ label: 'loss', values: [1, 0.6, 0.4, 0.3] }], { title: 'Loss', color: false }));
 * ```
 */
export function terminalLinePlot(series: readonly TerminalSeries[], options: TerminalLinePlotOptions = {}): string {
  const where = 'terminalLinePlot';
  if (!Array.isArray(series) || series.length === 0) {
    throw new VizError(Array.isArray(series) ? 'EMPTY_INPUT' : 'INVALID_ARGUMENT', `${where}: series must be a non-empty array of { label, values }, got ${describe(series)}`);
  }
  const { mode: colorMode, ascii } = resolveTerminal(where, options);
  const width = checkInt(where, 'width', options.width ?? 60, 10, 1000);
  const height = checkInt(where, 'height', options.height ?? 12, 3, 500);
  const logScale = options.logScale ?? false;
  const lines = series.map((s, i) => {
    if (typeof s?.label !== 'string') throw new VizError('INVALID_ARGUMENT', `${where}: series[${i}].label must be a string, got ${describe(s?.label)}`);
    const ys = checkSeries(where, `series[${i}].values`, s.values, { allowNaN: true, positive: logScale });
    const xs = s.xs === undefined ? ys.map((_, j) => j + 1) : checkSeries(where, `series[${i}].xs`, s.xs);
    checkLength(where, `series[${i}].xs`, xs.length, ys.length, `series[${i}].values`);
    return { label: s.label, xs, ys };
  });

  const canvas = new DotCanvas(width, height, ascii ? 'ascii' : (options.mode ?? 'braille'));
  const dots = canvas.size;
  const x = scaleLinear().domain(linearDomain(lines.flatMap((l) => l.xs))).range([0, dots.x - 1]);
  const allY = lines.flatMap((l) => l.ys);
  const y = (logScale ? scaleLog().domain(logDomain(allY)) : scaleLinear().domain(linearDomain(allY))).range([dots.y - 1, 0]).nice();
  lines.forEach((l, s) => {
    l.ys.forEach((v, j) => {
      if (!Number.isFinite(v)) return;
      const prev = l.ys[j - 1];
      if (prev !== undefined && Number.isFinite(prev)) canvas.line(x(l.xs[j - 1] as number), y(prev), x(l.xs[j] as number), y(v), s);
      else canvas.set(Math.round(x(l.xs[j] as number)), Math.round(y(v)), s);
    });
  });

  // y ticks on the rows they fall in.
  const tickCount = Math.max(3, Math.round(height / 2.5));
  // A log axis labels its powers of ten; ASCII output writes them 1e-6 rather than 10⁻⁶.
  const yFormat = logScale ? powerOfTenFormat(ascii) : y.tickFormat(tickCount);
  const rowLabels = new Map<number, string>();
  for (const v of y.ticks(logScale ? 20 : tickCount)) {
    const label = yFormat(v);
    // Same rounding as the dots, so a tick's row is the row its value is drawn in.
    if (label !== '') rowLabels.set(Math.min(height - 1, Math.floor(Math.round(y(v)) / DOTS[canvas.mode].y)), label);
  }
  const gutter = Math.max(...[...rowLabels.values()].map((l) => l.length), 1);
  const box = ascii ? { v: '|', tick: '+', h: '-', corner: '+', xtick: '+' } : { v: '│', tick: '┤', h: '─', corner: '└', xtick: '┬' };
  const out: string[] = [];
  if (options.title) out.push(options.title);
  if (options.yLabel) out.push(options.yLabel);
  for (let row = 0; row < height; row++) {
    const label = rowLabels.get(row);
    // Runs of characters drawn by the same series share one colour escape.
    let text = '';
    let run = '';
    let runOwner = -1;
    const flush = (): void => {
      text += runOwner < 0 ? run : paint(run, colorMode, defaultTheme.palette[runOwner % defaultTheme.palette.length]);
      run = '';
    };
    for (let col = 0; col < width; col++) {
      const { char, series: owner } = canvas.cell(col, row, ASCII_MARKS);
      if (owner !== runOwner) {
        flush();
        runOwner = owner;
      }
      run += char;
    }
    flush();
    out.push(`${(label ?? '').padStart(gutter)} ${label === undefined ? box.v : box.tick}${colorMode === 'none' ? text.trimEnd() : text}`);
  }
  // x axis: ticks on the columns they fall in, labels centred under them without overlap.
  const axis = [...box.h.repeat(width)];
  let labels = '';
  for (const v of x.ticks(Math.max(2, Math.floor(width / 10)))) {
    const col = Math.min(width - 1, Math.floor(x(v) / DOTS[canvas.mode].x));
    const label = x.tickFormat(Math.max(2, Math.floor(width / 10)))(v);
    const start = Math.max(0, col - Math.floor(label.length / 2));
    if (start < labels.length + (labels.length > 0 ? 1 : 0)) continue;
    axis[col] = box.xtick;
    labels = labels.padEnd(start) + label;
  }
  out.push(`${' '.repeat(gutter)} ${box.corner}${axis.join('')}`);
  out.push(`${' '.repeat(gutter + 2)}${labels}`.trimEnd());
  if (options.xLabel) out.push(`${' '.repeat(gutter + 2 + Math.max(0, Math.floor((width - options.xLabel.length) / 2)))}${options.xLabel}`);
  if (lines.length > 1) {
    out.push(
      lines
        .map((l, s) => `${ascii ? ASCII_MARKS[s % ASCII_MARKS.length] : paint('●', colorMode, defaultTheme.palette[s % defaultTheme.palette.length])} ${l.label}`)
        .join('   '),
    );
  }
  const result = out.join('\n');
  return ascii ? result.replace(/−/g, '-') : result;
}
