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

/** Wait until a demo reports `data-state="done"`. */
async function demoDone(page: Page, demo: string, timeout: number): Promise<void> {
  await expect.poll(() => page.locator(demo).getAttribute('data-state'), { timeout }).toBe('done');
}

/** A JSON value a demo exposes in a hidden `[data-testid=…]` element. */
async function json<T>(page: Page, selector: string): Promise<T> {
  return JSON.parse((await page.locator(selector).textContent()) ?? 'null') as T;
}

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

describe('chapter 3: order', () => {
  it('shuffling the order inside windows leaves the MLP unchanged and changes the RNN', async () => {
    const page = await openChapter('lecture/03-mlp-order.html');
    const demo = '[data-demo=order]';
    await slide(page, `${demo} [data-testid=epochs]`, 2);
    await page.locator(`${demo} [data-testid=run]`).click();
    await demoDone(page, demo, 120_000);
    const mlp = Number(await text(page, `${demo} [data-testid=mlp-diff]`));
    const rnn = Number(await text(page, `${demo} [data-testid=rnn-diff]`));
    // Float32 rounding only for the MLP (its first layer was permuted to match); °C-sized for the RNN.
    expect(mlp).toBeLessThan(1e-3);
    expect(rnn).toBeGreaterThan(0.05);
    await finish('chapter-3-mlp-order');
  });
});

describe('chapter 5: BPTT', () => {
  it('draws ‖∂L/∂h_t‖ per step; the SimpleRNN’s gradient vanishes faster; truncation zeroes early steps', async () => {
    const page = await openChapter('lecture/05-bptt.html');
    const demo = '[data-demo=bptt]';
    await demoDone(page, demo, 60_000);
    const norms = (): Promise<{ SimpleRNN: number[]; LSTM: number[] }> => json(page, `${demo} [data-testid=norms]`);
    const full = await norms();
    expect(full.SimpleRNN).toHaveLength(60);
    expect(full.LSTM).toHaveLength(60);
    // Loss on the last step; U scaled by 0.8 vanishes (0.8⁶⁰ ≈ 1.5e-6 before tanh'), the LSTM
    // with b_f = 3 (f ≈ 0.95) keeps far more of it.
    const decay = (n: number[]): number => (n[0] as number) / (n.at(-1) as number);
    expect(decay(full.SimpleRNN)).toBeLessThan(1e-4);
    expect(decay(full.LSTM)).toBeGreaterThan(100 * decay(full.SimpleRNN));
    // Scaling U up makes the SimpleRNN's early gradient larger.
    await slide(page, `${demo} [data-testid=scale]`, 1.2);
    await expect.poll(async () => decay((await norms()).SimpleRNN), { timeout: 60_000 }).toBeGreaterThan(100 * decay(full.SimpleRNN));
    await slide(page, `${demo} [data-testid=scale]`, 0.8);
    await expect.poll(async () => decay((await norms()).SimpleRNN), { timeout: 60_000 }).toBeCloseTo(decay(full.SimpleRNN), 8);
    await slide(page, `${demo} [data-testid=truncation]`, 20);
    await expect.poll(async () => (await norms()).SimpleRNN.filter((v) => v === 0).length, { timeout: 60_000 }).toBe(40);
    const truncated = await norms();
    // Inside the window the gradient is the same as with full BPTT (same weights, same state).
    expect(truncated.SimpleRNN.at(-1)).toBeCloseTo(full.SimpleRNN.at(-1) as number, 5);
    await finish('chapter-5-bptt');
  });
});

describe('chapter 6: gates', () => {
  it('shows the LSTM’s gates and the GRU’s on real input; switching cell changes the charts', async () => {
    const page = await openChapter('lecture/06-gates.html');
    const demo = '[data-demo=gates]';
    await demoDone(page, demo, 60_000);
    const titles = (): Promise<string[]> => page.locator(`${demo} [data-testid=gate-charts] svg > title`).allTextContents();
    expect((await titles()).join('|')).toMatch(/input gate i.*forget gate f.*output gate o.*cell state c/);
    await page.locator(`${demo} [data-testid=cell]`).selectOption('gru');
    await expect.poll(async () => (await titles()).join('|'), { timeout: 60_000 }).toMatch(/update gate z.*reset gate r.*candidate/);
    await finish('chapter-6-gates');
  });
});

describe('chapter 7: forecasting', () => {
  it('trains in a worker: the loss goes down, the page stays responsive, the forecast is drawn', async () => {
    const page = await openChapter('lecture/07-forecast.html');
    const demo = '[data-demo=forecast]';
    await slide(page, `${demo} [data-testid=epochs]`, 4);
    await slide(page, `${demo} [data-testid=window]`, 7);
    await slide(page, `${demo} [data-testid=units]`, 8);
    // Measure the longest gap between animation frames while training runs.
    await page.evaluate(() => {
      const w = window as unknown as { maxFrameGap: number; measuring: boolean };
      w.maxFrameGap = 0;
      w.measuring = true;
      let last = performance.now();
      const tick = (now: number): void => {
        w.maxFrameGap = Math.max(w.maxFrameGap, now - last);
        last = now;
        if (w.measuring) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.locator(`${demo} [data-testid=train]`).click();
    await demoDone(page, demo, 150_000);
    const gap = await page.evaluate(() => {
      const w = window as unknown as { maxFrameGap: number; measuring: boolean };
      w.measuring = false;
      return w.maxFrameGap;
    });
    const losses = await json<number[]>(page, `${demo} [data-testid=losses]`);
    expect(losses).toHaveLength(4);
    expect(losses.at(-1)).toBeLessThan(losses[0] as number);
    expect(Number((await text(page, `${demo} [data-testid=rmse]`)).replace(/[^\d.]/g, ''))).toBeLessThan(5);
    expect(Number((await text(page, `${demo} [data-testid=persistence]`)).replace(/[^\d.]/g, ''))).toBeGreaterThan(1);
    expect(await page.locator(`${demo} [data-testid=forecast-chart] svg path`).count()).toBeGreaterThan(1);
    // Training ran off the main thread: frames kept coming (generous bound for a loaded 2-core CI box).
    expect(gap).toBeLessThan(2000);
    await finish('chapter-7-forecast');
  });
});

describe('chapter 8: Shakespeare', () => {
  it('samples text from the shipped model; the temperature slider changes it; training more runs', async () => {
    const page = await openChapter('lecture/08-shakespeare.html');
    const demo = '[data-demo=sampler]';
    await demoDone(page, demo, 90_000);
    expect(await text(page, `${demo} [data-testid=model-info]`)).toMatch(/LSTM of \d+ units/);
    const output = (): Promise<string> => text(page, `${demo} [data-testid=output]`);
    const first = await output();
    expect(first.startsWith('I got in the car and')).toBe(true);
    expect(first.length).toBeGreaterThan('I got in the car and'.length + 200);
    await slide(page, `${demo} [data-testid=temperature]`, 1.5);
    await expect.poll(output, { timeout: 60_000 }).not.toBe(first);
    await demoDone(page, demo, 60_000);
    await page.locator(`${demo} [data-testid=train-more]`).click();
    await expect.poll(async () => (await json<number[]>(page, `${demo} [data-testid=bits]`)).length, { timeout: 150_000 }).toBe(20);
    const bits = await json<number[]>(page, `${demo} [data-testid=bits]`);
    expect(bits.every((b) => Number.isFinite(b) && b > 0 && b < 7)).toBe(true);
    await expect.poll(() => page.locator(`${demo} [data-testid=train-more]`).isEnabled(), { timeout: 60_000 }).toBe(true);
    await finish('chapter-8-shakespeare');
  });
});
