/* global console, process */
// Builds the optional native gemm (native/gemm.cc → native/build/Release/rnnkit_native.node) with
// node-gyp, against the headers of the Node running this script. Run at install (the package's
// `install` script) and by `pnpm build`. It never fails an install: without a C++ compiler,
// Node's headers or node-gyp, it says so in one line and rnnkit uses its WASM SIMD gemm.
// RNNKIT_NATIVE=0 skips the build; RNNKIT_NATIVE=require makes a failed build an error (CI).

import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const output = join(here, 'build', 'Release', 'rnnkit_native.node');
const mode = process.env.RNNKIT_NATIVE;
const skip = (why) => {
  if (mode === 'require') {
    console.error(`rnnkit native gemm: ${why}`);
    process.exit(1);
  }
  console.log(`rnnkit native gemm: not built (${why}); the WASM SIMD gemm will be used`);
  process.exit(0);
};

if (mode === '0') skip('RNNKIT_NATIVE=0');
const source = join(here, 'gemm.cc');
if (existsSync(output) && statSync(output).mtimeMs >= statSync(source).mtimeMs && process.argv[2] !== '--force') {
  console.log('rnnkit native gemm: up to date');
  process.exit(0);
}

/** node-gyp: the one on PATH (npm and pnpm put theirs there for install scripts), else npm's own copy. */
function nodeGyp() {
  const onPath = spawnSync('node-gyp', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
  if (onPath.status === 0) return { command: 'node-gyp', prefix: [] };
  const npmCopy = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (existsSync(npmCopy)) return { command: process.execPath, prefix: [npmCopy] };
  return null;
}

const gyp = nodeGyp();
if (!gyp) skip('node-gyp not found');
const args = [...gyp.prefix, 'rebuild', '--directory', here];
// Build against the running Node's own headers where they are installed, so nothing is downloaded.
const headers = join(dirname(process.execPath), '..');
if (!process.env.npm_config_nodedir && existsSync(join(headers, 'include', 'node', 'node_api.h'))) args.push(`--nodedir=${headers}`);
const run = spawnSync(gyp.command, args, { encoding: 'utf8', shell: process.platform === 'win32' && gyp.command === 'node-gyp' });
if (run.status !== 0) {
  const lines = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n');
  const error = lines.filter((l) => /error/i.test(l)).slice(0, 3).join(' | ') || lines.slice(-1)[0] || 'node-gyp failed';
  skip(error.slice(0, 300));
}
console.log('rnnkit native gemm: built');
