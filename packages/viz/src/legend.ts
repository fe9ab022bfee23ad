// Legend as centred rows under the chart title, outside the plot area so it never hides
// data. `legendHeight` tells the layout how much room to keep free.

import { el, textEl } from './svg.js';
import type { Theme } from './theme.js';

/** One legend entry: a line, dashed line, filled square or dot swatch and its label. */
export interface LegendItem {
  label: string;
  color: string;
  swatch: 'line' | 'dashed' | 'area' | 'dot';
  /** Fill opacity of an `area` swatch. */
  opacity?: number;
}

const SWATCH = 24;
const GAP = 20;

function itemWidth(item: LegendItem, theme: Theme): number {
  // DejaVu Sans averages ~0.6 em per character.
  return SWATCH + 8 + item.label.length * theme.labelSize * 0.6;
}

/** Items split into rows that fit in `width`. */
function rows(items: readonly LegendItem[], width: number, theme: Theme): LegendItem[][] {
  const out: LegendItem[][] = [];
  let row: LegendItem[] = [];
  let used = 0;
  for (const item of items) {
    const w = itemWidth(item, theme) + GAP;
    if (row.length > 0 && used + w > width - 40) {
      out.push(row);
      row = [];
      used = 0;
    }
    row.push(item);
    used += w;
  }
  if (row.length > 0) out.push(row);
  return out;
}

/** Vertical room the legend takes (0 for no items). */
export function legendHeight(items: readonly LegendItem[], width: number, theme: Theme): number {
  return rows(items, width, theme).length * (theme.labelSize + 8);
}

/** Legend markup centred in `width`, its first row starting at `top`. Empty for no items. */
export function legend(items: readonly LegendItem[], width: number, top: number, theme: Theme): string {
  if (items.length === 0) return '';
  const rowHeight = theme.labelSize + 8;
  const parts = rows(items, width, theme).flatMap((row, r) => {
    const total = row.reduce((sum, item) => sum + itemWidth(item, theme), 0) + GAP * (row.length - 1);
    let sx = (width - total) / 2;
    const cy = top + r * rowHeight + rowHeight / 2;
    return row.map((item) => {
      let swatch: string;
      if (item.swatch === 'area') swatch = el('rect', { x: sx, y: cy - 6, width: SWATCH, height: 12, fill: item.color, 'fill-opacity': item.opacity ?? 0.3 });
      else if (item.swatch === 'dot') swatch = el('circle', { cx: sx + SWATCH / 2, cy, r: 4.5, fill: item.color });
      else swatch = el('line', { x1: sx, x2: sx + SWATCH, y1: cy, y2: cy, stroke: item.color, 'stroke-width': 2.5, 'stroke-dasharray': item.swatch === 'dashed' ? '6 4' : undefined });
      const label = textEl({ x: sx + SWATCH + 8, y: cy + theme.labelSize * 0.35, 'font-size': theme.labelSize, fill: theme.foreground }, item.label);
      sx += itemWidth(item, theme) + GAP;
      return el('g', { class: 'legend-item' }, swatch, label);
    });
  });
  return el('g', { class: 'legend' }, ...parts);
}
