// Reading an input file the user named (a CSV, a text): a missing path, a directory or an
// unreadable file is a data error (exit 3) naming the path.

import { readFile, stat } from 'node:fs/promises';
import { CliError } from '../cli-error.js';

/**
 * Reads a file the user named; a missing path, a directory or an unreadable file is a data
 * error (exit 3) that names the path.
 *
 * @example
 * ```ts
 * const text = await readInputFile('temps.csv', 'CSV file');
 * ```
 */
export async function readInputFile(path: string, what: string): Promise<string> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new CliError('data', `${path} does not exist`, `check the path of the ${what}`);
  }
  if (info.isDirectory()) throw new CliError('data', `${path} is a directory, not a ${what}`, `give the path of the ${what}`);
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    throw new CliError('data', `${path} cannot be read (${(cause as Error).message})`, 'check its permissions', { cause });
  }
}
