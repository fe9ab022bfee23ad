// Generates the API reference (Markdown, into ./api) from the TSDoc comments of every
// package's public entry point, with TypeDoc + typedoc-plugin-markdown + typedoc-vitepress-theme.
// Every export without documentation is reported as a warning and listed again at the end.
// Packages whose src/index.ts does not exist yet get a "pending" line on the overview page.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Application, LogLevel } from 'typedoc';

const docs = join(dirname(fileURLToPath(import.meta.url)), '..');
const packagesDir = join(docs, '..', '..', 'packages');
const out = join(docs, 'api');
const names = ['core', 'data', 'train', 'viz'];
const ready = names.filter((name) => existsSync(join(packagesDir, name, 'src', 'index.ts')));
const pending = names.filter((name) => !ready.includes(name));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const undocumented = [];
if (ready.length > 0) {
  const app = await Application.bootstrapWithPlugins({
    entryPoints: ready.map((name) => join(packagesDir, name)),
    entryPointStrategy: 'packages',
    packageOptions: { entryPoints: ['src/index.ts'], readme: 'none', excludePrivate: true, excludeInternal: true, skipErrorChecking: true, disableSources: true },
    plugin: ['typedoc-plugin-markdown', 'typedoc-vitepress-theme'],
    out,
    docsRoot: docs,
    readme: 'none',
    name: 'rnnkit API',
    outputFileStrategy: 'modules', // one page per package: short sidebar, few pages to test
    useCodeBlocks: true,
    expandObjects: false,
    parametersFormat: 'table',
    interfacePropertiesFormat: 'table',
    classPropertiesFormat: 'table',
    githubPages: false,
    skipErrorChecking: true, // a package's own typecheck reports its type errors; the reference still builds
    disableSources: true,
    hideGenerator: true,
    excludePrivate: true,
    excludeInternal: true,
    sort: ['kind', 'alphabetical'],
    validation: { notExported: true, invalidLink: true, notDocumented: true },
    treatWarningsAsErrors: false,
    logLevel: LogLevel.Info,
  });
  const warn = app.logger.warn.bind(app.logger);
  app.logger.warn = (message, ...rest) => {
    const text = String(message);
    if (text.includes('does not have any documentation')) undocumented.push(text.replace(/, defined in .*$/, ''));
    return warn(message, ...rest);
  };
  const project = await app.convert();
  if (!project) throw new Error('TypeDoc could not convert the packages (see the errors above)');
  app.validate(project);
  await app.generateOutputs(project);
}

// The overview page: what is documented, what is still to come.
const overview = join(out, 'index.md');
const generated = existsSync(overview) ? readFileSync(overview, 'utf8').replace(/^# .*\n/, '') : '';
const lines = [
  '# API reference',
  '',
  'Generated from the TSDoc comments of each package\'s public entry point (`src/index.ts`) by TypeDoc',
  'when the site is built. An export without documentation is listed as a warning in the build output.',
  '',
  generated.trim(),
  '',
];
if (pending.length > 0) {
  lines.push('## Pending', '');
  for (const name of pending) lines.push(`- \`@rnnkit/${name}\` — its public entry point has not landed yet.`);
  lines.push('');
}
writeFileSync(overview, lines.join('\n'));

console.log(`\nAPI reference: ${ready.length} package(s) documented (${ready.map((n) => `@rnnkit/${n}`).join(', ') || 'none'})` +
  (pending.length ? `; pending: ${pending.map((n) => `@rnnkit/${n}`).join(', ')}` : ''));
if (undocumented.length > 0) {
  console.log(`API reference: ${undocumented.length} undocumented export(s):`);
  for (const item of undocumented) console.log(`  warning: ${item}`);
} else {
  console.log('API reference: every export is documented.');
}
