import { describe, expect, it } from 'vitest';
import { DotCanvas } from './dot-canvas.js';

describe('DotCanvas', () => {
  it('sets braille dots per the Unicode layout (dot 1 = U+2801, dot 8 = U+2880)', () => {
    const canvas = new DotCanvas(1, 1, 'braille');
    canvas.set(0, 0, 0);
    expect(canvas.cell(0, 0, []).char).toBe('⠁');
    canvas.set(1, 3, 0);
    expect(canvas.cell(0, 0, []).char).toBe(String.fromCharCode(0x2881));
    const full = new DotCanvas(1, 1, 'braille');
    for (let x = 0; x < 2; x++) for (let y = 0; y < 4; y++) full.set(x, y, 0);
    expect(full.cell(0, 0, []).char).toBe('⣿');
  });

  it('uses upper, lower and full half blocks in block mode', () => {
    const canvas = new DotCanvas(3, 1, 'block');
    canvas.set(0, 0, 0);
    canvas.set(1, 1, 0);
    canvas.set(2, 0, 0);
    canvas.set(2, 1, 0);
    expect([0, 1, 2].map((c) => canvas.cell(c, 0, []).char).join('')).toBe('▀▄█');
  });

  it('rasterises a diagonal with one dot per column (Bresenham) and remembers the series', () => {
    const canvas = new DotCanvas(4, 4, 'ascii');
    canvas.line(0, 3, 3, 0, 1);
    const rows = [0, 1, 2, 3].map((r) => [0, 1, 2, 3].map((c) => canvas.cell(c, r, ['*', 'o']).char).join(''));
    expect(rows).toEqual(['   o', '  o ', ' o  ', 'o   ']);
    expect(canvas.cell(3, 0, []).series).toBe(1);
  });
});
