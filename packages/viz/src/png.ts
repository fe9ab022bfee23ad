// PNG rendering in Node, a separate entry point (`@rnnkit/viz/png`) so browser bundles of
// the main entry never reach the native rasterizer. @resvg/resvg-js (an optional peer
// dependency that ships its binary inside the npm package) is loaded lazily on first use.
//
// Fonts: resvg draws text only with fonts it can find. We load the system fonts and prefer
// DejaVu (present on most Linux machines); on a machine with no fonts at all, shapes still
// render and text is left out — the data are never lost.

import type * as Resvg from '@resvg/resvg-js';
import { VizError } from './viz-error.js';

/** Options of {@link renderPng}. */
export interface PngOptions {
  /**
   * Output width in pixels; the height follows the SVG's aspect ratio.
   * @default the SVG's own width
   */
  width?: number;
  /**
   * Colour behind transparent parts (CSS colour). Charts paint their own background.
   * @default undefined (transparent)
   */
  background?: string;
  /**
   * Load the fonts installed on this machine.
   * @default true
   */
  loadSystemFonts?: boolean;
  /**
   * Extra TTF/OTF/TTC files to load, e.g. a bundled font for machines without fonts.
   * @default []
   */
  fontFiles?: readonly string[];
  /**
   * Family used for generic `sans-serif` and for text whose families are all missing.
   * @default 'DejaVu Sans'
   */
  defaultFontFamily?: string;
  /**
   * Family used for generic `monospace`.
   * @default 'DejaVu Sans Mono'
   */
  monospaceFontFamily?: string;
}

type ResvgModule = typeof Resvg;
let resvgModule: Promise<ResvgModule> | undefined;

async function loadResvg(): Promise<ResvgModule> {
  resvgModule ??= import('@resvg/resvg-js');
  try {
    return await resvgModule;
  } catch (cause) {
    resvgModule = undefined;
    throw new VizError(
      'UNSUPPORTED',
      'renderPng: the optional peer dependency @resvg/resvg-js could not be loaded; install it with `npm install @resvg/resvg-js`',
      {},
      { cause },
    );
  }
}

/**
 * Rasterizes an SVG string (e.g. from {@link lossCurve}) to PNG bytes.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { lossCurve } from '@rnnkit/viz';
 * import { renderPng } from '@rnnkit/viz/png';
 *
 * await writeFile('loss.png', await renderPng(lossCurve({ train: [1, 0.5, 0.3] }), { width: 1440 }));
 * ```
 */
export async function renderPng(svg: string, options: PngOptions = {}): Promise<Uint8Array> {
  if (typeof svg !== 'string' || !svg.includes('<svg')) {
    throw new VizError('INVALID_ARGUMENT', `renderPng: svg must be an SVG document string, got ${typeof svg === 'string' ? `a string without <svg` : typeof svg}`);
  }
  if (options.width !== undefined && (!Number.isInteger(options.width) || options.width < 1 || options.width > 16384)) {
    throw new VizError('INVALID_ARGUMENT', `renderPng: width must be an integer in [1, 16384], got ${String(options.width)}`);
  }
  const { Resvg } = await loadResvg();
  const defaultFontFamily = options.defaultFontFamily ?? 'DejaVu Sans';
  const resvg = new Resvg(svg, {
    fitTo: options.width === undefined ? { mode: 'original' } : { mode: 'width', value: options.width },
    ...(options.background === undefined ? {} : { background: options.background }),
    font: {
      loadSystemFonts: options.loadSystemFonts ?? true,
      fontFiles: [...(options.fontFiles ?? [])],
      defaultFontFamily,
      sansSerifFamily: defaultFontFamily,
      monospaceFamily: options.monospaceFontFamily ?? 'DejaVu Sans Mono',
    },
  });
  return new Uint8Array(resvg.render().asPng());
}
