// Drawing primitives of the unrolled-RNN diagram: wires with arrowheads (a wire that
// crosses another is drawn over a halo in the cell's fill colour, so it reads as a bridge), layer boxes
// (σ, tanh), pointwise-operation circles (⊙, +, 1−) and labels.

import { el, textEl } from './svg.js';
import type { Theme } from './theme.js';

/** Colours of the diagram's parts. */
export const DIAGRAM_COLORS = {
  cell: '#eaf1fb',
  cellStroke: '#4e79a7',
  layer: '#fde9a9',
  layerStroke: '#b8901a',
  op: '#f9d3da',
  opStroke: '#b5536b',
  input: '#dcefd9',
  inputStroke: '#59a14f',
  output: '#ece0f0',
  outputStroke: '#8a5d9a',
} as const;

/** How a wire is drawn. */
export interface WireStyle {
  /** Arrowhead at the last point. */
  arrow?: boolean;
  /** Class of the wire's group. */
  cls?: string;
  /** Drawn over a halo in the cell's fill colour: where it crosses a wire drawn earlier, a gap shows it passes over (bridges sit inside cells). */
  bridge?: boolean;
}

/** A polyline wire. */
export function wire(points: readonly (readonly [number, number])[], theme: Theme, style: WireStyle = {}): string {
  const { arrow = true, cls = 'wire', bridge = false } = style;
  const d = points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x},${y}`).join('');
  const last = points[points.length - 1] as readonly [number, number];
  const prev = points[points.length - 2] ?? last;
  const angle = Math.atan2(last[1] - prev[1], last[0] - prev[0]);
  const head = (da: number): string => `${last[0] - 8 * Math.cos(angle + da)},${last[1] - 8 * Math.sin(angle + da)}`;
  return el(
    'g',
    { class: cls },
    bridge ? el('path', { d, fill: 'none', stroke: DIAGRAM_COLORS.cell, 'stroke-width': 5 }) : '',
    el('path', { d, fill: 'none', stroke: theme.foreground, 'stroke-width': 1.6, 'stroke-linejoin': 'round' }),
    arrow ? el('path', { d: `M${head(-0.4)}L${last[0]},${last[1]}L${head(0.4)}Z`, fill: theme.foreground }) : '',
  );
}

/** A neural-network layer (σ or tanh) as a rounded box centred at (x, y), with its gate name. */
export function layerBox(x: number, y: number, label: string, gate: string, theme: Theme): string {
  const width = label === 'σ' ? 26 : 38;
  return el(
    'g',
    { class: 'layer', 'data-label': label, 'data-gate': gate },
    el('rect', { x: x - width / 2, y: y - 11, width, height: 22, rx: 4, fill: DIAGRAM_COLORS.layer, stroke: DIAGRAM_COLORS.layerStroke }),
    textEl({ x, y: y + 4.5, 'text-anchor': 'middle', 'font-size': 13, fill: theme.foreground }, label),
    gate === '' ? '' : textEl({ class: 'gate-name', x: x + width / 2 + 3, y: y + 19, 'font-size': 12, 'font-style': 'italic', fill: theme.foreground }, gate),
  );
}

/** A pointwise operation (⊙, +, 1−, tanh) as a circle or pill centred at (x, y). */
export function opNode(x: number, y: number, label: string, theme: Theme): string {
  const wide = label.length > 2;
  return el(
    'g',
    { class: 'op', 'data-label': label },
    wide
      ? el('rect', { x: x - 19, y: y - 10, width: 38, height: 20, rx: 10, fill: DIAGRAM_COLORS.op, stroke: DIAGRAM_COLORS.opStroke })
      : el('circle', { cx: x, cy: y, r: 11, fill: DIAGRAM_COLORS.op, stroke: DIAGRAM_COLORS.opStroke }),
    textEl({ x, y: y + (wide ? 4.5 : 5), 'text-anchor': 'middle', 'font-size': wide ? 12 : 15, fill: theme.foreground }, label),
  );
}

/** A label beside a wire. */
export function wireLabel(x: number, y: number, label: string, theme: Theme, anchor: 'start' | 'middle' | 'end' = 'middle'): string {
  return textEl({ class: 'wire-label', x, y, 'text-anchor': anchor, 'font-size': 14, fill: theme.foreground }, label);
}
