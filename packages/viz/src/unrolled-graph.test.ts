import { describe, expect, it } from 'vitest';
import { byClass, byTag, parseSvg, text } from './__fixtures__/svg-dom.js';
import { subscript, unrolledGraph } from './unrolled-graph.js';

type Doc = ReturnType<typeof parseSvg>;
const labels = (doc: Doc, cls: string): string[] => byClass(doc, cls).map((e) => e.getAttribute('data-label') ?? '');
const count = (list: string[]): Record<string, number> => list.reduce<Record<string, number>>((acc, l) => ({ ...acc, [l]: (acc[l] ?? 0) + 1 }), {});

describe('unrolledGraph', () => {
  it('unrolls a SimpleRNN over T steps: x₁…x_T in, y₁…y_T out, h between steps', () => {
    const doc = parseSvg(unrolledGraph({ steps: 4 }));
    expect(byClass(doc, 'cell')).toHaveLength(4);
    expect(labels(doc, 'input')).toEqual(['x₁', 'x₂', 'x₃', 'x₄']);
    expect(labels(doc, 'output')).toEqual(['y₁', 'y₂', 'y₃', 'y₄']);
    expect(byClass(doc, 'wire-label').map(text)).toEqual(['h₀', 'h₁', 'h₂', 'h₃', 'h₄']);
    expect(byClass(doc, 'state')).toHaveLength(5);
  });

  it('draws the LSTM cell as the lecture does: three σ gates, two tanh, ⊙ ×3 and + on the cell-state line', () => {
    const doc = parseSvg(unrolledGraph({ cell: 'lstm', steps: 3, internals: true }));
    const step = byClass(doc, 'internals')[0]!;
    expect(count(byClass(step, 'layer').map((e) => e.getAttribute('data-label')!))).toEqual({ σ: 3, tanh: 1 });
    expect(byClass(step, 'layer').map((e) => e.getAttribute('data-gate'))).toEqual(['f', 'i', 'c̃', 'o']);
    expect(count(byClass(step, 'op').map((e) => e.getAttribute('data-label')!))).toEqual({ '⊙': 3, '+': 1, tanh: 1 });
    // Two state lines between steps: c on top, h below.
    expect(byClass(doc, 'wire-label').map(text)).toEqual(['h₀', 'h₁', 'h₂', 'h₃', 'c₀', 'c₁', 'c₂', 'c₃']);
    expect(text(byTag(doc, 'desc')[0]!)).toContain('cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ c̃ₜ; hₜ = oₜ ⊙ tanh(cₜ)');
  });

  it('draws the GRU with reset and update gates, 1 − z, and no cell state', () => {
    const doc = parseSvg(unrolledGraph({ cell: 'gru', steps: 2, internals: true }));
    const step = byClass(doc, 'internals')[0]!;
    expect(byClass(step, 'layer').map((e) => `${e.getAttribute('data-label')} ${e.getAttribute('data-gate')}`)).toEqual(['σ r', 'σ z', 'tanh h̃']);
    expect(count(byClass(step, 'op').map((e) => e.getAttribute('data-label')!))).toEqual({ '⊙': 3, '+': 1, '1−': 1 });
    expect(byClass(doc, 'wire-label').map(text)).toEqual(['h₀', 'h₁', 'h₂']);
  });

  it('labels steps relative to t, and can emit only the last output', () => {
    const doc = parseSvg(unrolledGraph({ steps: 3, timeLabels: 'relative', outputs: 'last' }));
    expect(labels(doc, 'input')).toEqual(['xₜ₋₁', 'xₜ', 'xₜ₊₁']);
    expect(labels(doc, 'output')).toEqual(['yₜ₊₁']);
    expect(byClass(doc, 'wire-label').map(text)).toEqual(['hₜ₋₂', 'hₜ₋₁', 'hₜ', 'hₜ₊₁']);
  });

  it('scales to `width` keeping its aspect ratio, and is accessible', () => {
    const natural = parseSvg(unrolledGraph({ steps: 2 })).documentElement!;
    const [, , w, h] = natural.getAttribute('viewBox')!.split(' ').map(Number);
    const scaled = parseSvg(unrolledGraph({ steps: 2, width: 400 })).documentElement!;
    expect(Number(scaled.getAttribute('height'))).toBe(Math.round((h! * 400) / w!));
    expect(scaled.getAttribute('role')).toBe('img');
  });

  it('writes subscripts with Unicode digits and signs', () => {
    expect(subscript('h', 't−12')).toBe('hₜ₋₁₂');
    expect(() => unrolledGraph({ steps: 0 })).toThrow('unrolledGraph: steps must be an integer in [1, 12], got 0');
    expect(() => unrolledGraph({ cell: 'transformer' as never })).toThrow(/cell must be 'simple', 'lstm' or 'gru', got "transformer"/);
  });
});
