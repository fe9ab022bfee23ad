import { describe, expect, it } from 'vitest';
import { terminalLinePlot } from './line-plot.js';
import { terminalLossCurve } from './loss-curve.js';

const plain = { color: false } as const;

describe('terminalLinePlot', () => {
  it('draws a rising line from bottom-left to top-right in ASCII with d3 ticks', () => {
    expect(terminalLinePlot([{ label: 'y = x', values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], xs: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }], { ...plain, width: 11, height: 6, title: 'identity', xLabel: 'x' }))
      .toMatchInlineSnapshot(`
        "identity
        10 +         **
           |        *
           |      **
         5 +    **
           |  **
         0 +**
           ++----+----+
            0    5   10
                 x"
      `);
  });

  it('overlays two series with their own marks and a legend, NaN as a gap', () => {
    expect(terminalLinePlot([{ label: 'a', values: [1, 1, NaN, 1] }, { label: 'b', values: [0, 0.5, 0.5, 0] }], { ...plain, width: 12, height: 4 }))
      .toMatchInlineSnapshot(`
        "1.0 +*****      *
            |
        0.5 +  ooooooo
        0.0 +oo       ooo
            +---+-------+
                2       4
        * a   o b"
      `);
  });

  it('can stay Unicode (braille) without colour', () => {
    const out = terminalLinePlot([{ label: 's', values: [0, 1, 0, 1] }], { color: false, charset: 'unicode', width: 10, height: 3 });
    expect(out).toMatchInlineSnapshot(`
      "1.0 ┤  ⡰⠱⡀   ⢀⠎
      0.5 ┤ ⡰⠁ ⠘⡄ ⢀⠎
      0.0 ┤⡰⠁   ⠈⢆⠎
          └───┬─────┬
              2     4"
    `);
    expect(out).not.toContain('\u001b[');
  });

  it('colours each series with an ANSI foreground when colour is on', () => {
    const out = terminalLinePlot([{ label: 'a', values: [0, 1] }, { label: 'b', values: [1, 0] }], { color: 'truecolor', width: 10, height: 4 });
    expect(out).toContain('\u001b[38;2;78;121;167m'); // Tableau blue #4e79a7, series 0
    expect(out).toContain('\u001b[38;2;242;142;44m'); // Tableau orange #f28e2c, series 1
  });

  it('refuses bad sizes and inputs with coded errors', () => {
    expect(() => terminalLinePlot([], plain)).toThrow(/series must be a non-empty array/);
    expect(() => terminalLinePlot([{ label: 'a', values: [1, -1] }], { ...plain, logScale: true })).toThrow(/series\[0\]\.values\[1\] is -1; a log axis needs values > 0/);
    expect(() => terminalLinePlot([{ label: 'a', values: [1] }], { ...plain, width: 3 })).toThrow('terminalLinePlot: width must be an integer in [10, 1000], got 3');
  });
});

describe('terminalLossCurve', () => {
  it('plots train and validation on a log axis in ASCII and names the best epoch', () => {
    const train = [1, 0.3, 0.1, 0.05, 0.03, 0.02];
    const validation = [1.2, 0.4, 0.2, 0.15, 0.18, 0.25];
    expect(terminalLossCurve({ train, validation }, { ...plain, width: 24, height: 6, logScale: true })).toMatchInlineSnapshot(`
      "Training loss
        10 +
           |
         1 +ooooooo
       0.1 +   ****ooooooooooooooooo
           |            ************
      0.01 +
           +----+--------+---------+
                2        4         6
                     epoch
      * train   o validation
      best epoch 4: validation loss 0.15"
    `);
  });
});

describe('terminal colour from the environment', () => {
  const series = [{ label: 'a', values: [0, 1, 0.5] }];
  it('prints the plain ASCII plot when NO_COLOR is set, unless the color option says otherwise', () => {
    expect(terminalLinePlot(series, { env: { NO_COLOR: '1' } })).toBe(terminalLinePlot(series, { color: false }));
    expect(terminalLinePlot(series, { env: { NO_COLOR: '1' }, color: true })).toContain('\u001b[38;5;');
    expect(terminalLinePlot(series, { env: {} })).toContain('┤'); // colour on by default → Unicode box drawing
  });
});
