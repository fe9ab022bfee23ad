// node:fs/promises reached through process.getBuiltinModule (Node ≥ 20.16), not an import: a
// bundler building for the browser sees no `node:` specifier to externalise or warn about, and
// the package stays loadable where no file system exists. A file operation there is a clear error.

import type * as Fs from 'node:fs/promises';
import { RnnkitError } from '@rnnkit/core';

/** node:fs/promises, or an UNSUPPORTED RnnkitError naming `where` outside Node. */
export function nodeFs(where: string): typeof Fs {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = typeof proc?.getBuiltinModule === 'function' ? (proc.getBuiltinModule('node:fs/promises') as typeof Fs | undefined) : undefined;
  if (!fs) throw new RnnkitError('UNSUPPORTED', `${where}: files need Node.js (≥ 20.16); this runtime has no node:fs`);
  return fs;
}
