// Packs every publishable package (`pnpm pack`, which rewrites workspace: ranges), installs
// the tarballs into an empty project together with their peer dependencies from the npm
// registry, and runs the first ```js block of each package's README there as a user would.
// Usage: node scripts/pack-check.mjs [--keep]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const keep = process.argv.includes('--keep');
const work = mkdtempSync(join(tmpdir(), 'rnnkit-pack-'));
const tarballs = join(work, 'tarballs');
const project = join(work, 'project');

const packages = readdirSync(join(root, 'packages'))
  .map((name) => join(root, 'packages', name))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
  .filter(({ manifest }) => !manifest.private);

let failures = 0;
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

// Peer dependencies the examples need, at the versions the workspace pins.
const catalog = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
const pinned = (name) => {
  const m = catalog.match(new RegExp(`'${name.replace('/', '\\/')}': ([^\\s]+)`));
  return m ? `${name}@${m[1]}` : name;
};
const peers = new Set();
for (const { manifest } of packages) {
  for (const peer of Object.keys(manifest.peerDependencies ?? {})) {
    if (peer === '@tensorflow/tfjs-node' || peer === '@tensorflow/tfjs-backend-webgl') continue;
    peers.add(peer.startsWith('@tensorflow/') ? pinned(peer) : `${peer}@${manifest.peerDependencies[peer]}`);
  }
}

const files = [];
for (const { dir, manifest } of packages) {
  const out = run('pnpm', ['pack', '--pack-destination', tarballs], dir).trim().split('\n').pop();
  files.push(out.trim());
  console.log(`packed ${manifest.name}@${manifest.version}`);
}

run('mkdir', ['-p', project]);
writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'rnnkit-pack-check', private: true, type: 'module' }, null, 2));
console.log(`installing ${files.length} tarballs + ${[...peers].join(', ')}`);
const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files, ...peers], {
  cwd: project,
  stdio: 'inherit',
});
if (install.status !== 0) {
  console.error('npm install of the packed tarballs failed');
  process.exit(1);
}

for (const { dir, manifest } of packages) {
  const readme = join(dir, 'README.md');
  const text = existsSync(readme) ? readFileSync(readme, 'utf8') : '';
  const block = text.match(/```js\n([\s\S]*?)```/);
  if (!block) {
    console.error(`FAIL ${manifest.name}: README.md has no \`\`\`js example block`);
    failures += 1;
    continue;
  }
  const file = join(project, `example-${manifest.name.split('/').pop()}.mjs`);
  writeFileSync(file, block[1]);
  const result = spawnSync('node', [file], { cwd: project, encoding: 'utf8', timeout: 180_000, env: { ...process.env, NO_COLOR: '1' } });
  if (result.status === 0) {
    console.log(`ok   ${manifest.name}: README example ran (${result.stdout.split('\n').length - 1} lines of output)`);
  } else {
    failures += 1;
    console.error(`FAIL ${manifest.name}: README example exited ${result.status}\n${result.stdout}\n${result.stderr}`);
  }
}

// npm ran @rnnkit/core's install step: where CI requires it (RNNKIT_NATIVE=require), the native
// gemm must have been built from the tarball and be what the fused kernels use.
if (process.env.RNNKIT_NATIVE === 'require') {
  const probe = spawnSync('node', ['--input-type=module', '-e', "import('@rnnkit/core').then((c) => console.log(c.fusedBackend(), c.nativeGemmUnavailableReason()))"], { cwd: project, encoding: 'utf8' });
  if (probe.stdout.trim() === 'native null') console.log('ok   @rnnkit/core: the install step built the native gemm, and it is in use');
  else {
    failures += 1;
    console.error(`FAIL @rnnkit/core: the installed package does not use the native gemm: ${probe.stdout.trim()} ${probe.stderr.trim()}`);
  }
}

if (!keep) rmSync(work, { recursive: true, force: true });
else console.log(`kept ${work}`);
if (failures > 0) {
  console.error(`${failures} package(s) failed the pack check`);
  process.exit(1);
}
console.log(`all ${packages.length} packages install from their tarballs and run their README example`);
