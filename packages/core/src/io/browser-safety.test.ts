// The model-file code ships in @rnnkit/core's main entry, which browsers load: no module under
// src/io may import a `node:` module statically (directory access imports it on first use), and
// the version written into files is package.json's.

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rnnkitVersion } from './rnnkit-version.js';

const here = dirname(fileURLToPath(import.meta.url));
const sources = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

describe('browser safety of src/io', () => {
  it.each(sources)('%s has no static import of a node: module or Node global at module level', (file) => {
    const text = readFileSync(join(here, file), 'utf8');
    const staticImports = [...text.matchAll(/^import\s+(?!type\b)[^;]*from\s+'([^']+)'/gm)].map((m) => m[1]);
    expect(staticImports.filter((s) => s?.startsWith('node:') || s === 'fs' || s === 'path')).toEqual([]);
    expect(text).not.toMatch(/^import type \* as \w+ from 'node:/m); // published typings need no @types/node
  });

  it('writes the version in package.json', () => {
    const pkg = JSON.parse(readFileSync(join(here, '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(rnnkitVersion).toBe(pkg.version);
  });
});
