// Each live demo runs in Chromium against the built site: controls change the output, the lab
// worker answers, and a screenshot of every chapter goes to test-artifacts/.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openWatchedPage, screenshot, waitForDemos } from './support/browser.js';
import type { WatchedPage } from './support/browser.js';

let browser: Browser;
let watched: WatchedPage;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Open a chapter with a fresh page and wait for its demos' workers. */
async function openChapter(path: string): Promise<Page> {
  watched = await openWatchedPage(browser);
  await watched.page.goto(new URL(path, inject('siteUrl')).href);
  await waitForDemos(watched.page);
  return watched.page;
}

/** Screenshot, then check the page logged no error and no request failed. */
async function finish(name: string): Promise<void> {
  await screenshot(watched.page, name);
  await watched.page.close();
  expect(watched.problems).toEqual([]);
}

/** Set a range input's value as a user dragging it would (input + change events). */
async function slide(page: Page, selector: string, value: number): Promise<void> {
  await page.locator(selector).evaluate((element, v) => {
    const input = element as HTMLInputElement;
    input.value = String(v);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

const text = (page: Page, selector: string): Promise<string> => page.locator(selector).first().innerText();

describe('chapter 1: the lab', () => {
  it('starts a worker on a real tfjs backend and runs a matmul there', async () => {
    const page = await openChapter('lecture/01-sequences.html');
    const demo = page.locator('[data-demo=backend]');
    await expect.poll(() => demo.getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
    const backend = await demo.getAttribute('data-backend');
    expect(['webgl', 'wasm', 'cpu']).toContain(backend);
    expect(await text(page, '[data-testid=info]')).toMatch(new RegExp(`on the\\s+${backend} backend; a 256×256 matrix product takes [\\d.]+ ms`));
    await finish('chapter-1-sequences');
  });

  it('honours ?backend=cpu', async () => {
    const page = await openChapter('lecture/01-sequences.html?backend=cpu');
    expect(await page.locator('[data-demo=backend]').getAttribute('data-backend')).toBe('cpu');
    await watched.page.close();
    expect(watched.problems).toEqual([]);
  });
});

describe('chapter 2: windows', () => {
  it('the window slider changes the sample count, the table and the diagram', async () => {
    const page = await openChapter('lecture/02-windows.html');
    // 3,650 days, window 3, next-step targets: 3,647 samples; the slide's first rows.
    expect(await text(page, '[data-testid=count]')).toContain('3,647 samples');
    const firstRow = page.locator('[data-testid=samples] tbody tr').first();
    expect(await firstRow.innerText()).toMatch(/1981-01-01\s+20\.7, 17\.9, 18\.8\s+14\.6\s+1981-01-04/);
    const diagramBefore = await page.locator('[data-testid=diagram]').innerHTML();
    await slide(page, '[data-testid=window]', 7);
    expect(await text(page, '[data-testid=count]')).toContain('3,643 samples');
    expect(await firstRow.innerText()).toMatch(/20\.7, 17\.9, 18\.8, 14\.6, 15\.8, 15\.8, 15\.8\s+17\.4/);
    expect(await page.locator('[data-testid=diagram]').innerHTML()).not.toBe(diagramBefore);
    await finish('chapter-2-windows');
  });
});

describe('chapter 4: memory', () => {
  it('steps the SimpleRNN one day at a time; the same input gives a different state; reset forgets', async () => {
    const page = await openChapter('lecture/04-memory.html');
    await page.locator('[data-demo=unrolled] [data-testid=cell]').selectOption('lstm');
    await page.locator('[data-demo=unrolled] [data-testid=internals]').check();
    expect(await page.locator('[data-demo=unrolled] svg').innerHTML()).toContain('LSTM');

    const demo = '[data-demo=memory]';
    await page.locator(`${demo} [data-testid=step7]`).click();
    await expect.poll(() => text(page, `${demo} [data-testid=status]`), { timeout: 30_000 }).toContain('Fed 7 day(s)');
    // Days 5–7 of 1981 all read 15.8 °C; the states after them differ.
    const statesAfter = async (): Promise<string> => text(page, `${demo} [data-testid=hidden]`);
    const seventh = await statesAfter();
    expect(seventh.split(',').every((v) => Math.abs(Number(v)) <= 1)).toBe(true);
    await page.locator(`${demo} [data-testid=step]`).click();
    await expect.poll(() => text(page, `${demo} [data-testid=status]`)).toContain('Fed 8 day(s)');
    expect(await statesAfter()).not.toBe(seventh);
    expect(await page.locator(`${demo} [data-testid=heatmap] svg rect`).count()).toBeGreaterThan(8 * 8);
    await screenshot(page, 'chapter-4-memory');

    // After a reset the first day gives exactly the state it gave the first time.
    await page.locator(`${demo} [data-testid=reset]`).click();
    await expect.poll(() => text(page, `${demo} [data-testid=status]`)).toContain('h₀ = 0');
    await page.locator(`${demo} [data-testid=step]`).click();
    await expect.poll(() => text(page, `${demo} [data-testid=status]`)).toContain('Fed 1 day(s)');
    const first = await statesAfter();
    await page.locator(`${demo} [data-testid=reset]`).click();
    await page.locator(`${demo} [data-testid=step]`).click();
    await expect.poll(() => text(page, `${demo} [data-testid=status]`)).toContain('Fed 1 day(s)');
    expect(await statesAfter()).toBe(first);
    await watched.page.close();
    expect(watched.problems).toEqual([]);
  });
});
