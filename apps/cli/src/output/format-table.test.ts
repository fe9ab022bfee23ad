import { describe, expect, it } from 'vitest';
import { formatTable } from './format-table.js';

describe('formatTable', () => {
  it('pads text columns on the right and numeric columns on the left, under a rule', () => {
    const table = formatTable(['model', 'RMSE (°C)'], [
      ['persistence', '2.571'],
      ['LSTM', '12.19'],
    ]);
    expect(table.split('\n')).toEqual(['model        RMSE (°C)', '-----------  ---------', 'persistence      2.571', 'LSTM             12.19']);
  });
});
