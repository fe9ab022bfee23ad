// Training records as plain JSON for model metadata, metrics.json and --json: the history as
// one series per log name, the settings with JSON-safe values.

import type { EpochLogs } from '@rnnkit/train';

/**
 * Per-epoch series of the history, by log name (`loss`, `valLoss`, …).
 *
 * @example
 * ```ts
 * historySeries(result.history).loss; // [0.61, 0.32, …]
 * ```
 */
export function historySeries(history: readonly EpochLogs[]): Record<string, number[]> {
  const names = new Set(history.flatMap((logs) => Object.keys(logs)));
  names.delete('epoch');
  return Object.fromEntries([...names].map((name) => [name, history.map((logs) => (typeof logs[name] === 'number' ? (logs[name] as number) : Number.NaN))]));
}

/**
 * The settings as JSON-safe values (lists joined with commas, undefined as null).
 *
 * @example
 * ```ts
 * settingsRecord({ features: ['a', 'b'], clip: undefined }); // { features: 'a,b', clip: null }
 * ```
 */
export function settingsRecord(settings: Readonly<Record<string, unknown>>): Record<string, string | number | boolean | null> {
  return Object.fromEntries(
    Object.entries(settings).map(([k, v]) => [k, v === undefined ? null : Array.isArray(v) ? v.join(',') : (v as string | number | boolean | null)]),
  );
}
