import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkpointDirFor, closeCheckpointDir, dropEmptyCheckpointDir, openCheckpointDir, readCheckpointDir, resumedSettings } from './checkpoint-dir.js';
import type { RunRecord } from './checkpoint-dir.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'rnnkit-ckpt-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const record: RunRecord = { format: 'rnnkit-cli-run', version: 1, command: 'forecast', settings: { units: 8, dateColumn: null }, dataSha256: 'abc' };

describe('checkpoint directories', () => {
  it('sit beside the output directory', () => {
    expect(checkpointDirFor('out/model/')).toBe('out/model-checkpoint');
  });

  it('record the run, are read back for the same command once a checkpoint exists, and are removed when done', async () => {
    const dir = join(root, 'model-checkpoint');
    await openCheckpointDir(dir, record, { resuming: false });
    expect(JSON.parse(await readFile(join(dir, 'rnnkit-run.json'), 'utf8'))).toEqual(record);
    await expect(readCheckpointDir(dir, 'forecast')).rejects.toThrow('holds no checkpoint: the run stopped before it wrote one');
    await writeFile(join(dir, 'checkpoint.json'), '{}');
    await expect(readCheckpointDir(dir, 'forecast')).resolves.toEqual(record);
    await expect(readCheckpointDir(dir, 'demo')).rejects.toMatchObject({ kind: 'model', message: `--resume ${dir} holds a checkpoint of \`rnnkit forecast\`, not of \`rnnkit demo\`` });
    await expect(openCheckpointDir(dir, record, { resuming: true })).resolves.toBe(false);
    await expect(readCheckpointDir(dir, 'forecast')).resolves.toEqual(record);
    await closeCheckpointDir(dir);
    await expect(readCheckpointDir(dir, 'forecast')).rejects.toThrow('does not exist');
  });

  it('start a new run clean: an earlier checkpoint is dropped, and an empty directory removed on failure', async () => {
    const dir = join(root, 'model-checkpoint');
    await openCheckpointDir(dir, record, { resuming: false });
    await writeFile(join(dir, 'checkpoint.json'), '{}');
    await expect(openCheckpointDir(dir, record, { resuming: false })).resolves.toBe(true);
    await dropEmptyCheckpointDir(dir);
    await expect(readdir(root)).resolves.toEqual([]);
  });

  it('refuse to take over a directory that is not one', async () => {
    const dir = join(root, 'mine');
    await mkdir(dir);
    await expect(openCheckpointDir(dir, record, { resuming: false })).rejects.toMatchObject({ kind: 'usage' });
    await expect(readCheckpointDir(dir, 'forecast')).rejects.toMatchObject({ kind: 'model' });
  });
});

describe('resumedSettings', () => {
  it('takes the saved settings (null back to unset) and lets only the overridable ones change', () => {
    const given = { units: 8, dateColumn: 'Date' as string | undefined, epochs: 9, out: 'x' };
    expect(resumedSettings({ units: 8, dateColumn: null, epochs: 200 }, given, ['epochs'], ['epochs'])).toEqual({ units: 8, dateColumn: undefined, epochs: 9, out: 'x' });
    expect(resumedSettings({ units: 8, epochs: 200 }, given, [], ['epochs']).epochs).toBe(200);
  });

  it('refuses an explicit option that differs from the checkpoint, naming both values', () => {
    expect(() => resumedSettings({ units: 6, batchSize: 16 }, { units: 12, batchSize: 32 }, ['units', 'batchSize'])).toThrow(
      '--resume continues the saved run, but --units 12 (checkpoint: 6), --batch-size 32 (checkpoint: 16) differ from it',
    );
  });
});
