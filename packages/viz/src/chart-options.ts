// Options every SVG chart shares, and the plot-area layout that follows from them.

import { checkNumber } from './check.js';
import type { Theme } from './theme.js';

/** Options shared by every SVG chart. */
export interface ChartOptions {
  /**
   * Width of the SVG in pixels.
   * @default 720
   */
  width?: number;
  /**
   * Height of the SVG in pixels.
   * @default 420
   */
  height?: number;
  /**
   * Title drawn on top and used as the accessible name (`<title>`).
   * @default a per-chart title, e.g. 'Training loss'
   */
  title?: string;
  /**
   * Prefix of the ids of `<title>`/`<desc>`; give each chart on one HTML page its own.
   * @default the chart's name, e.g. 'loss-curve'
   */
  idPrefix?: string;
  /**
   * Look overrides (fonts, sizes, colours).
   * @default defaultTheme
   */
  theme?: Partial<Theme>;
}

/** A rectangle in SVG pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Checks width/height and returns them. */
export function chartSize(where: string, options: ChartOptions, width = 720, height = 420): { width: number; height: number } {
  return {
    width: checkNumber(where, 'width', options.width ?? width, 160),
    height: checkNumber(where, 'height', options.height ?? height, 120),
  };
}

/** Top of the legend rows: just under the title. */
export function legendTop(theme: Theme): number {
  return theme.titleSize + 20;
}

/**
 * The plot area inside the margins that hold the title, the legend (`legendRows` pixels
 * tall), tick labels and axis titles.
 */
export function plotBox(width: number, height: number, theme: Theme, legendRows = 0, margin: Partial<{ top: number; right: number; bottom: number; left: number }> = {}): Box {
  const top = margin.top ?? theme.titleSize * 2 + 8 + (legendRows > 0 ? legendRows + 6 : 0);
  const right = margin.right ?? 24;
  const bottom = margin.bottom ?? theme.tickSize + theme.labelSize + 30;
  const left = margin.left ?? 84;
  return { x: left, y: top, width: Math.max(10, width - left - right), height: Math.max(10, height - top - bottom) };
}
