import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { fraction, intPair, nameList, nonNegativeInt, positiveInt, positiveNumber } from './parse-option.js';

describe('option parsers', () => {
  it('accept well-formed values', () => {
    expect(positiveInt('20')).toBe(20);
    expect(nonNegativeInt('0')).toBe(0);
    expect(positiveNumber('1e-3')).toBe(0.001);
    expect(fraction('0.1')).toBe(0.1);
    expect(nameList('temp, humidity')).toEqual(['temp', 'humidity']);
    expect(intPair('20,40')).toEqual([20, 40]);
    expect(intPair('25')).toEqual([25, 25]);
  });

  it('reject malformed values with commander InvalidArgumentError naming the value', () => {
    const cases: [(v: string) => unknown, string, RegExp][] = [
      [positiveInt, '0', /positive integer, got "0"/],
      [positiveInt, '2.5', /positive integer, got "2.5"/],
      [positiveInt, 'ten', /positive integer, got "ten"/],
      [nonNegativeInt, '-1', /integer ≥ 0, got "-1"/],
      [positiveNumber, '-0.1', /number > 0, got "-0.1"/],
      [positiveNumber, '', /number > 0/],
      [fraction, '1', /fraction in \[0, 1\), got "1"/],
      [nameList, 'a,,b', /comma-separated list/],
      [intPair, '1,2,3', /k1,k2/],
      [intPair, '0,5', /k1,k2/],
    ];
    for (const [parse, value, message] of cases) {
      expect(() => parse(value)).toThrow(InvalidArgumentError);
      expect(() => parse(value)).toThrow(message);
    }
  });
});
