// Shard paths of a weights manifest are relative file names inside the model's directory (or
// beside model.json's URL). Anything that could point elsewhere is refused: `..`, absolute paths,
// drive letters, URLs, backslashes, percent-escapes, control characters.

import { corruptFile, describeValue } from './io-errors.js';

const segmentPattern = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/**
 * Checks a manifest path and returns it without a leading `./`.
 *
 * @example
 * ```ts
 * checkShardPath('./group1-shard1of1.bin', 'model.json'); // 'group1-shard1of1.bin'
 * checkShardPath('../secret.bin', 'model.json');          // throws CORRUPT_FILE
 * ```
 */
export function checkShardPath(path: unknown, where: string): string {
  if (typeof path !== 'string' || path.length === 0 || path.length > 255) {
    throw corruptFile(where, `shard path must be a non-empty string of at most 255 characters, got ${describeValue(path)}`);
  }
  const relative = path.startsWith('./') ? path.slice(2) : path;
  const segments = relative.split('/');
  for (const segment of segments) {
    if (!segmentPattern.test(segment)) {
      throw corruptFile(
        where,
        `shard path ${describeValue(path)} must stay inside the model directory: relative names of letters, digits, '.', '_' and '-' (no '..', no absolute path, no URL)`,
        { path },
      );
    }
  }
  return relative;
}
