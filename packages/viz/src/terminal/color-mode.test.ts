import { describe, expect, it } from 'vitest';
import { ansi256Index, ansiColor, paint, resolveTerminal } from './color-mode.js';

describe('resolveTerminal', () => {
  it('turns colour off when NO_COLOR is set and non-empty, and falls back to ASCII', () => {
    expect(resolveTerminal('t', { env: { NO_COLOR: '1' } })).toEqual({ mode: 'none', ascii: true });
    expect(resolveTerminal('t', { env: { NO_COLOR: '' } })).toEqual({ mode: 'ansi256', ascii: false });
  });

  it('lets the color option override the environment', () => {
    expect(resolveTerminal('t', { color: true, env: { NO_COLOR: '1' } }).mode).toBe('ansi256');
    expect(resolveTerminal('t', { color: false, env: { COLORTERM: 'truecolor' } })).toEqual({ mode: 'none', ascii: true });
    expect(resolveTerminal('t', { color: 'truecolor', env: {} }).mode).toBe('truecolor');
    expect(resolveTerminal('t', { color: false, charset: 'unicode', env: {} })).toEqual({ mode: 'none', ascii: false });
  });

  it('uses 24-bit colour when COLORTERM says so', () => {
    expect(resolveTerminal('t', { env: { COLORTERM: 'truecolor' } }).mode).toBe('truecolor');
    expect(resolveTerminal('t', { env: { COLORTERM: '24bit' } }).mode).toBe('truecolor');
  });

  it('refuses unknown modes', () => {
    expect(() => resolveTerminal('terminalHeatmap', { color: 'yes' as never })).toThrow(`terminalHeatmap: color must be true, false, 'ansi256' or 'truecolor', got "yes"`);
  });
});

describe('ANSI colours', () => {
  it('maps RGB to the xterm 256-colour cube and grey ramp', () => {
    // xterm palette: 16 = black, 196 = #ff0000, 21 = #0000ff, 231 = white, 244 = #808080.
    expect(ansi256Index(0, 0, 0)).toBe(16);
    expect(ansi256Index(255, 0, 0)).toBe(196);
    expect(ansi256Index(0, 0, 255)).toBe(21);
    expect(ansi256Index(255, 255, 255)).toBe(231);
    expect(ansi256Index(128, 128, 128)).toBe(244);
  });

  it('writes SGR 38/48 escapes in 256-colour and 24-bit form, nothing without colour', () => {
    expect(ansiColor('#ff0000', 'ansi256', 'fg')).toBe('\u001b[38;5;196m');
    expect(ansiColor('#0a141e', 'truecolor', 'bg')).toBe('\u001b[48;2;10;20;30m');
    expect(paint('x', 'none', '#ff0000')).toBe('x');
    expect(paint('x', 'truecolor', '#ff0000')).toBe('\u001b[38;2;255;0;0mx\u001b[0m');
  });
});
