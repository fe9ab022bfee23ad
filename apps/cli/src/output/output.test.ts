import { describe, expect, it } from 'vitest';
import { createOutput } from './output.js';
import type { OutputStream } from './output.js';
import { trainingProgress } from './training-progress.js';

function sink(isTTY = false): OutputStream & { text: () => string } {
  const chunks: string[] = [];
  return { isTTY, columns: 100, write: (chunk: unknown) => (chunks.push(String(chunk)), true), text: () => chunks.join('') };
}

describe('createOutput', () => {
  it('prints results on stdout and status on stderr by default', () => {
    const [stdout, stderr] = [sink(), sink()];
    const out = createOutput({ stdout, stderr });
    out.data('table');
    out.print('plot');
    out.status('loading');
    out.result({ a: 1 });
    expect(stdout.text()).toBe('table\nplot\n');
    expect(stderr.text()).toBe('loading\n');
  });

  it('under --json writes only the JSON document on stdout (non-finite numbers as null, typed arrays as arrays)', () => {
    const [stdout, stderr] = [sink(), sink()];
    const out = createOutput({ json: true, stdout, stderr });
    out.data('table');
    out.print('plot');
    out.status('loading');
    out.result({ rmse: Number.NaN, values: Float32Array.of(1, 2) });
    expect(JSON.parse(stdout.text())).toEqual({ rmse: null, values: [1, 2] });
    expect(stderr.text()).toBe('loading\n');
  });

  it('under --quiet keeps only the result itself and warnings', () => {
    const [stdout, stderr] = [sink(), sink()];
    const out = createOutput({ quiet: true, stdout, stderr });
    out.data('table');
    out.print('plot');
    out.status('loading');
    out.warn('careful');
    expect(stdout.text()).toBe('table\n');
    expect(stderr.text()).toBe('warning: careful\n');
  });
});

describe('trainingProgress', () => {
  it('on a terminal redraws one bar in place and prints a line per epoch', () => {
    const [stdout, stderr] = [sink(), sink(true)];
    let clock = 0;
    const progress = trainingProgress(createOutput({ stdout, stderr }), { epochs: 2, batches: 2, redrawMs: 0, now: () => clock });
    clock = 1000;
    progress.batch(1, 1, 0.5);
    clock = 2000;
    progress.batch(1, 2, 0.25);
    progress.epoch(1, { loss: 0.25 });
    progress.finish();
    const text = stderr.text();
    expect(text).toContain('training: 2 epoch(s) of 2 batch(es)\n');
    // 1 of 4 batches in 1 s → 3 s left; 2 of 4 in 2 s → 2 s left.
    expect(text).toContain(`\r\x1b[2Kepoch 1/2 [${'█'.repeat(10)}${'·'.repeat(10)}] 1/2 loss 0.5000 ETA 3s`);
    // The bar shows the epoch's running mean loss: (0.5 + 0.25) / 2.
    expect(text).toContain(`\r\x1b[2Kepoch 1/2 [${'█'.repeat(20)}] 2/2 loss 0.3750 ETA 2s`);
    expect(text).toContain('\r\x1b[2Kepoch 1/2  loss 0.2500  2s  ETA 2s\n');
  });

  it('after a mid-epoch resume, estimates from the batches this run trained', () => {
    const [stdout, stderr] = [sink(), sink(true)];
    let clock = 0;
    // Resumed after 3 of epoch 2's 4 batches: this run trains 1 + 4 = 5 batches.
    const progress = trainingProgress(createOutput({ stdout, stderr }), { epochs: 3, batches: 4, startEpoch: 1, startBatch: 3, redrawMs: 0, now: () => clock });
    clock = 1000;
    progress.batch(2, 4, 0.5);
    progress.finish();
    // 1 batch in 1 s, 4 left → 4 s (counting from the epoch's start would say 1 s).
    expect(stderr.text()).toContain('loss 0.5000 ETA 4s');
  });

  it('elsewhere prints only plain per-epoch lines, with no control characters', () => {
    const [stdout, stderr] = [sink(), sink(false)];
    const progress = trainingProgress(createOutput({ stdout, stderr }), { epochs: 3, batches: 5, startEpoch: 1, now: () => 0 });
    progress.batch(2, 1, 0.5);
    progress.epoch(2, { loss: 0.5, val_loss: 0.6 });
    progress.finish();
    expect(stderr.text()).toBe('training: 2 epoch(s) of 5 batch(es)\nepoch 2/3  loss 0.5000  val_loss 0.6000  0s\n');
  });

  it('without epoch lines, a side job shows only its header and (on a terminal) its bar', () => {
    const [stdout, stderr] = [sink(), sink(false)];
    const progress = trainingProgress(createOutput({ stdout, stderr }), { epochs: 2, batches: 1, label: 'training the MLP', epochLines: false, now: () => 0 });
    progress.batch(1, 1, 0.5);
    progress.epoch(1, { loss: 0.5 });
    progress.finish();
    expect(stderr.text()).toBe('training the MLP: 2 epoch(s) of 1 batch(es)\n');
  });

  it('draws nothing under --quiet', () => {
    const [stdout, stderr] = [sink(), sink(true)];
    const progress = trainingProgress(createOutput({ quiet: true, stdout, stderr }), { epochs: 1, batches: 1, redrawMs: 0 });
    progress.batch(1, 1, 0.5);
    progress.epoch(1, { loss: 0.5 });
    progress.finish();
    expect(stderr.text()).toBe('');
  });
});
