import fs from 'node:fs';
import path from 'node:path';
import { startServer, openApp, launch, DATA } from './harness.mjs';
const server = await startServer();
const browser = await launch();
const LOGS = fs.readdirSync(DATA).filter((f) => f.endsWith('.log')).sort();
const mb = Number(process.argv[2] || 50);
const app = await openApp(browser, server);
const { page, context } = app;
await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
await page.waitForTimeout(1500);
const parts = LOGS.map((name) => [...fs.readFileSync(path.join(DATA, name))]);
await page.evaluate(async ({ mb, parts }) => {
  const arrs = parts.map((p) => new Uint8Array(p));
  const list = []; let size = 0;
  do { for (const a of arrs) { list.push(a); size += a.length; } } while (size < mb * 1024 * 1024);
  const file = new File(list, 'gen.log', { type: 'text/plain' });
  const dt = new DataTransfer(); dt.items.add(file);
  const target = document.querySelector('main');
  for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
}, { mb, parts });
await page.waitForSelector('.report[data-doc="1"]', { timeout: 60000 });
await page.waitForTimeout(500);
for (const [label, act] of [
  ['open log at last check', async () => { await page.locator('button.check').last().click(); await page.waitForSelector('#log-dialog[open] .row.hl'); return 0; }],
  ['close', async () => { await page.keyboard.press('Escape'); await page.waitForFunction(() => !document.querySelector('#log-dialog').open); return 0; }],
  ['open log at a finding', async () => { await page.locator('.finding .show-log').first().click(); await page.waitForSelector('#log-dialog[open] .row.hl'); return 0; }],
  ['close', async () => { await page.keyboard.press('Escape'); await page.waitForFunction(() => !document.querySelector('#log-dialog').open); return 0; }],
  
  ['failures only', async () => { await page.check('#failures-only'); await page.waitForTimeout(300); return 0; }],
  ['switch language', async () => { await page.selectOption('#lang-select', 'ja'); await page.waitForTimeout(300); return 0; }],
]) {
  const t = await page.evaluate(() => performance.now());
  const size = await act(); const took = (await page.evaluate(() => performance.now())) - t;
  await page.waitForTimeout(300);
  const long = await page.evaluate((t) => window.__longtasks.filter((x) => x.start >= t).map((x) => x.duration.toFixed(0)), t);
  console.log(label, 'took', took.toFixed(0), 'ms, long tasks', long.join(','));
}
await app.close(); await browser.close(); server.close();
