// A plain text table for the terminal: a header row, a rule, columns padded to their widest
// cell; numbers right-aligned.

/**
 * Formats rows as an aligned table.
 *
 * @example
 * ```ts
 * formatTable(['model', 'RMSE'], [['persistence', '2.571'], ['LSTM', '2.187']]);
 * // model         RMSE
 * // -----------  -----
 * // persistence  2.571
 * // LSTM         2.187
 * ```
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const numeric = header.map((_, c) => rows.length > 0 && rows.every((r) => /^[-+]?[\d.,]+(e[-+]?\d+)?%?$/i.test(r[c] ?? '')));
  const cell = (text: string, c: number): string => (numeric[c] ? text.padStart(widths[c] ?? 0) : text.padEnd(widths[c] ?? 0));
  const render = (r: readonly string[]): string => r.map((t, c) => cell(t, c)).join('  ').trimEnd();
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(render)].join('\n');
}
