import { rgb } from 'd3-color';
import { scaleBand } from 'd3-scale';
import { interpolateRdBu, interpolateViridis } from 'd3-scale-chromatic';
import { describe, expect, it } from 'vitest';
import { byClass, byTag, num, oneByClass, parseSvg, plotArea, text } from './__fixtures__/svg-dom.js';
import { heatmap } from './heatmap.js';

const hex = (css: string): string => rgb(css).formatHex();
// 3 time steps × 2 units.
const values = [
  [1, -1],
  [0, 0.5],
  [-0.5, 0.25],
];

function cell(doc: ReturnType<typeof parseSvg>, t: number, u: number) {
  return byClass(doc, 'cell').find((c) => c.getAttribute('data-t') === String(t) && c.getAttribute('data-unit') === String(u))!;
}

describe('heatmap', () => {
  it('colours tanh ranges with the diverging RdBu map on [-1, 1]: −1 blue, 0 white-ish, 1 red', () => {
    const doc = parseSvg(heatmap(values, { activation: 'tanh' }));
    expect(cell(doc, 0, 0).getAttribute('fill')).toBe(hex(interpolateRdBu(0)));
    expect(cell(doc, 0, 1).getAttribute('fill')).toBe(hex(interpolateRdBu(1)));
    expect(cell(doc, 1, 0).getAttribute('fill')).toBe(hex(interpolateRdBu(0.5)));
    expect(cell(doc, 1, 1).getAttribute('fill')).toBe(hex(interpolateRdBu(0.25)));
    const bar = oneByClass(doc, 'colorbar');
    expect([bar.getAttribute('data-min'), bar.getAttribute('data-max')]).toEqual(['-1', '1']);
  });

  it('colours sigmoid gates with sequential viridis on [0, 1]', () => {
    const doc = parseSvg(heatmap([[0, 0.25], [1, 0.5]], { activation: 'sigmoid' }));
    expect(cell(doc, 0, 1).getAttribute('fill')).toBe(hex(interpolateViridis(0.25)));
    expect(cell(doc, 1, 0).getAttribute('fill')).toBe(hex(interpolateViridis(1)));
  });

  it('picks a symmetric diverging domain from the data when values are signed and nothing is said', () => {
    const doc = parseSvg(heatmap([[2, -0.5]]));
    expect(oneByClass(doc, 'colorbar').getAttribute('data-min')).toBe('-2');
    expect(cell(doc, 0, 1).getAttribute('fill')).toBe(hex(interpolateRdBu(1 - (-0.5 + 2) / 4)));
  });

  it('lays cells on d3 band scales: time across, units down', () => {
    const doc = parseSvg(heatmap(values));
    const plot = plotArea(doc);
    const x = scaleBand<number>().domain([0, 1, 2]).range([plot.x, plot.right]);
    const y = scaleBand<number>().domain([0, 1]).range([plot.y, plot.bottom]);
    const c = cell(doc, 2, 1);
    expect(num(c, 'x')).toBeCloseTo(x(2)!, 1);
    expect(num(c, 'y')).toBeCloseTo(y(1)!, 1);
    expect(num(c, 'width')).toBeCloseTo(x.bandwidth(), 1);
    expect(byClass(doc, 'cell')).toHaveLength(6);
  });

  it('labels time steps with the input tokens, whitespace made visible, and describes the peak', () => {
    const doc = parseSvg(heatmap(values, { timeLabels: ['a', ' ', '\n'], unitLabels: ['u0', 'u1'], title: 'LSTM cell state' }));
    expect(byClass(oneByClass(doc, 'axis-x'), 'tick').map(text)).toEqual(['a', '␣', '↵']);
    expect(byClass(oneByClass(doc, 'axis-y'), 'tick').map(text)).toEqual(['u0', 'u1']);
    expect(text(byTag(doc, 'desc')[0]!)).toContain('Heatmap of 3 time steps × 2 units');
    expect(text(byTag(doc, 'desc')[0]!)).toContain('largest magnitude 1 at step a, unit u0');
  });

  it('refuses ragged rows, NaN, and labels of the wrong length', () => {
    expect(() => heatmap([[1, 2], [3]])).toThrow('heatmap: values[1] has length 1, expected 2 (the length of values[0])');
    expect(() => heatmap([[1, NaN]])).toThrow('heatmap: values[0][1] is NaN; expected a finite number');
    expect(() => heatmap([])).toThrow(/no rows/);
    expect(() => heatmap(values, { timeLabels: ['a'] })).toThrow(/timeLabels has length 1, expected 3/);
    expect(() => heatmap(values, { domain: [0, 1], scheme: 'diverging' })).toThrow(/diverging domain must contain 0/);
  });
});
