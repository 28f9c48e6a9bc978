// Opens one local HTML file in Debian's chromium through playwright-core and prints, as one JSON object on stdout,
// what a person's browser did with it: every request the page made (any at all is a failure for a self-contained
// report), the rendered size of each waterfall bar (<rect data-bar>), the text of the headings, and where the
// screenshot went. Usage: node render.mjs FILE.html SCREENSHOT.png [WIDTH HEIGHT]
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';

const [file, shot, width = '1000', height = '1400'] = process.argv.slice(2);
if (!file || !shot) {
  console.error('usage: node render.mjs FILE.html SCREENSHOT.png [WIDTH HEIGHT]');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  // The machine notes' flags: without the background-networking ones chromium tries Google's hosts at every start.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND'],
  timeout: 60_000,
});
try {
  const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
  const requests = [];
  const consoleErrors = [];
  page.on('request', (r) => { if (r.url() !== pathToFileURL(file).href) requests.push(r.url()); });
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 30_000 });
  const bars = await page.$$eval('rect[data-bar]', (rects) => rects.map((r) => {
    const box = r.getBoundingClientRect();
    return { bar: r.dataset.bar, name: r.dataset.name, ms: Number(r.dataset.ms), width: box.width, height: box.height,
      x: box.x, tooltip: r.querySelector('title')?.textContent ?? null };
  }));
  const headings = await page.$$eval('h2, h3', (hs) => hs.map((h) => h.textContent));
  const title = await page.title();
  const scripts = await page.$$eval('script, img, iframe, object, embed, link', (els) => els.length);
  await page.screenshot({ path: shot, fullPage: false });
  process.stdout.write(JSON.stringify({ requests, consoleErrors, bars, headings, title, scripts }) + '\n');
} finally {
  await browser.close();
}
