// Legend box in the top-right corner of the plot area: one row per series or region.

import type { Box } from './chart-options.js';
import { el, textEl } from './svg.js';
import type { Theme } from './theme.js';

/** One legend row: a line, dashed line, filled square or dot swatch and its label. */
export interface LegendItem {
  label: string;
  color: string;
  swatch: 'line' | 'dashed' | 'area' | 'dot';
  /** Fill opacity of an `area` swatch. */
  opacity?: number;
}

/** Legend markup; empty when `items` is empty. Width estimated from the label lengths. */
export function legend(items: readonly LegendItem[], plot: Box, theme: Theme, corner: 'top-right' | 'top-left' = 'top-right'): string {
  if (items.length === 0) return '';
  const rowHeight = theme.labelSize + 8;
  const longest = Math.max(...items.map((item) => item.label.length));
  const width = 40 + longest * theme.labelSize * 0.6 + 12;
  const height = items.length * rowHeight + 8;
  const x0 = corner === 'top-right' ? plot.x + plot.width - width - 8 : plot.x + 8;
  const y0 = plot.y + 8;
  const rows = items.map((item, i) => {
    const cy = y0 + 4 + rowHeight * i + rowHeight / 2;
    const sx = x0 + 8;
    let swatch: string;
    if (item.swatch === 'area') swatch = el('rect', { x: sx, y: cy - 6, width: 24, height: 12, fill: item.color, 'fill-opacity': item.opacity ?? 0.3 });
    else if (item.swatch === 'dot') swatch = el('circle', { cx: sx + 12, cy, r: 4.5, fill: item.color });
    else swatch = el('line', { x1: sx, x2: sx + 24, y1: cy, y2: cy, stroke: item.color, 'stroke-width': 2.5, 'stroke-dasharray': item.swatch === 'dashed' ? '6 4' : undefined });
    return el('g', { class: 'legend-item' }, swatch, textEl({ x: sx + 32, y: cy + theme.labelSize * 0.35, 'font-size': theme.labelSize, fill: theme.foreground }, item.label));
  });
  return el(
    'g',
    { class: 'legend' },
    el('rect', { x: x0, y: y0, width, height, fill: theme.background, 'fill-opacity': 0.85, stroke: theme.grid, rx: 4 }),
    ...rows,
  );
}
