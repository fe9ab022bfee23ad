// Renders a ModelSummary as Keras prints `model.summary()` for a Sequential model: 65
// characters wide, columns at 29 and 55, shapes as `(None, 10, 32)`, counts with thousands
// separators.

import type { Shape } from '../layers/layer.js';
import type { ModelSummary } from './model-summary.js';

const width = 65;
const columns = [29, 55, width];

/** `(None, 10, 32)`: a shape as Keras prints it. */
export function formatKerasShape(shape: Shape): string {
  const parts = shape.map((d) => (d === null ? 'None' : String(d)));
  return `(${parts.join(', ')}${parts.length === 1 ? ',' : ''})`;
}

/** `4,385`. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function row(fields: string[]): string {
  let line = '';
  fields.forEach((field, i) => {
    const end = columns[i] as number;
    line = `${line}${field}`.slice(0, end);
    line = line.padEnd(end);
  });
  return line.trimEnd();
}

/**
 * The summary table as text.
 *
 * @example
 * ```ts
 * console.log(formatSummary(model.summaryInfo()));
 * // Model: "sequential"
 * // _________________________________________________________________
 * //  Layer (type)                Output Shape              Param #
 * // =================================================================
 * //  lstm (LSTM)                 (None, 32)                4,352
 * // …
 * ```
 */
export function formatSummary(summary: ModelSummary): string {
  const lines = [
    `Model: "${summary.name}"`,
    '_'.repeat(width),
    row([' Layer (type)', 'Output Shape', 'Param #']),
    '='.repeat(width),
    ...summary.layers.map((layer) => row([` ${layer.name} (${layer.className})`, formatKerasShape(layer.outputShape), formatCount(layer.params)])),
    '='.repeat(width),
    `Total params: ${formatCount(summary.totalParams)}`,
    `Trainable params: ${formatCount(summary.trainableParams)}`,
    `Non-trainable params: ${formatCount(summary.nonTrainableParams)}`,
    '_'.repeat(width),
  ];
  return lines.join('\n');
}
