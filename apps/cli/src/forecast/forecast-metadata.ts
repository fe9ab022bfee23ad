// What a forecaster's model directory carries besides the weights, in model.json's
// userDefinedMetadata (through @rnnkit/core saveModel/loadModel): the scaler and window settings
// under core's own keys, and under `forecast` the columns, the last window of the training
// series (so `rnnkit predict DIR` continues it without the CSV), the settings and the scores.

import type { LoadedMetadata, ModelMetadata } from '@rnnkit/core';
import { scalerFromJSON } from '@rnnkit/data';
import type { Scaler, ScalerJSON } from '@rnnkit/data';
import { CliError } from '../cli-error.js';

/** The `forecast` key of a forecaster's metadata. */
export interface ForecastInfo {
  readonly kind: 'rnnkit-forecast';
  readonly version: 1;
  readonly target: string;
  /** Input columns, in the model's feature order. */
  readonly features: readonly string[];
  readonly dateColumn: string | null;
  /** The last `window` rows of the series (raw, row-major over `columns`). */
  readonly tail: { readonly columns: readonly string[]; readonly values: readonly number[]; readonly dates: readonly string[] | null };
  /** Where the training data came from and how many rows it had. */
  readonly data: { readonly source: string; readonly rows: number };
  /** Settings the model was trained with. */
  readonly settings: Readonly<Record<string, string | number | boolean | null>>;
  /** Test scores by forecaster name. */
  readonly scores: Readonly<Record<string, { rmse: number; mae: number }>>;
}

/** A forecaster's metadata, checked. */
export interface ForecasterMetadata {
  readonly info: ForecastInfo;
  readonly scaler: Scaler;
  readonly window: number;
  readonly horizon: number;
}

/**
 * The metadata to save with a forecaster.
 *
 * @example
 * ```ts
 * await saveModel(model, dir, { metadata: forecastMetadata(info, scaler, 30, 1, history) });
 * ```
 */
export function forecastMetadata(info: ForecastInfo, scaler: Scaler, window: number, horizon: number, history: Record<string, readonly number[]>): ModelMetadata {
  return {
    scaler,
    window: { window, horizon, inputColumns: [...info.features], targetColumns: [info.target] },
    history,
    forecast: info as unknown as ModelMetadata[string],
  };
}

/**
 * Reads a forecaster's metadata back; a model without it (a language model, a Keras file) is a
 * model error naming the directory.
 *
 * @example
 * ```ts
 * const { info, scaler, window } = readForecastMetadata('temps-model', loaded.metadata);
 * ```
 */
export function readForecastMetadata(dir: string, metadata: LoadedMetadata): ForecasterMetadata {
  const info = metadata.all['forecast'] as Partial<ForecastInfo> | undefined;
  const window = metadata.window;
  if (!info || info.kind !== 'rnnkit-forecast' || !metadata.scaler || !window) {
    const what = metadata.all['text'] ? 'a language model (use rnnkit text sample)' : 'a model without rnnkit forecast settings';
    throw new CliError('model', `${dir} holds ${what}, not a forecaster written by rnnkit forecast or rnnkit demo`, 'give a directory written by rnnkit forecast or rnnkit demo');
  }
  const valid =
    typeof info.target === 'string' &&
    Array.isArray(info.features) &&
    info.tail !== undefined &&
    Array.isArray(info.tail.values) &&
    Array.isArray(info.tail.columns) &&
    info.tail.values.length === window.window * info.tail.columns.length;
  if (!valid) throw new CliError('model', `${dir}: the forecast settings in model.json are damaged`, 'train the model again with rnnkit forecast');
  let scaler: Scaler;
  try {
    scaler = scalerFromJSON(metadata.scaler as unknown as ScalerJSON);
  } catch (cause) {
    throw new CliError('model', `${dir}: the scaler in model.json is damaged (${(cause as Error).message})`, 'train the model again with rnnkit forecast', { cause });
  }
  return { info: info as ForecastInfo, scaler, window: window.window, horizon: window.horizon ?? 1 };
}
