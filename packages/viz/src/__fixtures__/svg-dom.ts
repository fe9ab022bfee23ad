// Test helpers: parse SVG with a real XML parser (@xmldom/xmldom, failing on any parse
// error) and read back elements, attributes and path points.

import { DOMParser } from '@xmldom/xmldom';
import type { Document, Element } from '@xmldom/xmldom';

/** Parses `svg` strictly: any XML error or warning throws. */
export function parseSvg(svg: string): Document {
  const doc = new DOMParser({
    onError: (level, message) => {
      throw new Error(`XML ${level}: ${message}`);
    },
  }).parseFromString(svg, 'image/svg+xml');
  if (doc.documentElement?.tagName !== 'svg') throw new Error('root element is not <svg>');
  return doc;
}

/** All descendants of `root` with the given tag name. */
export function byTag(root: Document | Element, tag: string): Element[] {
  return Array.from(root.getElementsByTagName(tag));
}

/** All descendants whose class list contains `name`. */
export function byClass(root: Document | Element, name: string): Element[] {
  return byTag(root, '*').filter((e) => (e.getAttribute('class') ?? '').split(/\s+/).includes(name));
}

/** The single descendant with class `name`; throws unless there is exactly one. */
export function oneByClass(root: Document | Element, name: string): Element {
  const found = byClass(root, name);
  if (found.length !== 1) throw new Error(`expected one .${name}, found ${found.length}`);
  return found[0] as Element;
}

/** Numeric attribute; throws when missing or not a number. */
export function num(e: Element, attr: string): number {
  const raw = e.getAttribute(attr);
  const value = raw === null ? NaN : Number(raw);
  if (!Number.isFinite(value)) throw new Error(`<${e.tagName}> ${attr}="${String(raw)}" is not a number`);
  return value;
}

/** The plot area rectangle of a cartesian chart. */
export function plotArea(doc: Document): { x: number; y: number; width: number; height: number; bottom: number; right: number } {
  const r = oneByClass(doc, 'plot-area');
  const box = { x: num(r, 'x'), y: num(r, 'y'), width: num(r, 'width'), height: num(r, 'height') };
  return { ...box, bottom: box.y + box.height, right: box.x + box.width };
}

/** Sub-paths of an SVG path made of M/L commands: one array of [x, y] per `M`. */
export function pathRuns(d: string): [number, number][][] {
  const runs: [number, number][][] = [];
  for (const [, cmd, args] of d.matchAll(/([MLZ])([^MLZ]*)/g)) {
    if (cmd === 'Z') continue;
    const nums = (args ?? '').trim().split(/[\s,]+/).map(Number);
    const point: [number, number] = [nums[0] as number, nums[1] as number];
    if (cmd === 'M') runs.push([point]);
    else runs[runs.length - 1]?.push(point);
  }
  return runs;
}

/** Text content of an element, trimmed. */
export function text(e: Element): string {
  return (e.textContent ?? '').trim();
}
