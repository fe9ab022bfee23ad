// Tests run in file order: the first one needs the wasm backend not yet registered.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lstmCell } from '../cells/lstm-cell.js';
import { RnnkitError } from '../errors.js';
import { createRng } from '../rng.js';
import { initBackend } from './init-backend.js';

const refuseImports = (specifier: string): Promise<unknown> => Promise.reject(new Error(`Cannot find package '${specifier}'`));

/** One LSTM step on the active backend, from fixed values; returns h as numbers. */
function lstmStepValues(): number[] {
  const cell = lstmCell({ units: 6, inputSize: 3 });
  const rng = createRng(12);
  return tf.tidy(() => {
    const p = cell.initParams(rng);
    const x = tf.tensor2d(Array.from({ length: 6 }, () => rng.normal()), [2, 3]);
    const state = [0, 1].map(() => tf.tensor2d(Array.from({ length: 12 }, () => rng.normal()), [2, 6]));
    return Array.from(cell.step(p, x, state).output.dataSync());
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('initBackend', () => {
  it('in Node falls back to cpu when neither tfjs-node nor the wasm backend can be loaded', async () => {
    const info = await initBackend({ environment: 'node', env: {}, importModule: refuseImports });
    expect(info.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(info.forced).toBe(false);
    expect(info.skipped.map((s) => s.name)).toEqual(['tensorflow', 'wasm']);
    expect(info.skipped[1]!.reason).toMatch(/@tensorflow\/tfjs-backend-wasm could not be imported \(Cannot find package/);
  });

  it('in Node picks wasm when @tensorflow/tfjs-backend-wasm is installed, loading its binary without the network', async () => {
    const cpuValues = lstmStepValues();
    const fetchSpy = vi.fn(() => Promise.reject(new Error('network used')));
    vi.stubGlobal('fetch', fetchSpy);
    const info = await initBackend({ env: {} });
    expect(info).toMatchObject({ name: 'wasm', environment: 'node', forced: false });
    expect(info.skipped.map((s) => s.name)).toEqual(['tensorflow']); // tfjs-node is not installed here
    expect(tf.getBackend()).toBe('wasm');
    expect(fetchSpy).not.toHaveBeenCalled();
    // The cells compute the same numbers on wasm as on cpu.
    const before = tf.memory().numTensors;
    const wasmValues = lstmStepValues();
    expect(tf.memory().numTensors).toBe(before);
    expect(Math.max(...wasmValues.map((v, i) => Math.abs(v - cpuValues[i]!)))).toBeLessThanOrEqual(1e-5);
    expect(Math.max(...wasmValues.map(Math.abs))).toBeGreaterThan(0.01);
  });

  it('lets the user force a backend by option or by RNNKIT_BACKEND', async () => {
    expect(await initBackend({ backend: 'cpu' })).toEqual({ name: 'cpu', environment: 'node', forced: true, skipped: [] });
    expect(tf.getBackend()).toBe('cpu');
    expect(await initBackend({ env: { RNNKIT_BACKEND: 'wasm' } })).toMatchObject({ name: 'wasm', forced: true });
    // The option wins over the environment variable; 'auto' defers to it.
    expect(await initBackend({ backend: 'cpu', env: { RNNKIT_BACKEND: 'wasm' } })).toMatchObject({ name: 'cpu', forced: true });
    expect(await initBackend({ backend: 'auto', env: { RNNKIT_BACKEND: 'wasm' } })).toMatchObject({ name: 'wasm', forced: true });
  });

  it('in a browser tries webgl first, then wasm', async () => {
    const info = await initBackend({ environment: 'browser', importModule: refuseImports });
    expect(info.name).toBe('wasm');
    expect(info.skipped.map((s) => s.name)).toEqual(['webgl']);
    expect(info.skipped[0]!.reason).toMatch(/tfjs-backend-webgl could not be imported/);
  });

  it('fails with BACKEND_UNAVAILABLE, naming the backend and why, when a forced backend cannot run', async () => {
    const attempt = initBackend({ backend: 'webgl' });
    await expect(attempt).rejects.toBeInstanceOf(RnnkitError);
    await expect(attempt).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    await expect(attempt).rejects.toThrow(
      /^initBackend: backend 'webgl' \(from option backend\) is not available in node: @tensorflow\/tfjs-backend-webgl could not be imported .*; install @tensorflow\/tfjs-backend-webgl or choose another backend$/,
    );
    // The backend in use before stays in use.
    expect(tf.getBackend()).toBe('wasm');
  });

  it('fails with BACKEND_UNAVAILABLE listing every reason when nothing in the order can run', async () => {
    const attempt = initBackend({ order: ['webgpu', 'tensorflow'], env: {}, importModule: refuseImports });
    await expect(attempt).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    await expect(attempt).rejects.toThrow(/no tfjs backend could be initialized in node: webgpu: .*tfjs-backend-webgpu.*; tensorflow: .*tfjs-node/);
  });

  it('rejects an unknown backend name with INVALID_ARGUMENT, from the option or RNNKIT_BACKEND', async () => {
    await expect(initBackend({ backend: 'gpu' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(initBackend({ env: { RNNKIT_BACKEND: 'gpu' } })).rejects.toThrow(/unknown backend 'gpu' \(from RNNKIT_BACKEND\); expected one of tensorflow, webgl, wasm, cpu, webgpu/);
  });
});
