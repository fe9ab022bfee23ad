import { describe, expect, it } from 'vitest';
import { byClass, byTag, num, parseSvg, text } from './__fixtures__/svg-dom.js';
import { windowDiagram } from './window-diagram.js';

const series = [35, 32, 45, 48, 41, 39, 36];

describe('windowDiagram', () => {
  const doc = parseSvg(windowDiagram(series, { window: 3, yLabel: 'Temperature (°C)' }));

  it('builds the samples/targets table of the lecture', () => {
    const rows = byClass(doc, 'table-row').map((row) => byTag(row, 'text').map(text));
    expect(rows).toEqual([
      ['1', '[35, 32, 45]', '→ [48]'],
      ['2', '[32, 45, 48]', '→ [41]'],
      ['3', '[45, 48, 41]', '→ [39]'],
      ['4', '[48, 41, 39]', '→ [36]'],
    ]);
  });

  it('draws each window under the time steps it covers, inputs then the target', () => {
    const windows = byClass(doc, 'window');
    expect(windows).toHaveLength(4);
    const second = windows[1]!;
    expect(byClass(second, 'input').map((c) => c.getAttribute('data-index'))).toEqual(['1', '2', '3']);
    expect(byClass(second, 'target').map((c) => c.getAttribute('data-index'))).toEqual(['4']);
    // A window cell sits in the same column as its point of the series.
    const point = byClass(doc, 'series-point').find((p) => p.getAttribute('data-index') === '4')!;
    const circle = byTag(point, 'circle')[0]!;
    const rect = byTag(byClass(second, 'target')[0]!, 'rect')[0]!;
    expect(num(rect, 'x') + num(rect, 'width') / 2).toBeCloseTo(num(circle, 'cx'), 1);
  });

  it('puts the highest value (48) highest and the lowest (32) lowest in the series panel', () => {
    const cy = byClass(doc, 'series-point').map((p) => num(byTag(p, 'circle')[0]!, 'cy'));
    expect(cy.indexOf(Math.min(...cy))).toBe(3);
    expect(cy.indexOf(Math.max(...cy))).toBe(1);
  });

  it('describes every sample in <desc> and caps the drawn windows at maxWindows', () => {
    expect(text(byTag(doc, 'desc')[0]!)).toContain('Sample 1: [35, 32, 45] → [48]. Sample 2: [32, 45, 48] → [41].');
    const capped = parseSvg(windowDiagram(series, { window: 2, maxWindows: 2 }));
    expect(byClass(capped, 'window')).toHaveLength(2);
    expect(text(byClass(capped, 'samples-table')[0]!)).toContain('… 3 more samples (5 in all)');
  });

  it('refuses NaN in the series and a window that does not fit', () => {
    expect(() => windowDiagram([1, NaN, 3], { window: 1 })).toThrow('windowDiagram: series[1] is NaN; expected a finite number');
    expect(() => windowDiagram([1, 2, 3], { window: 3 })).toThrow(/no complete sample of window 3 \+ horizon 1/);
  });
});
