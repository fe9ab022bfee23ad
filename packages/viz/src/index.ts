// Public API of @rnnkit/viz. Every export is named here.

export { VizError, isVizError } from './viz-error.js';
export type { VizErrorCode, VizErrorDetails } from './viz-error.js';
export { escapeXml } from './escape.js';
export { defaultTheme } from './theme.js';
export type { Theme } from './theme.js';
export type { ChartOptions } from './chart-options.js';
export { lossCurve } from './loss-curve.js';
export type { LossCurveData, LossCurveOptions } from './loss-curve.js';
export { gradientFlow } from './gradient-flow.js';
export type { GradientFlowOptions, GradientRun } from './gradient-flow.js';
export { forecastPlot } from './forecast-plot.js';
export type { ForecastBand, ForecastPlotData, ForecastPlotOptions, ForecastRegion, MultiStepForecast } from './forecast-plot.js';
export { heatmap } from './heatmap.js';
export type { HeatmapOptions } from './heatmap.js';
export type { ColorMapSpec, ColorScheme } from './color-map.js';
export { windowDiagram } from './window-diagram.js';
export type { WindowDiagramOptions } from './window-diagram.js';
export { windowSamples } from './window-samples.js';
export type { WindowSamples, WindowSpec } from './window-samples.js';
export { tokenStrip, tokenStripHtml } from './token-strip.js';
export type { TokenStripOptions } from './token-strip.js';
export { unrolledGraph } from './unrolled-graph.js';
export type { UnrolledGraphOptions } from './unrolled-graph.js';
export type { CellKind } from './cell-internals.js';
