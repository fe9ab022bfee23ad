// Colour in the terminal: which mode to use (the `color` option wins over the
// environment; NO_COLOR — https://no-color.org — turns colour off; COLORTERM=truecolor
// allows 24-bit) and the ANSI escape codes of a colour in that mode.

import { rgb } from 'd3-color';
import { VizError } from '../viz-error.js';

/** No colour, the 256-colour palette, or 24-bit colour. */
export type ColorMode = 'none' | 'ansi256' | 'truecolor';

/** Options every terminal renderer shares. */
export interface TerminalOptions {
  /**
   * `false` = plain text, `true` = colour in the best mode the environment allows, or a mode.
   * Overrides the environment.
   * @default on unless the NO_COLOR environment variable is set (non-empty)
   */
  color?: boolean | 'ansi256' | 'truecolor';
  /**
   * Characters used: Unicode braille/blocks/box drawing, or plain ASCII.
   * @default 'unicode' with colour, 'ascii' without
   */
  charset?: 'unicode' | 'ascii';
  /**
   * Environment consulted for NO_COLOR and COLORTERM (injectable for tests).
   * @default process.env where it exists, else {}
   */
  env?: Readonly<Record<string, string | undefined>>;
}

function processEnv(): Readonly<Record<string, string | undefined>> {
  return typeof process !== 'undefined' && process.env ? process.env : {};
}

/** The colour mode and charset `options` ask for. */
export function resolveTerminal(where: string, options: TerminalOptions): { mode: ColorMode; ascii: boolean } {
  const env = options.env ?? processEnv();
  const { color } = options;
  if (color !== undefined && typeof color !== 'boolean' && color !== 'ansi256' && color !== 'truecolor') {
    throw new VizError('INVALID_ARGUMENT', `${where}: color must be true, false, 'ansi256' or 'truecolor', got ${JSON.stringify(color)}`);
  }
  const truecolor = /^(truecolor|24bit)$/i.test(env.COLORTERM ?? '');
  let mode: ColorMode;
  if (color === false) mode = 'none';
  else if (color === 'ansi256' || color === 'truecolor') mode = color;
  else if (color === undefined && (env.NO_COLOR ?? '') !== '') mode = 'none';
  else mode = truecolor ? 'truecolor' : 'ansi256';
  const charset = options.charset ?? (mode === 'none' ? 'ascii' : 'unicode');
  if (charset !== 'unicode' && charset !== 'ascii') throw new VizError('INVALID_ARGUMENT', `${where}: charset must be 'unicode' or 'ascii', got ${JSON.stringify(charset)}`);
  return { mode, ascii: charset === 'ascii' };
}

/** Index in the xterm 256-colour palette closest to an RGB colour (6×6×6 cube or grey ramp). */
export function ansi256Index(r: number, g: number, b: number): number {
  if (r === g && g === b) {
    if (r < 8) return 16;
    if (r > 248) return 231;
    return Math.round(((r - 8) / 247) * 24) + 232;
  }
  const q = (c: number): number => Math.round((c / 255) * 5);
  return 16 + 36 * q(r) + 6 * q(g) + q(b);
}

const ESC = '\u001b[';
/** Resets colours. */
export const RESET = `${ESC}0m`;

/** Escape code that sets the foreground (`layer` 38) or background (48) to `color`. */
export function ansiColor(color: string, mode: ColorMode, layer: 'fg' | 'bg'): string {
  if (mode === 'none') return '';
  const { r, g, b } = rgb(color);
  const code = layer === 'fg' ? 38 : 48;
  return mode === 'truecolor' ? `${ESC}${code};2;${Math.round(r)};${Math.round(g)};${Math.round(b)}m` : `${ESC}${code};5;${ansi256Index(Math.round(r), Math.round(g), Math.round(b))}m`;
}

/** `text` in colour (unchanged in mode 'none'). */
export function paint(text: string, mode: ColorMode, fg?: string, bg?: string): string {
  if (mode === 'none' || (fg === undefined && bg === undefined)) return text;
  return `${fg === undefined ? '' : ansiColor(fg, mode, 'fg')}${bg === undefined ? '' : ansiColor(bg, mode, 'bg')}${text}${RESET}`;
}
