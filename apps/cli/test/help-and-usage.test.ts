// The built binary's help, version and usage errors (exit 2), without training anything.

import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorLine, runCli, tempDir } from './cli-harness.js';

let dir: { path: string; remove: () => Promise<void> };
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await dir.remove();
});

describe('rnnkit --help', () => {
  it('lists every command, examples and the exit codes, on stdout with exit 0', async () => {
    const run = await runCli(['--help'], { cwd: dir.path });
    expect(run.code).toBe(0);
    for (const command of ['demo', 'forecast', 'predict', 'text', 'inspect']) expect(run.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain('$ rnnkit demo');
    expect(run.stdout).toMatch(/^ {2}2 {4}usage/m);
    expect(run.stdout).toMatch(/^ {2}3 {4}data/m);
    expect(run.stdout).toMatch(/^ {2}4 {4}model/m);
    expect(run.stdout).toMatch(/^ {2}130 {2}interrupted/m);
    expect(run.stderr).toBe('');
  });

  it('gives every command its own help with examples and the global options', async () => {
    const commands = [['demo'], ['forecast'], ['predict'], ['text', 'train'], ['text', 'sample'], ['inspect']];
    const runs = await Promise.all(commands.map((c) => runCli([...c, '--help'], { cwd: dir.path })));
    runs.forEach((run, i) => {
      const name = (commands[i] as string[]).join(' ');
      expect(run.code, name).toBe(0);
      expect(run.stdout, name).toContain(`Usage: rnnkit ${name}`);
      expect(run.stdout, name).toContain('Examples:');
      expect(run.stdout, name).toContain(`$ rnnkit ${name}`);
      expect(run.stdout, name).toContain('--json');
      expect(run.stdout, name).toContain('--backend <name>');
    });
  });

  it('prints the version of the package', async () => {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    const run = await runCli(['--version'], { cwd: dir.path });
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });
});

describe('usage errors exit with 2 and say what to fix', () => {
  it('no command: the help on stderr', async () => {
    const run = await runCli([], { cwd: dir.path });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Usage: rnnkit');
  });

  it('an unknown option, a bad number and a bad choice name the option', async () => {
    const [unknown, badNumber, badChoice] = await Promise.all([
      runCli(['forecast', 'x.csv', '--bogus'], { cwd: dir.path }),
      runCli(['forecast', 'x.csv', '--epochs', '0'], { cwd: dir.path }),
      runCli(['forecast', 'x.csv', '--cell', 'lstmm'], { cwd: dir.path }),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--bogus'");
    expect(badNumber.code).toBe(2);
    expect(badNumber.stderr).toContain("option '--epochs <n>' argument '0' is invalid");
    expect(badNumber.stderr).toContain('must be a positive integer');
    expect(badChoice.code).toBe(2);
    expect(badChoice.stderr).toContain("Allowed choices are rnn, lstm, gru");
    for (const run of [unknown, badNumber, badChoice]) expect(run.stdout).toBe('');
  });

  it('a malformed RNNKIT_DEMO_EPOCHS is a usage error naming the variable', async () => {
    const run = await runCli(['demo'], { cwd: dir.path, env: { RNNKIT_DEMO_EPOCHS: 'lots' } });
    expect(run.code).toBe(2);
    expect(errorLine(run)).toBe('rnnkit: RNNKIT_DEMO_EPOCHS is "lots", not a positive integer; set it to a number of epochs such as 2, or unset it');
  });
});
