import { describe, expect, it } from 'vitest';
import { isRnnkitError } from '../errors.js';
import { checkJsonTree, parseJsonSafely } from './json-guard.js';

function refusal(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (isRnnkitError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parseJsonSafely', () => {
  it('returns the parsed value of valid JSON', () => {
    expect(parseJsonSafely('{"a":[1,2,{"b":null}],"c":"x"}', 'model.json')).toEqual({ a: [1, 2, { b: null }], c: 'x' });
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s anywhere, naming where it is', (key) => {
    const text = `{"modelTopology":{"config":{"layers":[{"${key}":{"polluted":true}}]}}}`;
    const error = refusal(() => parseJsonSafely(text, 'model.json'));
    expect(error.code).toBe('CORRUPT_FILE');
    expect(error.message).toContain(`'${key}'`);
    expect(error.message).toContain('.modelTopology.config.layers[0]');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses invalid JSON with CORRUPT_FILE instead of a SyntaxError', () => {
    expect(refusal(() => parseJsonSafely('{"a":', 'model.json')).code).toBe('CORRUPT_FILE');
  });

  it('refuses nesting bombs without overflowing the stack', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const error = refusal(() => parseJsonSafely(deep, 'model.json'));
    expect(error.code).toBe('CORRUPT_FILE');
    const nested = `${'{"a":'.repeat(65)}1${'}'.repeat(65)}`;
    expect(refusal(() => parseJsonSafely(nested, 'model.json')).message).toContain('deeper than 64');
  });
});

describe('checkJsonTree', () => {
  it('refuses cycles, functions and non-finite numbers in objects handed over by an IOHandler', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(refusal(() => checkJsonTree(cyclic, 'artifacts')).code).toBe('CORRUPT_FILE');
    expect(refusal(() => checkJsonTree({ f: () => 1 }, 'artifacts')).message).toContain('function');
    expect(refusal(() => checkJsonTree({ x: [Number.NaN] }, 'artifacts')).message).toContain('.x[0]');
  });
});
