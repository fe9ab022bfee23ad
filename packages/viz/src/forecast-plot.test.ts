import { scaleLinear, scaleTime } from 'd3-scale';
import { extent } from 'd3-array';
import { describe, expect, it } from 'vitest';
import { byClass, byTag, num, oneByClass, parseSvg, pathRuns, plotArea, text } from './__fixtures__/svg-dom.js';
import { forecastPlot } from './forecast-plot.js';

const actual = [10, 12, 11, 14, 13, 15, 16, 14, 17, 18];
const predicted = [NaN, 10.5, 12.2, 11.5, 13.6, 13.4, 15.2, 15.8, 14.9, 16.8];
const forecast = { start: 10, values: [18.5, 19, 19.2], bands: [{ lower: [16, 15, 14], upper: [21, 22, 23], label: '90 %' }, { lower: [17.5, 17.5, 17], upper: [19.5, 20.5, 21], label: '50 %' }] };
const regions = [
  { label: 'train', start: 0, end: 6 },
  { label: 'validation', start: 6, end: 8 },
  { label: 'test', start: 8, end: 10 },
];

describe('forecastPlot', () => {
  const doc = parseSvg(forecastPlot({ actual, predicted, forecast, regions }, { yLabel: 'Temperature (°C)' }));
  const plot = plotArea(doc);
  const x = scaleLinear().domain([0, 12]).range([plot.x, plot.right]);
  const all = [...actual, ...predicted.slice(1), ...forecast.values, ...forecast.bands.flatMap((b) => [...b.lower, ...b.upper])];
  const y = scaleLinear().domain(extent(all) as [number, number]).range([plot.bottom, plot.y]).nice();

  it('maps the actual series by index with d3 linear scales (x over actual + forecast)', () => {
    const [run] = pathRuns(byTag(oneByClass(doc, 'series-actual'), 'path')[0]!.getAttribute('d')!);
    expect(run).toHaveLength(10);
    run!.forEach(([px, py], i) => {
      expect(px).toBeCloseTo(x(i), 1);
      expect(py).toBeCloseTo(y(actual[i]!), 1);
    });
  });

  it('starts the predictions where they exist (NaN = no prediction) and the forecast at its start index', () => {
    const [pred] = pathRuns(byTag(oneByClass(doc, 'series-predicted'), 'path')[0]!.getAttribute('d')!);
    expect(pred![0]![0]).toBeCloseTo(x(1), 1);
    const [fc] = pathRuns(byTag(oneByClass(doc, 'series-forecast'), 'path')[0]!.getAttribute('d')!);
    expect(fc!.map((p) => p[0])).toEqual(forecast.values.map((_, k) => expect.closeTo(x(10 + k), 1)));
    expect(fc![2]![1]).toBeCloseTo(y(19.2), 1);
    expect(num(oneByClass(doc, 'forecast-origin'), 'x1')).toBeCloseTo(x(10), 1);
  });

  it('draws each band as an area from lower to upper, the widest (90 %) spanning the y domain', () => {
    const bands = byClass(doc, 'forecast-band');
    expect(bands).toHaveLength(2);
    const points = pathRuns(bands[0]!.getAttribute('d')!).flat();
    // d3.area: upper line left to right, then lower line right to left.
    expect(points[0]![1]).toBeCloseTo(y(21), 1);
    expect(points[2]![1]).toBeCloseTo(y(23), 1);
    expect(points[3]![1]).toBeCloseTo(y(14), 1);
    expect(y(23)).toBeCloseTo(plot.y, 5);
  });

  it('shades the train/validation/test regions over their index spans and labels them', () => {
    const shaded = byClass(doc, 'region');
    expect(shaded.map((r) => r.getAttribute('data-label'))).toEqual(['train', 'validation', 'test']);
    expect(num(shaded[1]!, 'x')).toBeCloseTo(x(6), 1);
    expect(num(shaded[1]!, 'x') + num(shaded[1]!, 'width')).toBeCloseTo(x(8), 1);
    expect(byClass(doc, 'region-label').map(text)).toEqual(['train', 'validation', 'test']);
    expect(byClass(oneByClass(doc, 'legend'), 'legend-item').map(text)).toEqual(['actual', 'predicted', 'forecast', '90 %', '50 %']);
    expect(byClass(doc, 'axis-title').map(text)).toEqual(['Time step', 'Temperature (°C)']);
  });

  it('summarises the data in <desc>', () => {
    const desc = text(byTag(doc, 'desc')[0]!);
    expect(desc).toContain('Time series of 10 observations with one-step predictions and a 3-step forecast from 10.');
    expect(desc).toContain('forecast: 18.5, 19, 19.2.');
    expect(desc).toContain('Regions: train 0 to 5; validation 6 to 7; test 8 to 9.');
  });

  it('places points by their Dates on a d3 time scale', () => {
    const time = actual.map((_, i) => new Date(Date.UTC(1990, 0, 1 + i * 3)));
    const dated = parseSvg(forecastPlot({ actual, time }, { xLabel: 'Date' }));
    const area = plotArea(dated);
    const t = scaleTime().domain([time[0]!, time[9]!]).range([area.x, area.right]);
    const [run] = pathRuns(byTag(oneByClass(dated, 'series-actual'), 'path')[0]!.getAttribute('d')!);
    run!.forEach(([px], i) => expect(px).toBeCloseTo(t(time[i]!), 1));
  });

  it('refuses mismatched lengths, inverted bands, regions past the end and bad times', () => {
    expect(() => forecastPlot({ actual, predicted: [1, 2] })).toThrow('forecastPlot: data.predicted has length 2, expected 10 (the length of data.actual)');
    expect(() => forecastPlot({ actual, forecast: { start: 10, values: [1, 2], bands: [{ lower: [1, 3], upper: [2, 2] }] } })).toThrow(
      'forecastPlot: data.forecast.bands[0] has lower[1] = 3 above upper[1] = 2',
    );
    expect(() => forecastPlot({ actual, regions: [{ label: 'test', start: 8, end: 11 }] })).toThrow(/data\.regions\[0\]\.end must be an integer in \[9, 10\], got 11/);
    expect(() => forecastPlot({ actual, time: [1, 2, 3] })).toThrow(/data\.time has length 3, expected 10/);
    expect(() => forecastPlot({ actual: [1, 2], time: [1, new Date(NaN)] })).toThrow(/data\.time\[1\] must be a finite number or a valid Date/);
  });
});
