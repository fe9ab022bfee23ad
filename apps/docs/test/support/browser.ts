// Debian's Chromium driven by playwright-core (never a downloaded browser), plus a page wrapper
// that records console errors and failed requests.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { docsRoot } from './site-build.js';

/** Where screenshots go (git-ignored). */
export const artifactsDir = join(docsRoot, 'test-artifacts');

/** Launch headless Chromium with no network side-traffic. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'],
  });
}

/** A page plus every console error, page error and failed request seen on it. */
export interface WatchedPage {
  page: Page;
  problems: string[];
}

/** Open a page that records problems (console errors, uncaught errors, failed or 4xx/5xx requests). */
export async function openWatchedPage(browser: Browser): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '?';
    // VitePress prefetches the pages a page links to; leaving the page aborts those prefetches.
    if (reason === 'net::ERR_ABORTED' && request.resourceType() === 'other') return;
    problems.push(`request failed: ${request.url()} [${request.resourceType()}] (${reason})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('worker', (worker) => {
    worker.on('console', (message) => {
      if (message.type() === 'error') problems.push(`worker console error: ${message.text()}`);
    });
  });
  return { page, problems };
}

/** Save a full-page screenshot as test-artifacts/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Wait until every live demo on the page has started its worker and chosen a backend. */
export async function waitForDemos(page: Page): Promise<void> {
  await page.waitForFunction(
    () => [...document.querySelectorAll('[data-demo]')].every((demo) => demo.getAttribute('data-state') === 'pending' || demo.getAttribute('data-worker') === 'no' || demo.hasAttribute('data-backend') || demo.getAttribute('data-state') === 'error'),
    undefined,
    { timeout: 60_000 },
  );
}
