// nodeFs: node:fs/promises in Node; outside Node a clear UNSUPPORTED error, not a crash.

import { isRnnkitError } from '@rnnkit/core';
import * as fsPromises from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nodeFs } from './node-fs.js';

describe('nodeFs', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("is Node's own node:fs/promises", () => {
    expect(nodeFs('test').readFile).toBe(fsPromises.readFile);
  });

  it('refuses with UNSUPPORTED naming the caller where the runtime has no getBuiltinModule (a browser)', () => {
    vi.stubGlobal('process', { ...process, getBuiltinModule: undefined });
    let error: unknown = null;
    try {
      nodeFs('loadCheckpoint');
    } catch (e) {
      error = e;
    }
    expect(isRnnkitError(error, 'UNSUPPORTED')).toBe(true);
    expect((error as Error).message).toBe('loadCheckpoint: files need Node.js (≥ 20.16); this runtime has no node:fs');
  });
});
