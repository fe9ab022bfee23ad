// Public API of @rnnkit/viz. Every export is named here.

export { VizError, isVizError } from './viz-error.js';
export type { VizErrorCode, VizErrorDetails } from './viz-error.js';
export { escapeXml } from './escape.js';
export { defaultTheme } from './theme.js';
export type { Theme } from './theme.js';
export type { ChartOptions } from './chart-options.js';
export { lossCurve } from './loss-curve.js';
export type { LossCurveData, LossCurveOptions } from './loss-curve.js';
