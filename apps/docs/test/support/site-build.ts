// Builds the site unless `.vitepress/dist` is newer than everything it is built from.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The docs app's folder. */
export const docsRoot = join(import.meta.dirname, '..', '..');
/** Where `vitepress build` writes the site. */
export const distDir = join(docsRoot, '.vitepress', 'dist');

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist' || entry === 'cache' || entry === '.turbo') continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

/** Inputs of the site: its pages, components, config, public files and the packages' sources. */
function newestInput(): number {
  const docs = ['index.md', 'lecture', 'guides', 'src', 'public', '.vitepress/config.mts', '.vitepress/theme', 'package.json'];
  const packages = ['core', 'data', 'train', 'viz'].flatMap((name) => [`../../packages/${name}/src`, `../../packages/${name}/datasets`]);
  return Math.max(...[...docs, ...packages].map((path) => newest(join(docsRoot, path))));
}

/**
 * Build the site if it is missing or older than its inputs; returns whether it built.
 * `DOCS_REUSE=1` uses an existing build as it is; `DOCS_REBUILD=1` always builds.
 */
export function buildSiteIfNeeded(): boolean {
  const index = join(distDir, 'index.html');
  if (existsSync(index) && process.env.DOCS_REUSE === '1') return false;
  if (existsSync(index) && statSync(index).mtimeMs >= newestInput() && process.env.DOCS_REBUILD !== '1') return false;
  execFileSync('pnpm', ['run', 'build'], { cwd: docsRoot, stdio: 'inherit' });
  return true;
}
