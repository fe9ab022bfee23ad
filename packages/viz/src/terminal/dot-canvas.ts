// A character grid addressed in sub-character dots: braille cells hold 2 × 4 dots
// (U+2800 + dot bits), half blocks 1 × 2 (▀ ▄ █), ASCII 1 × 1 (one mark per series).
// Lines between points are rasterised with Bresenham's algorithm.

/** How many dots one character holds, and how they become a character. */
export type DotMode = 'braille' | 'block' | 'ascii';

// Braille dot bits by (column, row) inside a cell: dots 1-2-3-7 left, 4-5-6-8 right.
const BRAILLE_BITS = [
  [0x01, 0x08],
  [0x02, 0x10],
  [0x04, 0x20],
  [0x40, 0x80],
] as const;

/** Dots per character in x and y for each mode. */
export const DOTS: Record<DotMode, { x: number; y: number }> = { braille: { x: 2, y: 4 }, block: { x: 1, y: 2 }, ascii: { x: 1, y: 1 } };

/** A `columns` × `rows` character canvas. */
export class DotCanvas {
  readonly columns: number;
  readonly rows: number;
  readonly mode: DotMode;
  private readonly bits: Uint8Array;
  private readonly owner: Int16Array;

  constructor(columns: number, rows: number, mode: DotMode) {
    this.columns = columns;
    this.rows = rows;
    this.mode = mode;
    this.bits = new Uint8Array(columns * rows);
    this.owner = new Int16Array(columns * rows).fill(-1);
  }

  /** Width and height in dots. */
  get size(): { x: number; y: number } {
    return { x: this.columns * DOTS[this.mode].x, y: this.rows * DOTS[this.mode].y };
  }

  /** Sets the dot (x, y) (0, 0 = top left) for series `series`; out-of-range dots are ignored. */
  set(x: number, y: number, series: number): void {
    const { x: dx, y: dy } = DOTS[this.mode];
    if (x < 0 || y < 0 || x >= this.columns * dx || y >= this.rows * dy) return;
    const cell = Math.floor(y / dy) * this.columns + Math.floor(x / dx);
    const bit = this.mode === 'braille' ? (BRAILLE_BITS[y % 4]?.[x % 2] ?? 0) : this.mode === 'block' ? (y % 2 === 0 ? 1 : 2) : 1;
    this.bits[cell] = (this.bits[cell] ?? 0) | bit;
    this.owner[cell] = series;
  }

  /** Sets the dots of the segment (x0, y0)–(x1, y1). */
  line(x0: number, y0: number, x1: number, y1: number, series: number): void {
    let [x, y] = [Math.round(x0), Math.round(y0)];
    const [tx, ty] = [Math.round(x1), Math.round(y1)];
    const dx = Math.abs(tx - x);
    const dy = -Math.abs(ty - y);
    const sx = x < tx ? 1 : -1;
    const sy = y < ty ? 1 : -1;
    let err = dx + dy;
    for (;;) {
      this.set(x, y, series);
      if (x === tx && y === ty) return;
      const e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        x += sx;
      }
      if (e2 <= dx) {
        err += dx;
        y += sy;
      }
    }
  }

  /** Character at (column, row) and the series that drew it last (-1 = empty). */
  cell(column: number, row: number, asciiMarks: readonly string[]): { char: string; series: number } {
    const i = row * this.columns + column;
    const bits = this.bits[i] ?? 0;
    const series = this.owner[i] ?? -1;
    if (bits === 0) return { char: ' ', series: -1 };
    if (this.mode === 'braille') return { char: String.fromCharCode(0x2800 + bits), series };
    if (this.mode === 'block') return { char: bits === 1 ? '▀' : bits === 2 ? '▄' : '█', series };
    return { char: asciiMarks[series % asciiMarks.length] ?? '*', series };
  }
}
