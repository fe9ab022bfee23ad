import { rgb } from 'd3-color';
import { interpolateRdBu, interpolateViridis } from 'd3-scale-chromatic';
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { byClass, byTag, parseSvg, text } from './__fixtures__/svg-dom.js';
import { tokenStrip, tokenStripHtml } from './token-strip.js';

const hex = (css: string): string => rgb(css).formatHex();

describe('tokenStrip', () => {
  it('colours each character by its value (diverging for tanh) with readable text on top', () => {
    const doc = parseSvg(tokenStrip('ab c', [-1, 0, 0.5, 1], { activation: 'tanh' }));
    const tokens = byClass(doc, 'token');
    expect(tokens).toHaveLength(4);
    const fills = tokens.map((t) => byTag(t, 'rect')[0]!.getAttribute('fill'));
    expect(fills).toEqual([hex(interpolateRdBu(1)), hex(interpolateRdBu(0.5)), hex(interpolateRdBu(0.25)), hex(interpolateRdBu(0))]);
    expect(tokens.map((t) => byTag(t, 'text').map(text).join(''))).toEqual(['a', 'b', '', 'c']);
    // Dark background → white text, light → black (WCAG luminance).
    expect(byTag(tokens[0]!, 'text')[0]!.getAttribute('fill')).toBe('#ffffff');
    expect(byTag(tokens[1]!, 'text')[0]!.getAttribute('fill')).toBe('#000000');
  });

  it('wraps at newlines (shown as ↵) and at `columns`', () => {
    const doc = parseSvg(tokenStrip('abc\nde', [0.1, 0.2, 0.3, 0.4, 0.5, 0.6], { columns: 2 }));
    const rows = new Map<string, string>();
    for (const token of byClass(doc, 'token')) {
      const y = byTag(token, 'rect')[0]!.getAttribute('y')!;
      rows.set(y, (rows.get(y) ?? '') + byTag(token, 'text').map(text).join(''));
    }
    expect([...rows.values()]).toEqual(['ab', 'c↵', 'de']);
    expect(byTag(byClass(doc, 'token')[0]!, 'rect')[0]!.getAttribute('fill')).toBe(hex(interpolateViridis(0)));
  });

  it('escapes characters of the text in SVG and HTML', () => {
    const svg = tokenStrip('<&>', [0, 0.5, 1], { title: 'a <b> & c' });
    expect(byClass(parseSvg(svg), 'token').map((t) => text(t))).toEqual(['<', '&', '>']);
    const html = tokenStripHtml('<&>', [0, 0.5, 1]);
    const div = new DOMParser().parseFromString(html, 'text/html').getElementsByTagName('div')[0]!;
    expect(div.getAttribute('role')).toBe('img');
    expect(Array.from(div.getElementsByTagName('span')).map((s) => s.textContent)).toEqual(['<', '&', '>']);
    expect(html).not.toContain('<&>');
  });

  it('gives each HTML span its colour and a value tooltip', () => {
    const html = tokenStripHtml('hi', [0, 1], { valueLabel: 'Confidence' });
    const spans = Array.from(new DOMParser().parseFromString(html, 'text/html').getElementsByTagName('span'));
    expect(spans[1]!.getAttribute('style')).toBe(`background:${hex(interpolateViridis(1))};color:#000000`);
    expect(spans[0]!.getAttribute('title')).toBe('Confidence 0');
  });

  it('needs one finite value per code point', () => {
    expect(() => tokenStrip('héllo', [1, 2, 3])).toThrow('tokenStrip: values has length 3, expected 5 (the length of text in code points)');
    expect(() => tokenStrip('😀a', [1, 2])).not.toThrow();
    expect(() => tokenStrip('', [])).toThrow('tokenStrip: text is empty');
    expect(() => tokenStripHtml('ab', [1, Infinity])).toThrow(/values\[1\] is Infinity/);
  });
});
