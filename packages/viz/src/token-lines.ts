// Layout shared by the token strips: text split into code points, each paired with its
// value, wrapped at newlines and at `columns` characters.

import { checkInt, checkLength, checkSeries, describe } from './check.js';
import { VizError } from './viz-error.js';

/** One character with its value and index in the text. */
export interface TokenCell {
  char: string;
  value: number;
  index: number;
}

/** Checks text and values (one finite value per code point) and returns the code points. */
export function checkTokens(where: string, text: unknown, values: unknown): { chars: string[]; values: readonly number[] } {
  if (typeof text !== 'string') throw new VizError('INVALID_ARGUMENT', `${where}: text must be a string, got ${describe(text)}`);
  const chars = Array.from(text);
  if (chars.length === 0) throw new VizError('EMPTY_INPUT', `${where}: text is empty`);
  const checked = checkSeries(where, 'values', values);
  checkLength(where, 'values', checked.length, chars.length, 'text in code points');
  return { chars, values: checked };
}

/** Lines of cells: a newline ends its line (and stays as the line's last cell). */
export function tokenLines(where: string, chars: readonly string[], values: readonly number[], columns: number): TokenCell[][] {
  checkInt(where, 'columns', columns, 1);
  const lines: TokenCell[][] = [[]];
  chars.forEach((char, index) => {
    let line = lines[lines.length - 1] as TokenCell[];
    if (line.length >= columns) {
      line = [];
      lines.push(line);
    }
    line.push({ char, value: values[index] as number, index });
    if (char === '\n' && index < chars.length - 1) lines.push([]);
  });
  return lines;
}
