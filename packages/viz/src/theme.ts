// Shared look of every chart: sizes readable at 100 % zoom, one font stack, and the
// categorical palette (d3-scale-chromatic's Tableau 10).

import { schemeTableau10 } from 'd3-scale-chromatic';

/** Look shared by all charts; each chart's options accept a partial override. */
export interface Theme {
  /**
   * Font stack of all text.
   * @default '"DejaVu Sans", "Helvetica Neue", Arial, sans-serif'
   */
  fontFamily: string;
  /**
   * Font stack of text drawn per character (token strips, tables).
   * @default '"DejaVu Sans Mono", Menlo, Consolas, monospace'
   */
  monoFamily: string;
  /** @default 18 */
  titleSize: number;
  /** Axis titles and legend. @default 14 */
  labelSize: number;
  /** Tick labels. @default 12 */
  tickSize: number;
  /** @default '#ffffff' */
  background: string;
  /** Text, axes and arrows. @default '#222222' */
  foreground: string;
  /** Grid lines. @default '#e6e6e6' */
  grid: string;
  /** Series colours in order. @default d3.schemeTableau10 */
  palette: readonly string[];
}

/** The default {@link Theme}. */
export const defaultTheme: Theme = {
  fontFamily: '"DejaVu Sans", "Helvetica Neue", Arial, sans-serif',
  monoFamily: '"DejaVu Sans Mono", Menlo, Consolas, monospace',
  titleSize: 18,
  labelSize: 14,
  tickSize: 12,
  background: '#ffffff',
  foreground: '#222222',
  grid: '#e6e6e6',
  palette: schemeTableau10,
};

/** `defaultTheme` with `override` applied. */
export function resolveTheme(override: Partial<Theme> | undefined): Theme {
  return { ...defaultTheme, ...override };
}

/** Colour of series `i` (cycles through the palette). */
export function seriesColor(theme: Theme, i: number): string {
  return theme.palette[i % theme.palette.length] ?? theme.foreground;
}
