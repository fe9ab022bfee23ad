import { RnnkitError } from '@rnnkit/core';
import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error.js';
import { describeError, inContext } from './describe-error.js';
import { EXIT, exitKindOf, kindOfRnnkitCode } from './exit-codes.js';

describe('exit codes', () => {
  it('are the documented numbers', () => {
    expect(EXIT).toEqual({ ok: 0, other: 1, usage: 2, data: 3, model: 4, interrupted: 130 });
  });

  it('map RnnkitError codes by what the user has to fix', () => {
    expect(kindOfRnnkitCode('INVALID_ARGUMENT')).toBe('usage');
    for (const code of ['PARSE_ERROR', 'MISSING_VALUE', 'EMPTY_INPUT', 'NON_FINITE']) expect(kindOfRnnkitCode(code)).toBe('data');
    for (const code of ['CORRUPT_FILE', 'UNSUPPORTED', 'SHAPE_MISMATCH']) expect(kindOfRnnkitCode(code)).toBe('model');
    expect(kindOfRnnkitCode('ABORTED')).toBe('interrupted');
    expect(kindOfRnnkitCode('SOMETHING_NEW')).toBe('other');
    expect(exitKindOf(new Error('x'))).toBe('other');
  });
});

describe('describeError', () => {
  it('prints a CliError as one line with its hint', () => {
    expect(describeError(new CliError('data', 'data.csv does not exist', 'check the path'))).toEqual({
      kind: 'data',
      line: 'rnnkit: data.csv does not exist; check the path',
    });
  });

  it('drops the API function name of a package error and adds the hint of its code', () => {
    const error = new RnnkitError('MISSING_VALUE', 'parseCsvSeries: line 4, column "Temp" (index 1): missing value');
    expect(describeError(error)).toEqual({
      kind: 'data',
      line: 'rnnkit: line 4, column "Temp" (index 1): missing value; fill the gap in the file, or pass --missing drop, ffill or interpolate',
    });
  });

  it('keeps a multi-line message on one line and names unexpected errors as such', () => {
    expect(describeError(new Error('boom\n  at somewhere')).line).toBe('rnnkit: unexpected error: boom at somewhere; rerun with --debug for the stack trace');
    const enoent = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT', path: '/x/y' });
    expect(describeError(enoent)).toEqual({ kind: 'other', line: 'rnnkit: /x/y: no such file or directory; check the path and its permissions' });
    expect(describeError(new Error("Kernel 'UnsortedSegmentSum' not registered for backend 'wasm'")).line).toBe(
      'rnnkit: the wasm backend lacks the UnsortedSegmentSum operation this model needs; pass --backend cpu',
    );
  });
});

describe('inContext', () => {
  it('rethrows a package error as a CliError that starts with where it happened', async () => {
    const failing = inContext('temps.csv', () => {
      throw new RnnkitError('INVALID_ARGUMENT', 'parseCsvSeries: no column named "Tmp"; the columns are "Date", "Temp"');
    }, { INVALID_ARGUMENT: 'pass one of them to --column' });
    await expect(failing).rejects.toMatchObject({
      kind: 'usage',
      message: 'temps.csv: no column named "Tmp"; the columns are "Date", "Temp"',
      hint: 'pass one of them to --column',
    });
  });

  it('lets other errors and results through unchanged', async () => {
    await expect(inContext('x', () => 42)).resolves.toBe(42);
    const plain = new TypeError('nope');
    await expect(inContext('x', () => Promise.reject(plain))).rejects.toBe(plain);
  });
});
