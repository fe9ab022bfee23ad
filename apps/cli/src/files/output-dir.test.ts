import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isCliError } from '../cli-error.js';
import { discardStagedSync, stageOutputDir, writeFileAtomic } from './output-dir.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'rnnkit-outdir-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('stageOutputDir', () => {
  it('writes into a hidden staging directory and moves it into place on commit', async () => {
    const target = join(root, 'out');
    const staged = await stageOutputDir(target);
    await writeFile(join(staged.path, 'a.txt'), 'A');
    expect(await readdir(root)).toEqual([expect.stringMatching(/^\.out\.tmp-/)]);
    await staged.commit();
    await staged.discard();
    expect(await readdir(root)).toEqual(['out']);
    expect(await readFile(join(target, 'a.txt'), 'utf8')).toBe('A');
  });

  it('leaves nothing behind when discarded before commit', async () => {
    const staged = await stageOutputDir(join(root, 'out'));
    await writeFile(join(staged.path, 'a.txt'), 'A');
    await staged.discard();
    expect(await readdir(root)).toEqual([]);
  });

  it('refuses an existing directory without force (usage error) and replaces it with force', async () => {
    const target = join(root, 'out');
    await mkdir(target);
    await writeFile(join(target, 'old.txt'), 'old');
    const refusal = await stageOutputDir(target).catch((e: unknown) => e);
    expect(isCliError(refusal) && refusal.kind).toBe('usage');
    expect((refusal as Error).message).toBe(`--out ${target} already exists`);
    const staged = await stageOutputDir(target, { force: true });
    await writeFile(join(staged.path, 'new.txt'), 'new');
    await staged.commit();
    expect(await readdir(target)).toEqual(['new.txt']);
    expect(await readdir(root)).toEqual(['out']);
  });

  it('replaces without force a directory holding its marker file, and writes the marker', async () => {
    const target = join(root, 'demo');
    const first = await stageOutputDir(target, { marker: '.rnnkit-demo', markerContents: '{"v":1}' });
    await first.commit();
    expect(await readFile(join(target, '.rnnkit-demo'), 'utf8')).toBe('{"v":1}');
    const second = await stageOutputDir(target, { marker: '.rnnkit-demo' });
    await writeFile(join(second.path, 'b.txt'), 'B');
    await second.commit();
    expect((await readdir(target)).sort()).toEqual(['.rnnkit-demo', 'b.txt']);
  });

  it('refuses a target that is a file, even with force', async () => {
    const target = join(root, 'file');
    await writeFile(target, 'x');
    await expect(stageOutputDir(target, { force: true })).rejects.toThrow(`--out ${target} exists and is not a directory`);
  });
});

describe('discardStagedSync', () => {
  it('removes the staging directories still open (a forced exit), and only those', async () => {
    const done = await stageOutputDir(join(root, 'done'));
    await done.commit();
    await stageOutputDir(join(root, 'a'));
    await stageOutputDir(join(root, 'b'));
    expect(await readdir(root)).toHaveLength(3);
    discardStagedSync();
    expect(await readdir(root)).toEqual(['done']);
  });
});

describe('writeFileAtomic', () => {
  it('creates the parent directory and leaves only the final file', async () => {
    const path = join(root, 'sub', 'f.csv');
    await writeFileAtomic(path, 'a,b\n');
    expect(await readFile(path, 'utf8')).toBe('a,b\n');
    expect(await readdir(join(root, 'sub'))).toEqual(['f.csv']);
  });
});
