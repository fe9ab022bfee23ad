// Text with each character's background coloured by a value — a neuron's activation or a
// prediction's confidence — as in Karpathy's "The Unreasonable Effectiveness of Recurrent
// Neural Networks" (2015). SVG for files and PNG, HTML for pages; terminal in terminal/.

import { chartTitle } from './axes.js';
import { checkInt, checkNumber } from './check.js';
import type { ChartOptions } from './chart-options.js';
import { colorBarHorizontal } from './color-bar.js';
import { colorMap, contrastText } from './color-map.js';
import type { ColorMapSpec } from './color-map.js';
import { escapeXml } from './escape.js';
import { formatValue } from './summary.js';
import { el, svgDocument, textEl } from './svg.js';
import { resolveTheme } from './theme.js';
import { checkTokens, tokenLines } from './token-lines.js';

/** Options of {@link tokenStrip} and {@link tokenStripHtml}. */
export interface TokenStripOptions extends Omit<ChartOptions, 'height'>, ColorMapSpec {
  /**
   * Characters per line before wrapping (newlines always wrap).
   * @default as many as fit in `width` (SVG), 80 (HTML)
   */
  columns?: number;
  /**
   * Font size of the characters in pixels.
   * @default 16
   */
  fontSize?: number;
  /**
   * What the colour shows, for the colour bar and description.
   * @default 'Activation'
   */
  valueLabel?: string;
}

/** Newline drawn as a visible ↵ in its (coloured) cell. */
const shown = (char: string): string => (char === '\n' ? '↵' : char === '\t' ? '⇥' : char);

/**
 * Renders `text` with character i's background coloured by `values[i]` as SVG
 * (one value per code point; diverging map when any value is negative).
 *
 * @example
 * ```ts
 * const svg = tokenStrip('if (x) {', [-0.9, -0.8, 0.1, 0.6, 0.9, 0.7, 0.2, 0.95], { activation: 'tanh' });
 * ```
 */
export function tokenStrip(text: string, values: readonly number[], options: TokenStripOptions = {}): string {
  const where = 'tokenStrip';
  const { chars, values: checked } = checkTokens(where, text, values);
  const theme = resolveTheme(options.theme);
  const width = checkNumber(where, 'width', options.width ?? 720, 160);
  const fontSize = checkNumber(where, 'fontSize', options.fontSize ?? 16, 4);
  const cellWidth = Math.ceil(fontSize * 0.62);
  const lineHeight = Math.ceil(fontSize * 1.45);
  const pad = 24;
  const columns = checkInt(where, 'columns', options.columns ?? Math.max(1, Math.floor((width - 2 * pad) / cellWidth)), 1);
  const lines = tokenLines(where, chars, checked, columns);
  const map = colorMap(where, checked, options);
  const top = theme.titleSize * 2 + 8;
  const barTop = top + lines.length * lineHeight + 24;
  const height = barTop + 12 + theme.tickSize + 20;
  const valueLabel = options.valueLabel ?? 'Activation';

  const cells = lines.flatMap((line, row) =>
    line.map((cell, col) => {
      const fill = map.color(cell.value);
      const x = pad + col * cellWidth;
      const y = top + row * lineHeight;
      return el(
        'g',
        { class: 'token', 'data-index': cell.index, 'data-value': cell.value },
        el('rect', { x, y, width: cellWidth, height: lineHeight, fill }),
        cell.char.trim() === '' && cell.char !== '\n'
          ? ''
          : textEl({ x: x + cellWidth / 2, y: y + lineHeight / 2 + fontSize * 0.36, 'text-anchor': 'middle', 'font-size': fontSize, fill: contrastText(fill), 'fill-opacity': cell.char === '\n' ? 0.6 : undefined }, shown(cell.char)),
      );
    }),
  );
  const title = options.title ?? 'Characters coloured by activation';
  const lo = Math.min(...checked);
  const hi = Math.max(...checked);
  const desc =
    `${chars.length} characters of text, each coloured by ${valueLabel.toLowerCase()} on a ${map.scheme} colour map over ` +
    `[${formatValue(map.domain[0])}, ${formatValue(map.domain[1])}]; values from ${formatValue(lo)} (at “${shown(chars[checked.indexOf(lo)] ?? '')}”) ` +
    `to ${formatValue(hi)} (at “${shown(chars[checked.indexOf(hi)] ?? '')}”). Text: ${chars.slice(0, 200).join('')}${chars.length > 200 ? '…' : ''}`;
  return svgDocument({
    width,
    height,
    title,
    desc,
    idPrefix: options.idPrefix ?? 'token-strip',
    background: theme.background,
    fontFamily: theme.fontFamily,
    body: [
      chartTitle(title, width, theme),
      el('g', { class: 'tokens', 'font-family': theme.monoFamily, 'shape-rendering': 'crispEdges', 'xml:space': 'preserve' }, ...cells),
      colorBarHorizontal(map, { x: width / 2 - 60, y: barTop, width: Math.min(280, width / 2), height: 12 }, valueLabel, theme, options.idPrefix ?? 'token-strip'),
    ].join(''),
  });
}

/**
 * Renders the same strip as an HTML fragment: one `<span>` per character with its colour
 * and its value as a tooltip, inside a `role="img"` block whose label summarises the data.
 *
 * @example
 * ```ts
 * element.innerHTML = tokenStripHtml('hello', [0.1, 0.5, 0.9, 0.9, -0.3]);
 * ```
 */
export function tokenStripHtml(text: string, values: readonly number[], options: TokenStripOptions = {}): string {
  const where = 'tokenStripHtml';
  const { chars, values: checked } = checkTokens(where, text, values);
  const theme = resolveTheme(options.theme);
  const fontSize = checkNumber(where, 'fontSize', options.fontSize ?? 16, 4);
  const lines = tokenLines(where, chars, checked, options.columns ?? 80);
  const map = colorMap(where, checked, options);
  const valueLabel = options.valueLabel ?? 'Activation';
  const spans = lines.map((line) =>
    line
      .map((cell) => {
        const fill = map.color(cell.value);
        return `<span style="background:${fill};color:${contrastText(fill)}" title="${escapeXml(`${valueLabel} ${formatValue(cell.value)}`)}">${escapeXml(shown(cell.char))}</span>`;
      })
      .join(''),
  );
  const label = `${options.title ?? 'Characters coloured by activation'}: ${chars.length} characters, ${valueLabel.toLowerCase()} from ${formatValue(Math.min(...checked))} to ${formatValue(Math.max(...checked))}`;
  return (
    `<div class="rnnkit-token-strip" role="img" aria-label="${escapeXml(label)}" ` +
    `style="font-family:${escapeXml(theme.monoFamily)};font-size:${fontSize}px;line-height:1.45;white-space:pre">` +
    `${spans.join('\n')}</div>`
  );
}
