import { describe, expect, it } from 'vitest';
import { formatDuration } from './format-duration.js';
import { epochLine, formatLoss, progressBar } from './progress-line.js';

describe('formatDuration', () => {
  it('shows seconds, minutes with zero-padded seconds, hours with zero-padded minutes', () => {
    expect(formatDuration(42.4)).toBe('42s');
    expect(formatDuration(185)).toBe('3m05s');
    expect(formatDuration(3720)).toBe('1h02m');
    expect(formatDuration(Number.NaN)).toBe('?');
  });
});

describe('formatLoss', () => {
  it('keeps 4 significant digits, switching to exponent notation below 1e-3', () => {
    expect(formatLoss(0.0123)).toBe('0.01230');
    expect(formatLoss(1.23456)).toBe('1.235');
    expect(formatLoss(0.000012)).toBe('1.200e-5');
    expect(formatLoss(0)).toBe('0.000');
  });
});

describe('progressBar', () => {
  it('fills the bar in proportion to the batches done and shows epoch, loss and ETA', () => {
    const line = progressBar({ epoch: 2, epochs: 10, batch: 5, batches: 10, loss: 0.5, etaSeconds: 42 }, 200);
    expect(line).toBe(`epoch 2/10 [${'█'.repeat(10)}${'·'.repeat(10)}] 5/10 loss 0.5000 ETA 42s`);
  });

  it('leaves out what it does not know and is cut to the terminal width', () => {
    const line = progressBar({ epoch: 1, epochs: undefined, batch: 0, batches: 4, loss: undefined, etaSeconds: undefined }, 200, 4);
    expect(line).toBe('epoch 1 [····] 0/4');
    expect(progressBar({ epoch: 1, epochs: 3, batch: 1, batches: 4, loss: 1, etaSeconds: 1 }, 12)).toHaveLength(11);
  });
});

describe('epochLine', () => {
  it('lists the logs in order with the epoch time and ETA', () => {
    expect(epochLine({ epoch: 3, epochs: 20, logs: { loss: 0.0123, val_loss: 0.0145 }, seconds: 2.1, etaSeconds: 36 })).toBe(
      'epoch 3/20  loss 0.01230  val_loss 0.01450  2s  ETA 36s',
    );
  });
});
