// SVG path of a polyline from d3-shape's `line()`; points whose y is not finite are left
// undefined, so NaN in a series draws as a gap (documented behaviour of every line chart).

import { line } from 'd3-shape';
import { el } from './svg.js';

/** A point in pixels; `y` NaN marks a gap. */
export type PixelPoint = readonly [x: number, y: number];

const defined = (p: PixelPoint): boolean => Number.isFinite(p[0]) && Number.isFinite(p[1]);
const polyline = line<PixelPoint>()
  .defined(defined)
  .x((p) => p[0])
  .y((p) => p[1])
  .digits(2);

/** The `d` attribute of the polyline through `points`, broken at undefined points. */
export function linePath(points: readonly PixelPoint[]): string {
  return polyline(points as PixelPoint[]) ?? '';
}

/**
 * A series drawn as a path plus dots at points that have no defined neighbour (a lone
 * value between two gaps would otherwise be invisible).
 */
export function seriesPath(points: readonly PixelPoint[], attrs: { class: string; stroke: string; width?: number; dashed?: boolean }): string {
  const lone = points.filter((p, i) => defined(p) && !(points[i - 1] && defined(points[i - 1] as PixelPoint)) && !(points[i + 1] && defined(points[i + 1] as PixelPoint)));
  return el(
    'g',
    { class: attrs.class },
    el('path', {
      d: linePath(points),
      fill: 'none',
      stroke: attrs.stroke,
      'stroke-width': attrs.width ?? 2,
      'stroke-linejoin': 'round',
      'stroke-linecap': 'round',
      'stroke-dasharray': attrs.dashed ? '6 4' : undefined,
    }),
    ...lone.map((p) => el('circle', { class: 'lone-point', cx: p[0], cy: p[1], r: 2.5, fill: attrs.stroke })),
  );
}
