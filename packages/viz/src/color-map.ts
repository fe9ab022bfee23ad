// Colour maps from d3-scale-chromatic behind d3 scales: diverging RdBu (blue < 0 < red)
// for tanh-range values, sequential viridis for sigmoid-range values and magnitudes.

import { scaleDiverging, scaleSequential } from 'd3-scale';
import { interpolateRdBu, interpolateViridis } from 'd3-scale-chromatic';
import { rgb } from 'd3-color';
import { VizError } from './viz-error.js';

/** 'diverging' centres on 0 (tanh activations, signed values); 'sequential' for [0, 1] gates. */
export type ColorScheme = 'diverging' | 'sequential';

/** A value → CSS colour map with its domain. */
export interface ColorMap {
  scheme: ColorScheme;
  /** [min, max] of the map (diverging maps are centred on 0). */
  domain: [number, number];
  /** `#rrggbb` of a value (clamped to the domain). */
  color(value: number): string;
}

/** What {@link colorMap} needs to pick a scheme and domain. */
export interface ColorMapSpec {
  /** Explicit scheme; otherwise diverging when any value is negative. */
  scheme?: ColorScheme;
  /** Explicit domain; otherwise from the activation or the data. */
  domain?: readonly [number, number];
  /** 'tanh' → diverging on [-1, 1]; 'sigmoid' → sequential on [0, 1]. */
  activation?: 'tanh' | 'sigmoid';
}

/** Builds the colour map for `values` from `spec` (see {@link ColorMapSpec}). */
export function colorMap(where: string, values: readonly number[], spec: ColorMapSpec): ColorMap {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const scheme: ColorScheme = spec.scheme ?? (spec.activation === 'tanh' ? 'diverging' : spec.activation === 'sigmoid' ? 'sequential' : lo < 0 ? 'diverging' : 'sequential');
  let domain: [number, number];
  if (spec.domain !== undefined) {
    const [a, b] = spec.domain;
    if (!Number.isFinite(a) || !Number.isFinite(b) || a >= b) {
      throw new VizError('INVALID_ARGUMENT', `${where}: domain must be [min, max] with finite min < max, got [${String(a)}, ${String(b)}]`);
    }
    if (scheme === 'diverging' && !(a < 0 && b > 0)) throw new VizError('INVALID_ARGUMENT', `${where}: a diverging domain must contain 0 strictly inside, got [${a}, ${b}]`);
    domain = [a, b];
  } else if (spec.activation === 'tanh') domain = [-1, 1];
  else if (spec.activation === 'sigmoid') domain = [0, 1];
  else if (scheme === 'diverging') {
    const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    domain = [-m, m];
  } else domain = lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];

  const scale =
    scheme === 'diverging'
      ? scaleDiverging((t: number) => interpolateRdBu(1 - t)).domain([domain[0], 0, domain[1]]).clamp(true)
      : scaleSequential(interpolateViridis).domain(domain).clamp(true);
  return { scheme, domain, color: (value) => rgb(scale(value)).formatHex() };
}

/** Black or white, whichever reads better on `background` (WCAG relative luminance). */
export function contrastText(background: string): string {
  const { r, g, b } = rgb(background);
  const lin = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return luminance > 0.179 ? '#000000' : '#ffffff';
}
