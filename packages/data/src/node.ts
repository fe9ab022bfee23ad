// Public API of @rnnkit/data/node: helpers that read files (Node only). Every export is named here.

export { bundledDatasets, bundledDatasetPath, loadBundledSeries, loadCsvSeries } from './node/bundled-datasets.js';
export type { BundledDataset, BundledSeriesName } from './node/bundled-datasets.js';
