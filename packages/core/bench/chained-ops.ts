// tf.layers calls chained tensor methods (`x.flatten()`), which tfjs-core registers only from its
// ES module files — and those use directory imports that Node's ESM loader rejects, while the
// CommonJS bundle Node loads has none of them. This registers each chained op on the shared
// Tensor class from those files' own one-line bodies, binding their imports to tfjs-core's
// exports. Benchmark plumbing only (the tests get the same through vitest's resolver).

import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';

export function registerChainedOps(): number {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('@tensorflow/tfjs-core/package.json')), 'dist/public/chained_ops');
  const exported = tf as unknown as Record<string, unknown>;
  let registered = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js') && f !== 'register_all_chained_ops.js')) {
    const source = readFileSync(join(dir, file), 'utf8');
    const names: string[] = [];
    const values: unknown[] = [];
    let ok = true;
    for (const [, specs] of source.matchAll(/^import \{([^}]*)\} from '[^']*';$/gm)) {
      for (const spec of (specs as string).split(',').map((s) => s.trim()).filter(Boolean)) {
        const [name, alias = name] = spec.split(/\s+as\s+/) as [string, string?];
        const value = name === 'getGlobalTensorClass' ? () => tf.Tensor : exported[name];
        if (value === undefined) ok = false;
        names.push(alias);
        values.push(value);
      }
    }
    if (!ok) continue;
    const body = source.replace(/^import .*$/gm, '').replace(/^\/\/# sourceMappingURL.*$/gm, '');
    new Function(...names, body)(...values);
    registered++;
  }
  return registered;
}
