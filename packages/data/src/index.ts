// Public API of @rnnkit/data. Every export is named here; Node-only file helpers live in
// '@rnnkit/data/node' so this entry stays usable in browsers.

export { isSeriesMatrix } from './series/series-matrix.js';
export type { SeriesMatrix, SeriesInput, ColumnSelector } from './series/series-matrix.js';
export type { WindowDataset, ArrayBatch, TensorBatch, BatchesOptions, WindowSample } from './series/window-dataset.js';
export { timeseriesWindows } from './series/timeseries-windows.js';
export type { TimeseriesWindowsOptions } from './series/timeseries-windows.js';
export { slidingWindows } from './series/sliding-windows.js';
export type { SlidingWindowsOptions } from './series/sliding-windows.js';
export { splitSeries } from './series/split-series.js';
export type { SplitSeriesOptions, SeriesSplit, SplitPoint } from './series/split-series.js';

export { minMaxScaler } from './scale/min-max-scaler.js';
export type { MinMaxScalerOptions, MinMaxScalerFactory } from './scale/min-max-scaler.js';
export { standardScaler } from './scale/standard-scaler.js';
export type { StandardScalerFactory } from './scale/standard-scaler.js';
export { scalerFromJSON } from './scale/scaler-from-json.js';
export type { Scaler, ScalerJSON, ScaleOptions } from './scale/scaler.js';

export { parseCsvSeries } from './csv/parse-csv-series.js';
export type { ParseCsvSeriesOptions, CsvSeries } from './csv/parse-csv-series.js';
export { readCsvHeader } from './csv/read-csv-header.js';
export type { ReadCsvHeaderOptions } from './csv/read-csv-header.js';
export type { MissingPolicy } from './csv/fill-missing.js';

export type { Tokenizer, TokenizerJSON, CharTokenizerJSON, WordTokenizerJSON, BpeTokenizerJSON, Corpus } from './text/tokenizer.js';
export { charTokenizer } from './text/char-tokenizer.js';
export type { CharTokenizer, CharTokenizerOptions } from './text/char-tokenizer.js';
export { wordTokenizer, KERAS_FILTERS } from './text/word-tokenizer.js';
export type { WordTokenizer, WordTokenizerOptions } from './text/word-tokenizer.js';
export { bpeTokenizer } from './text/bpe-tokenizer.js';
export type { BpeTokenizer, BpeTokenizerOptions } from './text/bpe-tokenizer.js';
export { tokenizerFromJSON } from './text/tokenizer-from-json.js';
export { encodeWtf8, decodeWtf8 } from './text/wtf8.js';
export { padSequences } from './text/pad-sequences.js';
export type { PadSequencesOptions } from './text/pad-sequences.js';
export { oneHot } from './text/one-hot.js';
export { languageModelBatches } from './text/language-model-batches.js';
export type { LanguageModelBatches, LanguageModelBatchesOptions, TokenBatch, TokenTensorBatch } from './text/language-model-batches.js';
