// The RNN unrolled over T steps: xₜ → cell → yₜ, the state arrows hₜ (and LSTM's cₜ) from
// each step to the next — one cell with shared weights, drawn once per step. With
// `internals` each cell shows its gates (see cell-internals.ts). No library draws this;
// the lecture does, by hand.

import { chartTitle } from './axes.js';
import { CELL_EQUATIONS, INTERNAL_CELL, cellInternals, cellPorts } from './cell-internals.js';
import type { CellKind } from './cell-internals.js';
import { checkInt, checkNumber, describe } from './check.js';
import type { ChartOptions } from './chart-options.js';
import { DIAGRAM_COLORS, wire, wireLabel } from './diagram-parts.js';
import { el, svgDocument, textEl } from './svg.js';
import { resolveTheme } from './theme.js';
import type { Theme } from './theme.js';
import { VizError } from './viz-error.js';

/** Options of {@link unrolledGraph}. */
export interface UnrolledGraphOptions extends ChartOptions {
  /**
   * The recurrent cell drawn.
   * @default 'simple'
   */
  cell?: CellKind;
  /**
   * Number of time steps T (1–12).
   * @default 4
   */
  steps?: number;
  /**
   * Draw each cell's gates, pointwise operations and state lines.
   * @default false
   */
  internals?: boolean;
  /**
   * Subscripts 1…T ('index') or …, t−1, t, t+1, … centred on the middle step ('relative').
   * @default 'index'
   */
  timeLabels?: 'index' | 'relative';
  /**
   * Outputs at every step (sequence to sequence) or only at the last (sequence to one).
   * @default 'all'
   */
  outputs?: 'all' | 'last';
}

const SUBSCRIPT: Record<string, string> = { '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉', '+': '₊', '−': '₋', '-': '₋', t: 'ₜ', T: 'ₜ' };

/** `name` with `index` written in Unicode subscripts: ('h', 't−1') → 'hₜ₋₁'. */
export function subscript(name: string, index: string): string {
  return name + [...index].map((c) => SUBSCRIPT[c] ?? c).join('');
}

const CELL_NAMES: Record<CellKind, string> = { simple: 'RNN', lstm: 'LSTM', gru: 'GRU' };
const COMPACT = { width: 110, height: 76 } as const;

function node(cx: number, cy: number, label: string, kind: 'input' | 'output', theme: Theme): string {
  const fill = kind === 'input' ? DIAGRAM_COLORS.input : DIAGRAM_COLORS.output;
  const stroke = kind === 'input' ? DIAGRAM_COLORS.inputStroke : DIAGRAM_COLORS.outputStroke;
  return el(
    'g',
    { class: `node ${kind}`, 'data-label': label },
    el('circle', { cx, cy, r: 19, fill, stroke, 'stroke-width': 1.5 }),
    textEl({ x: cx, y: cy + 5.5, 'text-anchor': 'middle', 'font-size': 16, fill: theme.foreground }, label),
  );
}

/**
 * Renders the unrolled RNN diagram as SVG. Its natural size follows `steps`; `width`
 * scales it (the height keeps the aspect ratio).
 *
 * @example
 * ```ts
 * const svg = unrolledGraph({ cell: 'lstm', steps: 3, internals: true, timeLabels: 'relative' });
 * ```
 */
export function unrolledGraph(options: UnrolledGraphOptions = {}): string {
  const where = 'unrolledGraph';
  const kind = options.cell ?? 'simple';
  if (!(kind in CELL_NAMES)) throw new VizError('INVALID_ARGUMENT', `${where}: cell must be 'simple', 'lstm' or 'gru', got ${describe(kind)}`);
  const steps = checkInt(where, 'steps', options.steps ?? 4, 1, 12);
  const internals = options.internals ?? false;
  const relative = (options.timeLabels ?? 'index') === 'relative';
  const lastOnly = (options.outputs ?? 'all') === 'last';
  const theme = resolveTheme(options.theme);

  const cell = internals ? INTERNAL_CELL : COMPACT;
  const ports = internals
    ? cellPorts(kind)
    : { h: kind === 'lstm' ? COMPACT.height * 0.7 : COMPACT.height / 2, c: kind === 'lstm' ? COMPACT.height * 0.3 : undefined, x: COMPACT.width / 2, y: COMPACT.width / 2 };
  const gap = 76;
  const margin = 96;
  const titleHeight = theme.titleSize * 2 + 8;
  const cellTop = titleHeight + 96;
  const naturalWidth = margin * 2 + steps * cell.width + (steps - 1) * gap;
  const naturalHeight = cellTop + cell.height + 96 + 34;
  const cellX = (k: number): number => margin + k * (cell.width + gap);

  const middle = Math.floor((steps - 1) / 2);
  const label = (k: number): string => {
    if (!relative) return String(k + 1);
    const d = k - middle;
    return d === 0 ? 't' : `t${d > 0 ? '+' : '−'}${Math.abs(d)}`;
  };
  const before = relative ? (middle === 0 ? 't−1' : `t−${middle + 1}`) : '0';

  const parts: string[] = [];
  for (let k = 0; k < steps; k++) {
    const x0 = cellX(k);
    const bottom = cellTop + cell.height;
    parts.push(
      el(
        'g',
        { class: 'step', 'data-step': label(k) },
        el('rect', { class: 'cell', x: x0, y: cellTop, width: cell.width, height: cell.height, rx: 10, fill: DIAGRAM_COLORS.cell, stroke: DIAGRAM_COLORS.cellStroke, 'stroke-width': 1.5 }),
        internals
          ? el('g', { class: 'internals', transform: `translate(${x0} ${cellTop})` }, cellInternals(kind, theme))
          : textEl({ x: x0 + cell.width / 2, y: cellTop + cell.height / 2 + 6, 'text-anchor': 'middle', 'font-size': 17, 'font-weight': 'bold', fill: theme.foreground }, CELL_NAMES[kind]),
        internals ? textEl({ x: x0 + 4, y: cellTop - 6, 'font-size': theme.tickSize, fill: DIAGRAM_COLORS.cellStroke, 'font-weight': 'bold' }, CELL_NAMES[kind]) : '',
        wire([[x0 + ports.x, bottom + 58], [x0 + ports.x, bottom]], theme),
        node(x0 + ports.x, bottom + 77, subscript('x', label(k)), 'input', theme),
        !lastOnly || k === steps - 1 ? wire([[x0 + ports.y, cellTop], [x0 + ports.y, cellTop - 58]], theme) : '',
        !lastOnly || k === steps - 1 ? node(x0 + ports.y, cellTop - 77, subscript('y', label(k)), 'output', theme) : '',
      ),
    );
  }
  // State arrows: h₀ in, hₜ between steps, h_T out (and the same for LSTM's c).
  const states = [{ name: 'h', y: ports.h }, ...(ports.c === undefined ? [] : [{ name: 'c', y: ports.c }])];
  for (const { name, y } of states) {
    const py = cellTop + y;
    parts.push(wire([[cellX(0) - 56, py], [cellX(0), py]], theme, { cls: 'wire state' }), wireLabel(cellX(0) - 60, py + 5, subscript(name, before), theme, 'end'));
    for (let k = 0; k < steps - 1; k++) {
      const x1 = cellX(k) + cell.width;
      parts.push(wire([[x1, py], [x1 + gap, py]], theme, { cls: 'wire state' }), wireLabel(x1 + gap / 2, py - 7, subscript(name, label(k)), theme));
    }
    const end = cellX(steps - 1) + cell.width;
    parts.push(wire([[end, py], [end + 56, py]], theme, { cls: 'wire state' }), wireLabel(end + 60, py + 5, subscript(name, label(steps - 1)), theme, 'start'));
  }
  parts.push(
    textEl(
      { class: 'caption', x: naturalWidth / 2, y: naturalHeight - 12, 'text-anchor': 'middle', 'font-size': theme.tickSize, fill: theme.foreground },
      `One ${CELL_NAMES[kind]} cell unrolled over ${steps} step${steps > 1 ? 's' : ''}: the same weights at every step.`,
    ),
  );

  const title = options.title ?? `${CELL_NAMES[kind]} unrolled through time${internals ? (kind === 'simple' ? ', inside each cell' : ', with its gates') : ''}`;
  const first = label(0);
  const last = label(steps - 1);
  const desc =
    `Diagram of a ${kind === 'simple' ? 'simple (Elman) RNN' : CELL_NAMES[kind]} cell unrolled over ${steps} time steps, ${first} to ${last}. ` +
    `At each step the input ${subscript('x', 't')} enters the cell from below${lastOnly ? '; only the last step emits an output y' : ' and the output ' + subscript('y', 't') + ' leaves on top'}; ` +
    `the hidden state${kind === 'lstm' ? ' h and the cell state c' : ' h'} flow${kind === 'lstm' ? '' : 's'} from each step to the next. ` +
    (internals ? `Inside each cell: ${CELL_EQUATIONS[kind]}` : '');
  const width = checkNumber(where, 'width', options.width ?? naturalWidth, 160);
  const height = options.height ?? Math.round((naturalHeight * width) / naturalWidth);
  checkNumber(where, 'height', height, 120);
  return svgDocument({
    width,
    height,
    viewBox: `0 0 ${naturalWidth} ${naturalHeight}`,
    title,
    desc,
    idPrefix: options.idPrefix ?? 'unrolled-graph',
    background: theme.background,
    fontFamily: theme.fontFamily,
    body: [el('g', { class: 'title-layer' }, chartTitle(title, naturalWidth, theme)), ...parts].join(''),
  });
}
