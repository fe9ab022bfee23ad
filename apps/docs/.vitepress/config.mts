// VitePress config for the rnnkit docs site.
// `base` comes from DOCS_BASE (default '/'); with cleanUrls off every page is a real
// `.html` file, so the built site works from any static file server.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitepress';
import type { DefaultTheme } from 'vitepress';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** Sidebar of the generated API reference (written by scripts/api.mjs). */
function apiSidebar(): DefaultTheme.SidebarItem[] {
  const file = here('../api/typedoc-sidebar.json');
  if (!existsSync(file)) return [{ text: 'Overview', link: '/api/' }];
  const items = JSON.parse(readFileSync(file, 'utf8')) as DefaultTheme.SidebarItem[];
  return [{ text: 'Overview', link: '/api/' }, ...items.map((item) => ({ ...item, collapsed: true }))];
}

const lecture: DefaultTheme.SidebarItem[] = [
  { text: '1. Sequences are everywhere', link: '/lecture/01-sequences' },
  { text: '2. The windowed dataset', link: '/lecture/02-windows' },
  { text: '3. An MLP on windows', link: '/lecture/03-mlp-order' },
  { text: '4. Memory', link: '/lecture/04-memory' },
  { text: '5. Training through time', link: '/lecture/05-bptt' },
  { text: '6. Gated cells', link: '/lecture/06-gates' },
  { text: '7. Forecasting temperatures', link: '/lecture/07-forecast' },
  { text: '8. Writing like Shakespeare', link: '/lecture/08-shakespeare' },
];

const guides: DefaultTheme.SidebarItem[] = [
  { text: 'Install and use a package', link: '/guides/install' },
  { text: 'The rnnkit CLI', link: '/guides/cli' },
  { text: 'Contributing to a package', link: '/guides/contributing' },
  { text: 'Beyond one machine: Keras', link: '/guides/keras' },
  { text: 'Fast training and streaming', link: '/guides/performance' },
];

const base = process.env.DOCS_BASE ?? '/';

export default defineConfig({
  title: 'rnnkit',
  description: 'Recurrent neural networks for TypeScript on TensorFlow.js — the lecture, live.',
  base,
  cleanUrls: false,
  lastUpdated: false,
  srcExclude: ['README.md', 'src/**', 'test/**', 'scripts/**', 'test-artifacts/**', 'node_modules/**'],
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: `${base}favicon.svg` }]],
  themeConfig: {
    nav: [
      { text: 'Lecture', link: '/lecture/01-sequences' },
      { text: 'Guides', link: '/guides/install' },
      { text: 'API', link: '/api/' },
    ],
    sidebar: {
      '/lecture/': [{ text: 'The lecture, live', items: lecture }],
      '/guides/': [{ text: 'Guides', items: guides }],
      '/api/': [{ text: 'API reference', items: apiSidebar() }],
    },
    search: { provider: 'local' },
    outline: [2, 3],
    footer: {
      message: 'After Harvard CS109B, Lecture 14: Recurrent Neural Networks. MIT licensed.',
    },
  },
  vite: {
    resolve: {
      // Workspace packages resolve to their TypeScript sources (no prior build needed in dev).
      conditions: ['source'],
      alias: { '@datasets': here('../../../packages/data/datasets') },
    },
    worker: { format: 'es' },
    build: { chunkSizeWarningLimit: 4000 },
    server: { fs: { allow: [here('../../..')] } },
  },
});
