// Plain-language summaries of the data for `<desc>`, so a screen reader gets the numbers.

import { format } from 'd3-format';

/** A number as `<desc>` and labels print it: 4 significant digits, no trailing zeros. */
export const formatValue = format('.4~g');

/** "train: 50 values from 0.93 (epoch 1) to 0.041 (epoch 50), min 0.04 at epoch 48." */
export function describeSeries(label: string, xs: readonly (number | string)[], ys: readonly number[], xName: string): string {
  const finite = ys.map((y, i) => ({ x: xs[i], y })).filter((p) => Number.isFinite(p.y));
  const first = finite[0];
  const last = finite[finite.length - 1];
  if (!first || !last) return `${label}: no values.`;
  const lowest = finite.reduce((a, b) => (b.y < a.y ? b : a));
  const highest = finite.reduce((a, b) => (b.y > a.y ? b : a));
  const gaps = ys.length - finite.length;
  return (
    `${label}: ${ys.length} values from ${formatValue(first.y)} (${xName} ${String(first.x)}) to ${formatValue(last.y)} (${xName} ${String(last.x)}), ` +
    `min ${formatValue(lowest.y)} at ${xName} ${String(lowest.x)}, max ${formatValue(highest.y)} at ${xName} ${String(highest.x)}` +
    (gaps > 0 ? `, ${gaps} missing.` : '.')
  );
}
