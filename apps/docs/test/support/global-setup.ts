// Vitest global setup: build the site if needed, serve it once for every test file.
import type { TestProject } from 'vitest/node';
import { buildSiteIfNeeded, distDir } from './site-build.js';
import { serveStatic } from './static-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
  }
}

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  buildSiteIfNeeded();
  const server = await serveStatic(distDir, process.env.DOCS_BASE ?? '/');
  project.provide('siteUrl', server.url);
  return () => server.close();
}
