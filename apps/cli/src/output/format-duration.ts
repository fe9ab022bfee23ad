// Durations the way a progress line shows them: `42s`, `3m05s`, `1h02m`.

/**
 * Formats a number of seconds compactly.
 *
 * @example
 * ```ts
 * formatDuration(42.4); // '42s'
 * formatDuration(185);  // '3m05s'
 * formatDuration(3720); // '1h02m'
 * ```
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
