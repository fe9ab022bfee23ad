// The loss curve for the terminal (what `rnnkit train` prints between epochs).

import type { LossCurveData } from '../loss-curve.js';
import { formatValue } from '../summary.js';
import { VizError } from '../viz-error.js';
import { terminalLinePlot } from './line-plot.js';
import type { TerminalLinePlotOptions, TerminalSeries } from './line-plot.js';

/** Options of {@link terminalLossCurve}. */
export interface TerminalLossCurveOptions extends TerminalLinePlotOptions {
  /**
   * Print the epoch with the lowest validation (else training) loss under the plot.
   * @default true
   */
  markBest?: boolean;
}

/**
 * Renders train/validation loss as a terminal line plot with the best epoch named.
 *
 * @example
 * ```ts
 * console.log(terminalLossCurve({ train: [0.9, 0.5, 0.3], validation: [1, 0.6, 0.45] }));
 * ```
 */
export function terminalLossCurve(data: LossCurveData, options: TerminalLossCurveOptions = {}): string {
  if (data === null || typeof data !== 'object') throw new VizError('INVALID_ARGUMENT', `terminalLossCurve: data must be { train, validation? }, got ${String(data)}`);
  const series: TerminalSeries[] = [{ label: 'train', values: data.train, xs: data.epochs }];
  if (data.validation !== undefined) series.push({ label: 'validation', values: data.validation, xs: data.epochs });
  const plot = terminalLinePlot(series, { title: 'Training loss', xLabel: 'epoch', ...options });
  if (!(options.markBest ?? true)) return plot;
  const reference = series[series.length - 1] as TerminalSeries;
  let best = -1;
  reference.values.forEach((v, i) => {
    if (Number.isFinite(v) && (best < 0 || v < (reference.values[best] as number))) best = i;
  });
  const epoch = data.epochs?.[best] ?? best + 1;
  return `${plot}\nbest epoch ${formatValue(epoch)}: ${reference.label} loss ${formatValue(reference.values[best] as number)}`;
}
