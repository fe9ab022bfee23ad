// Heatmaps for the terminal: one row per unit, one character per time step, the colour
// as an ANSI background; without colour, characters of increasing density (ASCII ramps).

import { checkInt, checkLength } from '../check.js';
import { colorMap } from '../color-map.js';
import type { ColorMap, ColorMapSpec } from '../color-map.js';
import { checkMatrix } from '../heatmap.js';
import { formatValue } from '../summary.js';
import { paint, resolveTerminal } from './color-mode.js';
import type { ColorMode, TerminalOptions } from './color-mode.js';

/** Options of {@link terminalHeatmap}. */
export interface TerminalHeatmapOptions extends TerminalOptions, ColorMapSpec {
  /**
   * Most time steps shown (one character each); later steps are cut with a note.
   * @default 80
   */
  width?: number;
  /**
   * First line of the output.
   * @default none
   */
  title?: string;
  /**
   * Label per time step; single characters are printed under their column.
   * @default 0, 1, 2, …
   */
  timeLabels?: readonly string[];
  /**
   * Label per unit, printed left of its row.
   * @default 0, 1, 2, …
   */
  unitLabels?: readonly string[];
}

/** ASCII density ramps, lowest value first: sequential, and diverging (negative · 0 · positive). */
export const ASCII_RAMPS = { sequential: ' .:-=+*#%@', diverging: "#=-. '+*@" } as const;

/** The ramp character of `value` under `map`. */
export function rampChar(map: ColorMap, value: number): string {
  const ramp = ASCII_RAMPS[map.scheme];
  const [lo, hi] = map.domain;
  let t: number;
  if (map.scheme === 'diverging') t = value < 0 ? 0.5 - 0.5 * Math.min(1, value / lo) : 0.5 + 0.5 * Math.min(1, value / hi);
  else t = Math.min(1, Math.max(0, (value - lo) / (hi - lo)));
  return ramp[Math.min(ramp.length - 1, Math.round(t * (ramp.length - 1)))] ?? ' ';
}

/** One cell: a coloured block, or the ramp character without colour. */
export function heatCell(map: ColorMap, value: number, mode: ColorMode, text = ' '): string {
  return mode === 'none' ? rampChar(map, value) : paint(text, mode, undefined, map.color(value));
}

/** The colour key: the map from its minimum to its maximum. */
export function heatLegend(map: ColorMap, mode: ColorMode, label: string): string {
  const [lo, hi] = map.domain;
  const steps = Array.from({ length: 12 }, (_, i) => lo + ((hi - lo) * i) / 11);
  const key = mode === 'none' ? ASCII_RAMPS[map.scheme] : steps.map((v) => paint(' ', mode, undefined, map.color(v))).join('');
  return `${label}${formatValue(lo)} ${key} ${formatValue(hi)}`;
}

const ASCII_VISIBLE: Record<string, string> = { ' ': '_', '\n': '/', '\t': '>' };
const UNICODE_VISIBLE: Record<string, string> = { ' ': '␣', '\n': '↵', '\t': '⇥' };

/**
 * Renders `values[t][u]` (time steps × units) as terminal text, units as rows.
 *
 * @example
 * ```ts
 * console.log(terminalHeatmap([[0.1, -0.5], [0.8, -0.9]], { activation: 'tanh', timeLabels: ['h', 'i'] }));
 * ```
 */
export function terminalHeatmap(values: readonly (readonly number[])[], options: TerminalHeatmapOptions = {}): string {
  const where = 'terminalHeatmap';
  const rows = checkMatrix(where, 'values', values);
  const { mode, ascii } = resolveTerminal(where, options);
  const width = checkInt(where, 'width', options.width ?? 80, 1);
  const steps = rows.length;
  const units = rows[0]?.length ?? 0;
  const timeLabels = options.timeLabels ?? rows.map((_, t) => String(t));
  const unitLabels = options.unitLabels ?? Array.from({ length: units }, (_, u) => String(u));
  checkLength(where, 'timeLabels', timeLabels.length, steps, 'values (time steps)');
  checkLength(where, 'unitLabels', unitLabels.length, units, 'values[0] (units)');
  const map = colorMap(where, rows.flat(), options);
  const shown = Math.min(steps, width);
  const gutter = Math.max(...unitLabels.map((l) => l.length));

  const out: string[] = [];
  if (options.title) out.push(options.title);
  for (let u = 0; u < units; u++) {
    let line = '';
    for (let t = 0; t < shown; t++) line += heatCell(map, rows[t]?.[u] as number, mode);
    out.push(`${(unitLabels[u] ?? '').padStart(gutter)} ${mode === 'none' ? '|' : ''}${line}${mode === 'none' ? '|' : ''}`);
  }
  const pad = ' '.repeat(gutter + (mode === 'none' ? 2 : 1));
  const visible = ascii ? ASCII_VISIBLE : UNICODE_VISIBLE;
  if (timeLabels.every((l) => [...l].length === 1)) {
    out.push(pad + timeLabels.slice(0, shown).map((l) => visible[l] ?? l).join(''));
  } else {
    // Every 10th step's label at its column.
    let axis = '';
    for (let t = 0; t < shown; t += 10) axis = axis.padEnd(t) + (timeLabels[t] ?? '');
    out.push(pad + axis);
  }
  if (shown < steps) out.push(`${pad}(first ${shown} of ${steps} steps shown)`);
  out.push(heatLegend(map, mode, `${pad}${map.scheme}: `));
  const result = out.join('\n');
  return ascii ? result.replace(/−/g, '-') : result;
}
