import { existsSync } from 'node:fs';
import pngjs from 'pngjs';
import { describe, expect, it } from 'vitest';
import { byTag, oneByClass, parseSvg, pathRuns } from './__fixtures__/svg-dom.js';
import { lossCurve } from './loss-curve.js';
import { renderPng } from './png.js';

const { PNG } = pngjs;
const train = Array.from({ length: 11 }, (_, i) => i / 10); // a straight rising line
const svg = lossCurve({ train }, { width: 600, height: 360, title: 'PNG check' });
const doc = parseSvg(svg);
const points = pathRuns(byTag(oneByClass(doc, 'series-train'), 'path')[0]!.getAttribute('d')!)[0]!;

type Image = { width: number; height: number; data: Buffer };
const pixel = (img: Image, x: number, y: number): [number, number, number] => {
  const i = (Math.round(y) * img.width + Math.round(x)) * 4;
  return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
};
// Series 0 is Tableau blue #4e79a7; anti-aliasing blends it with white, so accept the blue hue.
const isSeriesBlue = ([r, g, b]: [number, number, number]): boolean => b > 140 && b - r > 40 && b - g > 15;
const isDark = ([r, g, b]: [number, number, number]): boolean => r + g + b < 300;

describe('renderPng', () => {
  it('rasterises at the SVG size, with the line exactly where the scale put the data', async () => {
    const img = PNG.sync.read(Buffer.from(await renderPng(svg)));
    expect([img.width, img.height]).toEqual([600, 360]);
    expect(pixel(img, 2, 2)).toEqual([255, 255, 255]);
    for (const [x, y] of points.slice(1, -1)) {
      // In the data point's column, blue pixels exist and all lie within 4 px of the point.
      const rows: number[] = [];
      for (let row = 0; row < img.height; row++) if (isSeriesBlue(pixel(img, x, row))) rows.push(row);
      expect(rows.length).toBeGreaterThan(0);
      expect(Math.min(...rows)).toBeGreaterThanOrEqual(y - 4);
      expect(Math.max(...rows)).toBeLessThanOrEqual(y + 4);
    }
    // And nowhere else: every blue pixel lies inside the line's bounding box.
    const [x0, y0] = points[0]!;
    const [x1, y1] = points[points.length - 1]!;
    for (let row = 0; row < img.height; row++) {
      for (let col = 0; col < img.width; col++) {
        if (!isSeriesBlue(pixel(img, col, row))) continue;
        expect(col).toBeGreaterThanOrEqual(x0 - 4);
        expect(col).toBeLessThanOrEqual(x1 + 4);
        expect(row).toBeGreaterThanOrEqual(y1 - 4);
        expect(row).toBeLessThanOrEqual(y0 + 4);
      }
    }
  });

  it('scales to a requested width keeping the aspect ratio', async () => {
    const img = PNG.sync.read(Buffer.from(await renderPng(svg, { width: 1200 })));
    expect([img.width, img.height]).toEqual([1200, 720]);
    const [x, y] = points[5]!;
    expect(isSeriesBlue(pixel(img, 2 * x, 2 * y))).toBe(true);
  });

  it('without any font still draws the data and simply leaves text out', async () => {
    const img = PNG.sync.read(Buffer.from(await renderPng(svg, { loadSystemFonts: false })));
    const [x, y] = points[5]!;
    expect(isSeriesBlue(pixel(img, x, y))).toBe(true);
    let titleInk = 0;
    for (let row = 0; row < 34; row++) for (let col = 200; col < 400; col++) if (isDark(pixel(img, col, row))) titleInk++;
    expect(titleInk).toBe(0);
  });

  it.skipIf(!existsSync('/usr/share/fonts'))('draws the title with the system fonts when there are some', async () => {
    const img = PNG.sync.read(Buffer.from(await renderPng(svg)));
    let titleInk = 0;
    for (let row = 0; row < 34; row++) for (let col = 200; col < 400; col++) if (isDark(pixel(img, col, row))) titleInk++;
    expect(titleInk).toBeGreaterThan(50);
  });

  it('refuses what is not an SVG document and absurd widths', async () => {
    await expect(renderPng('<html></html>')).rejects.toThrow('renderPng: svg must be an SVG document string, got a string without <svg');
    await expect(renderPng(svg, { width: 0 })).rejects.toThrow('renderPng: width must be an integer in [1, 16384], got 0');
  });
});
