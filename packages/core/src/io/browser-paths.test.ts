// In a browser (simulated: the runtime check says "not Node") a plain string is a URL relative to
// the page for loading, as in tf.loadLayersModel, and the file system is refused clearly.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { isRnnkitError } from '../errors.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { fakeServer } from './__fixtures__/fake-server.js';
import { fixtureRoot } from './__fixtures__/fixture-files.js';
import { loadModel } from './load-model.js';
import { nodeModules } from './node-modules.js';
import type * as NodeModulesModule from './node-modules.js';

vi.mock('./node-modules.js', async (importOriginal) => ({ ...(await importOriginal<typeof NodeModulesModule>()), isNodeRuntime: () => false }));

beforeAll(useCpuBackend);

describe('plain strings in a browser', () => {
  it('loadModel fetches a relative model.json and the shards beside it', async () => {
    const dir = join(fixtureRoot, 'lstm-dense');
    const server = fakeServer({ 'models/lstm/model.json': readFileSync(join(dir, 'model.json'), 'utf8'), 'models/lstm/group1-shard1of1.bin': new Uint8Array(readFileSync(join(dir, 'group1-shard1of1.bin'))) });
    const { model } = await loadModel('models/lstm/model.json', { fetchFunc: server.fetch });
    expect(server.requests).toEqual(['models/lstm/model.json', 'models/lstm/group1-shard1of1.bin']);
    expect(model.countParams()).toBe(3 * 16 + 4 * 16 + 16 + 4 * 2 + 2);
    model.dispose();
  });

  it('directory access outside Node is UNSUPPORTED, pointing to URLs and IndexedDB', async () => {
    const error = await nodeModules('saveModel', undefined, false).catch((e: unknown) => e);
    expect(isRnnkitError(error, 'UNSUPPORTED')).toBe(true);
    expect((error as Error).message).toBe("saveModel: a directory path needs Node.js; in a browser pass a URL, 'indexeddb://name' or an IOHandler");
  });
});
