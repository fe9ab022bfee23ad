// Opening a model directory the user named. Whatever is wrong with it — missing, not a
// directory, no model.json, a damaged or foreign file — is a model error (exit 4) naming it.

import { stat } from 'node:fs/promises';
import { loadModel } from '@rnnkit/core';
import type { LoadedModel } from '@rnnkit/core';
import { CliError } from '../cli-error.js';
import { inContext } from '../describe-error.js';

const HINT = 'give a directory written by rnnkit forecast, rnnkit demo or rnnkit text train (it holds model.json)';

/**
 * Loads the model in `dir` with its metadata.
 *
 * @example
 * ```ts
 * const { model, metadata } = await loadModelDir('rnnkit-demo');
 * ```
 */
export async function loadModelDir(dir: string): Promise<LoadedModel> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new CliError('model', `model directory ${dir} does not exist`, HINT);
  if (!info.isDirectory()) throw new CliError('model', `${dir} is not a directory`, HINT);
  const hints = Object.fromEntries(['IO_ERROR', 'CORRUPT_FILE', 'UNSUPPORTED', 'PARSE_ERROR', 'INVALID_ARGUMENT', 'SHAPE_MISMATCH', 'NON_FINITE'].map((code) => [code, HINT]));
  return inContext(dir, () => loadModel(dir), hints, 'model');
}
