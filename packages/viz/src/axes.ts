// Axes drawn from a d3 scale: tick positions and labels come from `scale.ticks()` and
// `scale.tickFormat()`, so the pixels of a tick and of a data point agree by construction.

import type { Box } from './chart-options.js';
import { el, textEl } from './svg.js';
import type { Theme } from './theme.js';

/** The part of a d3 scale the axes use (linear, log and time scales all fit). */
export interface TickScale<D> {
  (value: D): number | undefined;
  ticks(count?: number): D[];
  tickFormat(count?: number, specifier?: string): (d: D) => string;
}

/** How one axis is drawn. */
export interface AxisSpec<D> {
  scale: TickScale<D>;
  /** Axis title, with its unit, e.g. 'Temperature (°C)'. */
  label: string;
  /** Approximate number of ticks. */
  tickCount: number;
  /** d3-format specifier for tick labels; the scale's default when undefined. */
  format?: string | ((d: D) => string);
  /** Draw grid lines across the plot at each labelled tick. */
  grid: boolean;
}

function tickLabels<D>(spec: AxisSpec<D>): { value: D; label: string }[] {
  const ticks = spec.scale.ticks(spec.tickCount);
  const format = typeof spec.format === 'function' ? spec.format : spec.scale.tickFormat(spec.tickCount, spec.format);
  return ticks.map((value) => ({ value, label: format(value) }));
}

/** Horizontal axis under `plot`: baseline, ticks, labels and the centred title. */
export function bottomAxis<D>(spec: AxisSpec<D>, plot: Box, theme: Theme): string {
  const bottom = plot.y + plot.height;
  const parts: string[] = [];
  for (const { value, label } of tickLabels(spec)) {
    const x = spec.scale(value);
    if (x === undefined || !Number.isFinite(x)) continue;
    if (spec.grid && label !== '') parts.push(el('line', { class: 'grid', x1: x, x2: x, y1: plot.y, y2: bottom, stroke: theme.grid }));
    parts.push(el('line', { x1: x, x2: x, y1: bottom, y2: bottom + (label === '' ? 3 : 6), stroke: theme.foreground }));
    if (label !== '') parts.push(textEl({ class: 'tick', x, y: bottom + 8 + theme.tickSize, 'text-anchor': 'middle', 'font-size': theme.tickSize, fill: theme.foreground }, label));
  }
  parts.push(el('line', { class: 'domain', x1: plot.x, x2: plot.x + plot.width, y1: bottom, y2: bottom, stroke: theme.foreground }));
  parts.push(
    textEl(
      { class: 'axis-title', x: plot.x + plot.width / 2, y: bottom + theme.tickSize + theme.labelSize + 18, 'text-anchor': 'middle', 'font-size': theme.labelSize, fill: theme.foreground },
      spec.label,
    ),
  );
  return el('g', { class: 'axis axis-x' }, ...parts);
}

/** Vertical axis left of `plot`: baseline, ticks, labels and the rotated title. */
export function leftAxis<D>(spec: AxisSpec<D>, plot: Box, theme: Theme): string {
  const parts: string[] = [];
  for (const { value, label } of tickLabels(spec)) {
    const y = spec.scale(value);
    if (y === undefined || !Number.isFinite(y)) continue;
    if (spec.grid && label !== '') parts.push(el('line', { class: 'grid', x1: plot.x, x2: plot.x + plot.width, y1: y, y2: y, stroke: theme.grid }));
    parts.push(el('line', { x1: plot.x - (label === '' ? 3 : 6), x2: plot.x, y1: y, y2: y, stroke: theme.foreground }));
    if (label !== '') parts.push(textEl({ class: 'tick', x: plot.x - 9, y: y + theme.tickSize * 0.35, 'text-anchor': 'end', 'font-size': theme.tickSize, fill: theme.foreground }, label));
  }
  parts.push(el('line', { class: 'domain', x1: plot.x, x2: plot.x, y1: plot.y, y2: plot.y + plot.height, stroke: theme.foreground }));
  const cx = plot.x - 62;
  const cy = plot.y + plot.height / 2;
  parts.push(
    textEl(
      { class: 'axis-title', x: cx, y: cy, transform: `rotate(-90 ${cx} ${cy})`, 'text-anchor': 'middle', 'font-size': theme.labelSize, fill: theme.foreground },
      spec.label,
    ),
  );
  return el('g', { class: 'axis axis-y' }, ...parts);
}

/** The chart title, centred above the plot; a title too long for `width` gets a smaller font (down to 11 px). */
export function chartTitle(title: string, width: number, theme: Theme): string {
  // Bold DejaVu Sans averages ~0.66 em per character.
  const size = Math.max(11, Math.min(theme.titleSize, (width - 24) / (0.66 * Math.max(1, title.length))));
  return textEl({ class: 'chart-title', x: width / 2, y: theme.titleSize + 10, 'text-anchor': 'middle', 'font-size': Math.floor(size * 10) / 10, 'font-weight': 'bold', fill: theme.foreground }, title);
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/**
 * Tick labels of a log axis: d3's `~g` labels (0.01, 0.2, 10) while the domain spans at
 * most 5 decades; beyond that powers of ten written 10⁻⁶ and the other ticks unlabelled.
 */
export function logTickFormat(domain: readonly number[]): string | ((d: number) => string) {
  const lo = Math.min(...domain);
  const hi = Math.max(...domain);
  if (Math.log10(hi / lo) <= 5 && lo >= 1e-4 && hi <= 1e6) return '~g';
  const label = powerOfTenFormat(false);
  return (d: number) => {
    const text = label(d);
    // On a wide axis every labelled decade reads the same way: 10⁻¹ rather than 0.1.
    return text === '' || text === '1' ? text : `10${[...String(Math.round(Math.log10(d)))].map((c) => SUPERSCRIPT[c] ?? c).join('')}`;
  };
}

/**
 * Labels only exact powers of ten: plain numbers from 0.001 to 1000, beyond that 10⁻⁶
 * (or 1e-6 when `ascii`); '' for every other tick.
 */
export function powerOfTenFormat(ascii: boolean): (d: number) => string {
  return (d: number) => {
    const exponent = Math.round(Math.log10(d));
    if (Math.abs(d / 10 ** exponent - 1) > 1e-9) return '';
    if (Math.abs(exponent) <= 3) return String(Number((10 ** exponent).toPrecision(1)));
    if (ascii) return `1e${exponent}`;
    return `10${[...String(exponent)].map((c) => SUPERSCRIPT[c] ?? c).join('')}`;
  };
}
