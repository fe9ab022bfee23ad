// ‖∂L/∂h_t‖ against the time step t on a log axis, several runs overlaid: how much of the
// loss's gradient reaches each step (Bengio, Simard & Frasconi 1994; Pascanu et al. 2013).
// A SimpleRNN's norms fall off exponentially going back in time — a straight line sloping
// down on the log axis — while an LSTM's stay flatter.

import { chartSize } from './chart-options.js';
import type { ChartOptions } from './chart-options.js';
import { checkNumber, checkSeries, describe } from './check.js';
import { lineChart } from './line-chart.js';
import type { LineSeries } from './line-chart.js';
import { describeSeries } from './summary.js';
import { resolveTheme } from './theme.js';
import { VizError } from './viz-error.js';

/** One run's gradient norms: `norms[i]` is ‖∂L/∂h_t‖ at step t = i + 1 (NaN = gap). */
export interface GradientRun {
  /** Legend label, e.g. 'SimpleRNN'. */
  label: string;
  norms: readonly number[];
}

/** Options of {@link gradientFlow}. */
export interface GradientFlowOptions extends ChartOptions {
  /**
   * Logarithmic y axis (the point of the chart: exponential decay becomes a straight line).
   * @default true
   */
  logScale?: boolean;
  /**
   * On a log axis, norms below `floor` (float32 underflow gives exact zeros) are drawn at
   * `floor` and counted in the description. Without it a norm <= 0 is an error.
   * @default undefined
   */
  floor?: number;
  /**
   * x axis title.
   * @default 'Time step t'
   */
  xLabel?: string;
  /**
   * y axis title.
   * @default 'Gradient norm ‖∂L/∂hₜ‖'
   */
  yLabel?: string;
}

/**
 * Renders gradient norms per time step for one or more runs as an SVG string.
 *
 * @example
 * ```ts
 * const svg = gradientFlow([
 *   { label: 'SimpleRNN', norms: [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1] },
 *   { label: 'LSTM', norms: [0.2, 0.25, 0.3, 0.4, 0.5, 0.7, 1] },
 * ]);
 * ```
 */
export function gradientFlow(runs: readonly GradientRun[], options: GradientFlowOptions = {}): string {
  const where = 'gradientFlow';
  if (!Array.isArray(runs) || runs.length === 0) {
    throw new VizError(Array.isArray(runs) ? 'EMPTY_INPUT' : 'INVALID_ARGUMENT', `${where}: runs must be a non-empty array of { label, norms }, got ${describe(runs)}`);
  }
  const logScale = options.logScale ?? true;
  const floor = options.floor === undefined ? undefined : checkNumber(where, 'floor', options.floor, Number.MIN_VALUE);
  let clamped = 0;
  const series: LineSeries[] = runs.map((run, r) => {
    if (typeof run?.label !== 'string') throw new VizError('INVALID_ARGUMENT', `${where}: runs[${r}].label must be a string, got ${describe(run?.label)}`);
    const raw = checkSeries(where, `runs[${r}].norms`, run.norms, { allowNaN: true, positive: logScale && floor === undefined });
    const ys = floor === undefined || !logScale ? raw : raw.map((v) => (v < floor ? (clamped++, floor) : v));
    return { key: `run-${r}`, label: run.label, xs: raw.map((_, i) => i + 1), ys };
  });
  const desc =
    `Gradient norm of the loss with respect to the hidden state at each time step${logScale ? ', logarithmic y axis' : ''}, ` +
    `${series.length} run${series.length > 1 ? 's' : ''}. ` +
    series.map((s) => describeSeries(s.label, s.xs, s.ys, 't')).join(' ') +
    (clamped > 0 ? ` ${clamped} norms below ${floor} drawn at ${floor}.` : '');
  return lineChart({
    ...chartSize(where, options),
    title: options.title ?? 'Gradient flow through time',
    desc,
    idPrefix: options.idPrefix ?? 'gradient-flow',
    theme: resolveTheme(options.theme),
    series,
    xLabel: options.xLabel ?? 'Time step t',
    yLabel: options.yLabel ?? 'Gradient norm ‖∂L/∂hₜ‖',
    logScale,
    integerX: true,
  });
}
