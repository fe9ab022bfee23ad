import { describe, expect, it } from 'vitest';
import { rgb } from 'd3-color';
import { interpolateRdBu } from 'd3-scale-chromatic';
import { terminalHeatmap } from './heatmap.js';
import { terminalTokenStrip } from './token-strip.js';

describe('terminalHeatmap', () => {
  it('prints units as rows with ASCII ramps when colour is off (diverging for signed values)', () => {
    const values = [
      [-1, 0, 1],
      [-0.5, 0.25, 0.75],
      [0, 0.5, -0.25],
      [1, 1, 1],
    ];
    expect(terminalHeatmap(values, { color: false, activation: 'tanh', timeLabels: ['a', 'b', ' ', '\n'], title: 'h' })).toMatchInlineSnapshot(`
      "h
      0 |#- @|
      1 | '+@|
      2 |@*.@|
         ab_/
         diverging: -1 #=-. '+*@ 1"
    `);
  });

  it('uses a sequential ramp for sigmoid gates, and cuts long sequences with a note', () => {
    const values = Array.from({ length: 12 }, (_, t) => [t / 11]);
    expect(terminalHeatmap(values, { color: false, activation: 'sigmoid', width: 10 })).toMatchInlineSnapshot(`
      "0 | .::-=+*##|
         0
         (first 10 of 12 steps shown)
         sequential: 0  .:-=+*#%@ 1"
    `);
  });

  it('paints each cell with the RdBu background of its value in 24-bit colour', () => {
    const out = terminalHeatmap([[1], [-1]], { color: 'truecolor', activation: 'tanh' });
    const { r, g, b } = rgb(interpolateRdBu(0));
    expect(out).toContain(`\u001b[48;2;${r};${g};${b}m \u001b[0m`);
  });
});

describe('terminalTokenStrip', () => {
  it('without colour prints each line of text with its values as an ASCII ramp below it', () => {
    expect(terminalTokenStrip('ab\ncd', [-1, -0.2, 0, 0.6, 1], { color: false, activation: 'tanh' })).toMatchInlineSnapshot(`
      "ab/
      #. 
      cd
      +@
      diverging: -1 #=-. '+*@ 1"
    `);
  });

  it('with colour paints the character on its value colour with contrasting text', () => {
    const out = terminalTokenStrip('x', [1], { color: 'truecolor', activation: 'tanh', legend: false });
    const { r, g, b } = rgb(interpolateRdBu(0));
    expect(out).toBe(`\u001b[38;2;255;255;255m\u001b[48;2;${r};${g};${b}mx\u001b[0m`);
  });
});
