// Every page of the built site loads in Chromium with no console error, no uncaught error and
// no failed request, and has a heading; every chapter is saved as a screenshot.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openWatchedPage, screenshot, waitForDemos } from './support/browser.js';
import type { WatchedPage } from './support/browser.js';
import { distDir } from './support/site-build.js';

function htmlPages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'assets' ? [] : htmlPages(path);
    return entry.name.endsWith('.html') && entry.name !== '404.html' ? [relative(distDir, path)] : [];
  });
}

const pages = htmlPages(distDir).sort();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the built site', () => {
  it('has the home page, 8 chapters, 5 guides and an API reference', () => {
    expect(pages).toContain('index.html');
    expect(pages.filter((page) => page.startsWith('lecture/'))).toHaveLength(8);
    expect(pages.filter((page) => page.startsWith('guides/'))).toHaveLength(5);
    expect(pages).toContain('api/index.html');
    expect(pages.filter((page) => page.startsWith('api/@rnnkit/')).length).toBeGreaterThanOrEqual(2);
  });

  it("renders the Keras guide from @rnnkit/core's keras-interop.md (included, not copied)", () => {
    const html = readFileSync(join(distDir, 'guides/keras.html'), 'utf8');
    const source = readFileSync(new URL('../../../packages/core/docs/keras-interop.md', import.meta.url), 'utf8');
    const headings = [...source.matchAll(/^#{1,3} (.+)$/gm)].map((m) => (m[1] as string).replace(/`/g, ''));
    expect(headings.length).toBeGreaterThan(5);
    const text = html
      .replace(/<[^>]+>/g, '')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    for (const heading of headings) expect(text).toContain(heading);
  });

  describe('loads with no console errors and no failed requests', () => {
    let watched: WatchedPage;
    beforeAll(async () => {
      watched = await openWatchedPage(browser);
    });
    afterAll(async () => {
      await watched?.page.close();
    });

    it.each(pages)('%s', async (path) => {
      const { page, problems } = watched;
      problems.length = 0;
      await page.goto(new URL(path, inject('siteUrl')).href, { waitUntil: 'load' });
      await expect.poll(async () => (await page.locator('h1').first().textContent())?.trim()).toBeTruthy();
      // Live demos: wait until each has started its worker (a failing worker reports asynchronously).
      await waitForDemos(page);
      expect(problems).toEqual([]);
    });
  });

  it('navigates between pages on the client (links work from the built files alone)', async () => {
    const { page, problems } = await openWatchedPage(browser);
    await page.goto(new URL('index.html', inject('siteUrl')).href);
    await page.getByRole('link', { name: 'Start the lecture' }).click();
    await expect.poll(() => page.url()).toMatch(/lecture\/01-sequences\.html$/);
    await waitForDemos(page);
    await page.locator('.VPSidebar').getByRole('link', { name: '7. Forecasting temperatures' }).click();
    await expect.poll(() => page.locator('h1').first().textContent()).toContain('Forecasting temperatures');
    await waitForDemos(page);
    await page.reload();
    await expect.poll(() => page.locator('h1').first().textContent()).toContain('Forecasting temperatures');
    await waitForDemos(page);
    await screenshot(page, 'home-navigation');
    await page.close();
    expect(problems).toEqual([]);
  });
});
