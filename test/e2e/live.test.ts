/**
 * The live page in headless Chromium: the library runs in a Web Worker in the browser, spikes
 * are drawn, and raising the E drive raises the displayed E rate (closed loop by hand).
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: ViteDevServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  server = await createServer({ configFile: 'examples/live/vite.config.ts', server: { port: 0 }, logLevel: 'error' });
  await server.listen();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  page = await browser.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.resolvedUrls!.local[0]}?neurons=5000`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Waits (up to 20 s: a shared machine may be slow to start the workers) until the raster canvas
 * has more than `dark` dark pixels. A fixed wait failed on a busy machine with 470 of 1,000.
 */
async function rasterShows(p: Page, dark: number): Promise<void> {
  await p.waitForFunction(
    (least) => {
      const canvas = document.getElementById('raster') as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let k = 0; k < data.length; k += 4) if (data[k]! < 128) n++;
      return n > least;
    },
    dark,
    { timeout: 20_000, polling: 100 },
  );
}

/** Dark pixels on the raster canvas, and a digest of its contents. */
async function raster(p: Page = page): Promise<{ dark: number; digest: number }> {
  return p.evaluate(() => {
    const canvas = document.getElementById('raster') as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let dark = 0;
    let digest = 0;
    for (let k = 0; k < data.length; k += 4) {
      if (data[k]! < 128) {
        dark++;
        digest = (digest * 31 + k) | 0;
      }
    }
    return { dark, digest };
  });
}

/** The displayed E rate, Hz. */
async function rateE(): Promise<number> {
  return Number.parseFloat((await page.textContent('#rate-e')) ?? 'NaN');
}

describe('live page (npm run live)', () => {
  it('draws spikes that scroll: the raster has marks, and they change over time', async () => {
    await page.waitForFunction(() => document.getElementById('rate-e')!.textContent !== '-', undefined, { timeout: 30_000 });
    // A second of the network in real time: the first rate shows after 50 ms of it, or later
    // when the start is slow and the clock catches up, so the raster's marks are counted after.
    await rasterShows(page, 1000);
    const a = await raster();
    await page.waitForTimeout(700);
    const b = await raster();
    expect(a.dark).toBeGreaterThan(1000);
    expect(b.digest).not.toBe(a.digest);
    expect(errors).toEqual([]);
  });

  it('raises the displayed E rate when the E drive is raised', async () => {
    await page.waitForTimeout(1000);
    const before: number[] = [];
    for (let k = 0; k < 5; k++) {
      before.push(await rateE());
      await page.waitForTimeout(200);
    }
    await page.locator('#drive-e').fill('0.25');
    await page.waitForTimeout(1500);
    const after: number[] = [];
    for (let k = 0; k < 5; k++) {
      after.push(await rateE());
      await page.waitForTimeout(200);
    }
    const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(before)).toBeGreaterThan(1);
    expect(mean(after)).toBeGreaterThan(2 * mean(before));
    expect(errors).toEqual([]);
  });
});

describe('live page on two threads (?threads=2)', () => {
  it('runs the network with the kernel\'s second thread started from the simulation\'s worker: spikes are drawn, rates shown, nothing fails', async () => {
    const two = await browser.newPage();
    const failures: string[] = [];
    two.on('pageerror', (e) => failures.push(e.message));
    try {
      await two.goto(`${server.resolvedUrls!.local[0]}?neurons=5000&threads=2`);
      await two.waitForFunction(() => document.getElementById('rate-e')!.textContent !== '-', undefined, { timeout: 30_000 });
      await rasterShows(two, 1000);
      expect(await two.textContent('#threads')).toBe('2');
      expect(Number.parseFloat((await two.textContent('#rate-e')) ?? 'NaN')).toBeGreaterThan(0);
      expect((await raster(two)).dark).toBeGreaterThan(1000);
      expect(await two.textContent('#readout')).not.toContain('stopped');
      expect(failures).toEqual([]);
    } finally {
      await two.close();
    }
  });
});

describe('live page on a server (?server=ws://…)', () => {
  it('draws the spikes and rates of a network served by spikestream serve', async () => {
    const { serve } = await import('../../src/io/serve.js');
    const { fromSpec } = await import('../../src/index.js');
    const { readFileSync } = await import('node:fs');
    const json = JSON.parse(readFileSync('examples/tian2020/network.json', 'utf8')) as { groups: { size: number }[]; inputs: { value: number }[] };
    // The seed network at N = 5,000 with the drive of N = 10,000, in real time for 5 s.
    json.groups[0]!.size = 4000;
    json.groups[1]!.size = 1000;
    const served = await serve(fromSpec(json, { realtime: true, interval: 1, duration: 5000 }), { port: 0 });
    const page3 = await browser.newPage();
    const failures: string[] = [];
    page3.on('pageerror', (e) => failures.push(e.message));
    try {
      await page3.goto(`${server.resolvedUrls!.local[0]}?server=ws://127.0.0.1:${served.port}`);
      await page3.waitForFunction(() => document.getElementById('rate-e')!.textContent !== '-', undefined, { timeout: 30_000 });
      await rasterShows(page3, 1000);
      expect(Number.parseFloat((await page3.textContent('#rate-e')) ?? 'NaN')).toBeGreaterThan(0);
      expect(await page3.textContent('#readout')).not.toContain('stopped');
      expect(failures).toEqual([]);
    } finally {
      await page3.close();
      await served.close();
    }
  });
});
