import { scaleLog } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import { byClass, byTag, oneByClass, parseSvg, pathRuns, plotArea, text } from './__fixtures__/svg-dom.js';
import { gradientFlow } from './gradient-flow.js';
import { isVizError } from './viz-error.js';

// A SimpleRNN with recurrent Jacobian of norm 0.5 backpropagates ‖∂L/∂h_t‖ = 0.5^(T−t).
const T = 20;
const vanishing = Array.from({ length: T }, (_, i) => 0.5 ** (T - 1 - i));
const lstm = Array.from({ length: T }, (_, i) => 0.97 ** (T - 1 - i));

function points(doc: ReturnType<typeof parseSvg>, key: string): [number, number][] {
  return pathRuns(byTag(oneByClass(doc, `series-${key}`), 'path')[0]!.getAttribute('d')!).flat();
}

describe('gradientFlow', () => {
  it('draws exponential decay as a straight line on the log axis (equal pixel steps per step)', () => {
    const doc = parseSvg(gradientFlow([{ label: 'SimpleRNN', norms: vanishing }, { label: 'LSTM', norms: lstm }]));
    const ys = points(doc, 'run-0').map((p) => p[1]);
    const steps = ys.slice(1).map((v, i) => v - ys[i]!);
    for (const step of steps) expect(step).toBeCloseTo(steps[0]!, 1);
    expect(steps[0]).toBeLessThan(0); // larger norm = higher up
  });

  it('maps norms with the niced d3 log scale; the norm 1 at t = T is on the top edge', () => {
    const doc = parseSvg(gradientFlow([{ label: 'SimpleRNN', norms: vanishing }, { label: 'LSTM', norms: lstm }]));
    const plot = plotArea(doc);
    const y = scaleLog().domain([0.5 ** 19, 1]).range([plot.bottom, plot.y]).nice();
    expect(y.domain()).toEqual([1e-6, 1]);
    const pts = points(doc, 'run-1');
    pts.forEach(([, py], i) => expect(py).toBeCloseTo(y(lstm[i]!), 1));
    expect(pts[T - 1]![1]).toBeCloseTo(plot.y, 1);
    expect(pts[T - 1]![0]).toBeCloseTo(plot.right, 1);
    expect(byClass(oneByClass(doc, 'legend'), 'legend-item').map(text)).toEqual(['SimpleRNN', 'LSTM']);
    expect(byClass(oneByClass(doc, 'axis-y'), 'tick').map(text)).toEqual(['10⁻⁶', '10⁻⁵', '10⁻⁴', '10⁻³', '10⁻²', '10⁻¹', '1']);
  });

  it('clamps underflowed zeros to `floor` when given, and otherwise refuses them', () => {
    const norms = [0, 1e-20, 1e-3, 1];
    let error: unknown;
    try {
      gradientFlow([{ label: 'rnn', norms }]);
    } catch (e) {
      error = e;
    }
    expect(isVizError(error, 'INVALID_ARGUMENT') && error.message).toBe('gradientFlow: runs[0].norms[0] is 0; a log axis needs values > 0');
    const doc = parseSvg(gradientFlow([{ label: 'rnn', norms }], { floor: 1e-12 }));
    const pts = points(doc, 'run-0');
    expect(pts[0]![1]).toBeCloseTo(pts[1]![1], 5);
    expect(text(byTag(doc, 'desc')[0]!)).toContain('2 norms below 1e-12 drawn at 1e-12');
  });

  it('refuses an empty list of runs and a run without a label', () => {
    expect(() => gradientFlow([])).toThrow(/runs must be a non-empty array/);
    expect(() => gradientFlow([{ norms: [1] } as never])).toThrow(/runs\[0\]\.label must be a string/);
  });
});
