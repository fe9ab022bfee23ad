// Vertical colour legend: a gradient of the map with ticks from a d3 linear scale.

import { scaleLinear } from 'd3-scale';
import type { Box } from './chart-options.js';
import type { ColorMap } from './color-map.js';
import { el, textEl } from './svg.js';
import type { Theme } from './theme.js';

/** The colour bar of `map` drawn in `box`, with `label` rotated beside it. */
export function colorBar(map: ColorMap, box: Box, label: string, theme: Theme, idPrefix: string): string {
  const id = `${idPrefix}-colorbar`;
  const y = scaleLinear().domain(map.domain).range([box.y + box.height, box.y]);
  const stops = Array.from({ length: 11 }, (_, i) => {
    const t = i / 10;
    return el('stop', { offset: t, 'stop-color': map.color(map.domain[0] + (map.domain[1] - map.domain[0]) * (1 - t)) });
  });
  const ticks = y.ticks(5).map((v) =>
    el(
      'g',
      { class: 'colorbar-tick' },
      el('line', { x1: box.x + box.width, x2: box.x + box.width + 4, y1: y(v), y2: y(v), stroke: theme.foreground }),
      textEl({ x: box.x + box.width + 7, y: y(v) + theme.tickSize * 0.35, 'font-size': theme.tickSize, fill: theme.foreground }, y.tickFormat(5)(v)),
    ),
  );
  const cx = box.x + box.width + 48;
  const cy = box.y + box.height / 2;
  return el(
    'g',
    { class: 'colorbar', 'data-min': map.domain[0], 'data-max': map.domain[1] },
    el('defs', {}, el('linearGradient', { id, x1: 0, y1: 0, x2: 0, y2: 1 }, ...stops)),
    el('rect', { x: box.x, y: box.y, width: box.width, height: box.height, fill: `url(#${id})`, stroke: theme.foreground, 'stroke-width': 0.5 }),
    ...ticks,
    textEl({ class: 'axis-title', x: cx, y: cy, transform: `rotate(-90 ${cx} ${cy})`, 'text-anchor': 'middle', 'font-size': theme.labelSize, fill: theme.foreground }, label),
  );
}

/** Horizontal colour bar of `map` in `box`, ticks below, `label` to its left. */
export function colorBarHorizontal(map: ColorMap, box: Box, label: string, theme: Theme, idPrefix: string): string {
  const id = `${idPrefix}-colorbar`;
  const x = scaleLinear().domain(map.domain).range([box.x, box.x + box.width]);
  const stops = Array.from({ length: 11 }, (_, i) => el('stop', { offset: i / 10, 'stop-color': map.color(map.domain[0] + ((map.domain[1] - map.domain[0]) * i) / 10) }));
  const ticks = x.ticks(5).map((v) =>
    el(
      'g',
      { class: 'colorbar-tick' },
      el('line', { x1: x(v), x2: x(v), y1: box.y + box.height, y2: box.y + box.height + 4, stroke: theme.foreground }),
      textEl({ x: x(v), y: box.y + box.height + 6 + theme.tickSize, 'text-anchor': 'middle', 'font-size': theme.tickSize, fill: theme.foreground }, x.tickFormat(5)(v)),
    ),
  );
  return el(
    'g',
    { class: 'colorbar', 'data-min': map.domain[0], 'data-max': map.domain[1] },
    el('defs', {}, el('linearGradient', { id, x1: 0, y1: 0, x2: 1, y2: 0 }, ...stops)),
    el('rect', { x: box.x, y: box.y, width: box.width, height: box.height, fill: `url(#${id})`, stroke: theme.foreground, 'stroke-width': 0.5 }),
    ...ticks,
    textEl({ class: 'axis-title', x: box.x - 10, y: box.y + box.height / 2 + theme.labelSize * 0.35, 'text-anchor': 'end', 'font-size': theme.labelSize, fill: theme.foreground }, label),
  );
}
