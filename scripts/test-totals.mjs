// Adds up the vitest JSON reports that `pnpm test` leaves under each workspace's
// test-results/ when CI is set, and prints `N passed, N failed` as the last line.
// Exits non-zero when a workspace that has tests left no report, or when any test failed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
let passed = 0;
let failed = 0;
let skipped = 0;
let missing = 0;
for (const group of ['packages', 'apps']) {
  const dir = join(root, group);
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir)) {
    const pkg = join(dir, name, 'package.json');
    if (!existsSync(pkg)) continue;
    const scripts = JSON.parse(readFileSync(pkg, 'utf8')).scripts ?? {};
    if (!scripts.test) continue;
    const report = join(dir, name, 'test-results', 'vitest.json');
    if (!existsSync(report)) {
      console.log(`${group}/${name}: no test report (its tests did not run to the end)`);
      missing += 1;
      continue;
    }
    const r = JSON.parse(readFileSync(report, 'utf8'));
    const p = r.numPassedTests ?? 0;
    // A test file that failed to load (or crashed) has no failing test of its own: count it once.
    const brokenFiles = (r.testResults ?? []).filter(
      (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((a) => a.status === 'failed'),
    ).length;
    const f = (r.numFailedTests ?? 0) + brokenFiles;
    const s = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    console.log(`${group}/${name}: ${p} passed, ${r.numFailedTests ?? 0} failed, ${s} skipped${brokenFiles ? `, ${brokenFiles} test files that did not run` : ''}`);
    passed += p;
    failed += f;
    skipped += s;
  }
}
failed += missing;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
