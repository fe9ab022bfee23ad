// Karpathy-style token strip for the terminal: each character on an ANSI background of
// its value's colour; without colour, each text line is followed by a line of ASCII ramp
// characters under it (so the values stay readable in plain logs).

import { checkInt } from '../check.js';
import { colorMap, contrastText } from '../color-map.js';
import type { ColorMapSpec } from '../color-map.js';
import { checkTokens, tokenLines } from '../token-lines.js';
import { paint, resolveTerminal } from './color-mode.js';
import type { TerminalOptions } from './color-mode.js';
import { heatLegend, rampChar } from './heatmap.js';

/** Options of {@link terminalTokenStrip}. */
export interface TerminalTokenStripOptions extends TerminalOptions, ColorMapSpec {
  /**
   * Characters per line before wrapping (newlines always wrap).
   * @default 80
   */
  columns?: number;
  /**
   * Print the colour key under the text.
   * @default true
   */
  legend?: boolean;
}

/**
 * Renders `text` with each character coloured by `values[i]` for the terminal.
 *
 * @example
 * ```ts
 * console.log(terminalTokenStrip('hello', [0.1, 0.5, 0.9, 0.9, -0.3], { activation: 'tanh' }));
 * ```
 */
export function terminalTokenStrip(text: string, values: readonly number[], options: TerminalTokenStripOptions = {}): string {
  const where = 'terminalTokenStrip';
  const { chars, values: checked } = checkTokens(where, text, values);
  const { mode, ascii } = resolveTerminal(where, options);
  const lines = tokenLines(where, chars, checked, checkInt(where, 'columns', options.columns ?? 80, 1));
  const map = colorMap(where, checked, options);
  const newline = ascii ? '/' : '↵';
  const out: string[] = [];
  for (const line of lines) {
    const glyph = (c: string): string => (c === '\n' ? newline : c === '\t' ? ' ' : c);
    if (mode === 'none') {
      out.push(line.map((cell) => glyph(cell.char)).join(''));
      out.push(line.map((cell) => rampChar(map, cell.value)).join(''));
    } else {
      out.push(
        line
          .map((cell) => {
            const bg = map.color(cell.value);
            return paint(glyph(cell.char), mode, contrastText(bg), bg);
          })
          .join(''),
      );
    }
  }
  if (options.legend ?? true) out.push(heatLegend(map, mode, `${map.scheme}: `));
  const result = out.join('\n');
  return ascii ? result.replace(/−/g, '-') : result;
}
