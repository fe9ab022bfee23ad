import { extent } from 'd3-array';
import { scaleLinear, scaleLog } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import { byClass, byTag, num, oneByClass, parseSvg, pathRuns, plotArea, text } from './__fixtures__/svg-dom.js';
import { lossCurve } from './loss-curve.js';
import { isVizError } from './viz-error.js';

const train = [1, 0.62, 0.41, 0.3, 0.24, 0.2];
const validation = [1.1, 0.7, 0.5, 0.43, 0.45, 0.48];

describe('lossCurve', () => {
  it('is an accessible SVG: role="img", <title> and a <desc> that names the numbers', () => {
    const doc = parseSvg(lossCurve({ train, validation }, { title: 'GRU on temperatures' }));
    const svg = doc.documentElement!;
    expect(svg.getAttribute('role')).toBe('img');
    const [titleId, descId] = (svg.getAttribute('aria-labelledby') ?? '').split(' ');
    const title = byTag(doc, 'title')[0]!;
    const desc = byTag(doc, 'desc')[0]!;
    expect(title.getAttribute('id')).toBe(titleId);
    expect(desc.getAttribute('id')).toBe(descId);
    expect(text(title)).toBe('GRU on temperatures');
    expect(text(desc)).toContain('train: 6 values from 1 (epoch 1) to 0.2 (epoch 6)');
    expect(text(desc)).toContain('Best epoch: 4 (validation 0.43)');
    expect(text(oneByClass(doc, 'chart-title'))).toBe('GRU on temperatures');
    expect(byClass(doc, 'axis-title').map(text)).toEqual(['Epoch', 'Loss']);
  });

  it('maps epochs and losses to pixels with the niced d3 linear scale; the max sits on the top edge', () => {
    const doc = parseSvg(lossCurve({ train, validation }));
    const plot = plotArea(doc);
    const x = scaleLinear().domain([1, 6]).range([plot.x, plot.right]);
    const y = scaleLinear().domain(extent([...train, ...validation]) as [number, number]).range([plot.bottom, plot.y]).nice();
    const [run] = pathRuns(byTag(oneByClass(doc, 'series-train'), 'path')[0]!.getAttribute('d')!);
    expect(run).toHaveLength(6);
    run!.forEach(([px, py], i) => {
      expect(px).toBeCloseTo(x(i + 1), 1);
      expect(py).toBeCloseTo(y(train[i]!), 1);
    });
    // 0.2 … 1.1 is already nice for d3's 10-tick step of 0.1: the maximum 1.1 is on the top edge.
    expect(y.domain()).toEqual([0.2, 1.1]);
    const [valRun] = pathRuns(byTag(oneByClass(doc, 'series-validation'), 'path')[0]!.getAttribute('d')!);
    expect(valRun![0]![1]).toBeCloseTo(plot.y, 1);
    // The lowest training loss 0.2 is the niced minimum: on the bottom edge.
    expect(run![5]![1]).toBeCloseTo(plot.bottom, 1);
  });

  it('puts each labelled y tick where the scale puts that value', () => {
    const doc = parseSvg(lossCurve({ train: [0, 0.5, 1] }));
    const plot = plotArea(doc);
    const ticks = byClass(oneByClass(doc, 'axis-y'), 'tick');
    expect(ticks.map(text)).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
    const oneTick = ticks[5]!;
    // Tick labels sit 0.35 em below their value so the glyphs centre on it.
    expect(num(oneTick, 'y') - 12 * 0.35).toBeCloseTo(plot.y, 1);
    const [run] = pathRuns(byTag(oneByClass(doc, 'series-train'), 'path')[0]!.getAttribute('d')!);
    expect(run![2]![1]).toBeCloseTo(plot.y, 1);
    expect(run![0]![1]).toBeCloseTo(plot.bottom, 1);
  });

  it('on a log axis spaces equal ratios equally (one decade = same pixel distance)', () => {
    const doc = parseSvg(lossCurve({ train: [1, 0.1, 0.01, 0.001] }, { logScale: true }));
    const plot = plotArea(doc);
    const [run] = pathRuns(byTag(oneByClass(doc, 'series-train'), 'path')[0]!.getAttribute('d')!);
    const ys = run!.map((p) => p[1]);
    const decade = ys[1]! - ys[0]!;
    expect(decade).toBeGreaterThan(0);
    expect(ys[2]! - ys[1]!).toBeCloseTo(decade, 1);
    expect(ys[3]! - ys[2]!).toBeCloseTo(decade, 1);
    const y = scaleLog().domain([0.001, 1]).range([plot.bottom, plot.y]);
    expect(ys[0]).toBeCloseTo(y(1), 1);
    expect(ys[0]).toBeCloseTo(plot.y, 1);
    const ticks = byClass(oneByClass(doc, 'axis-y'), 'tick');
    expect(ticks.map(text)).toEqual(expect.arrayContaining(['0.001', '0.01', '0.1', '1']));
    const tenth = ticks.find((t) => text(t) === '0.1')!;
    expect(num(tenth, 'y') - 12 * 0.35).toBeCloseTo(ys[1]!, 1);
  });

  it('draws NaN as a gap and a lone value between gaps as a dot', () => {
    const doc = parseSvg(lossCurve({ train: [1, 0.8, NaN, 0.5, NaN, 0.3, 0.25] }));
    const runs = pathRuns(byTag(oneByClass(doc, 'series-train'), 'path')[0]!.getAttribute('d')!);
    // d3's line() emits the lone 0.5 as a one-point sub-path `M…Z`, invisible alone, hence the dot.
    expect(runs.map((r) => r.length)).toEqual([2, 1, 2]);
    expect(byClass(doc, 'lone-point')).toHaveLength(1);
    expect(text(byTag(doc, 'desc')[0]!)).toContain('2 missing');
  });

  it('marks the epoch of the lowest validation loss, and has a legend only with two series', () => {
    const doc = parseSvg(lossCurve({ train, validation, epochs: [10, 20, 30, 40, 50, 60] }));
    const best = oneByClass(doc, 'best-marker');
    expect(best.getAttribute('data-epoch')).toBe('40');
    expect(best.getAttribute('data-value')).toBe('0.43');
    expect(byClass(oneByClass(doc, 'legend'), 'legend-item').map(text)).toEqual(['train', 'validation']);
    expect(byClass(parseSvg(lossCurve({ train })), 'legend')).toHaveLength(0);
    expect(oneByClass(parseSvg(lossCurve({ train })), 'best-marker').getAttribute('data-epoch')).toBe('6');
  });

  it('escapes user strings: a title with <script> and & stays text', () => {
    const title = '<script>alert("x")</script> & "loss"';
    const svg = lossCurve({ train }, { title, yLabel: 'MSE <°C²>', labels: { train: 'a&b' } });
    const doc = parseSvg(svg);
    expect(byTag(doc, 'script')).toHaveLength(0);
    expect(text(byTag(doc, 'title')[0]!)).toBe(title);
    expect(text(oneByClass(doc, 'chart-title'))).toBe(title);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;');
  });

  it('refuses empty, infinite, mismatched and (on a log axis) non-positive input with a coded error', () => {
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        if (isVizError(e)) return `${e.code}: ${e.message}`;
        throw e;
      }
      return undefined;
    };
    expect(code(() => lossCurve({ train: [] }))).toBe('EMPTY_INPUT: lossCurve: data.train is empty; expected at least one value');
    expect(code(() => lossCurve({ train: [NaN, NaN] }))).toMatch(/^EMPTY_INPUT: .*no finite values/);
    expect(code(() => lossCurve({ train: [1, Infinity] }))).toBe('NON_FINITE: lossCurve: data.train[1] is Infinity; expected a finite number');
    expect(code(() => lossCurve({ train: [1, 2], validation: [1] }))).toBe(
      'SHAPE_MISMATCH: lossCurve: data.validation has length 1, expected 2 (the length of data.train)',
    );
    expect(code(() => lossCurve({ train: [1, 0] }, { logScale: true }))).toMatch(/^INVALID_ARGUMENT: .*data.train\[1\] is 0; a log axis needs values > 0/);
    expect(code(() => lossCurve({ train: [1, 2] }, { width: 10 }))).toMatch(/^INVALID_ARGUMENT: lossCurve: width must be/);
    expect(code(() => lossCurve({ train: 'abc' as unknown as number[] }))).toMatch(/must be an array of numbers, got "abc"/);
    try {
      lossCurve({ train: [] });
    } catch (e) {
      expect((e as Error).name).toBe('RnnkitError');
    }
  });
});
