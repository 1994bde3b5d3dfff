// End-to-end tests of the built page (dist/) in Debian's headless Chromium.
// Every test opens the page below a sub-path of a server on 127.0.0.1 and,
// at its end, checks that after loading the page made no request at all,
// hit no Content-Security-Policy violation and logged no console error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startServer, launch, openApp, dropFiles, renderedChecks, axe, DATA, DIST, SCREENSHOTS, SUB_PATH } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const LOGS = fs
  .readdirSync(DATA)
  .filter((f) => f.endsWith('.log') && fs.existsSync(path.join(DATA, f.replace(/\.log$/, '.expect.json'))))
  .sort();

let server;
let browser;

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, 'index.html')), `no ${DIST}/index.html: build with trunk first`);
  server = await startServer();
  browser = await launch();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.close();
});

function logFile(name) {
  return { name, bytes: fs.readFileSync(path.join(DATA, name)) };
}

function expectOf(name) {
  return JSON.parse(fs.readFileSync(path.join(DATA, name.replace(/\.log$/, '.expect.json')), 'utf8'));
}

/** Nothing after load: no request (page, worker or server side), no CSP violation, no console error. */
async function assertQuiet(app) {
  assert.deepEqual(app.requests(), [], 'requests after load');
  assert.deepEqual(app.serverHits(), [], 'requests the server got after load');
  assert.deepEqual(await app.csp(), [], 'CSP violations');
  assert.deepEqual(app.errors, [], 'console errors');
}

/** Waits for the report of the n-th loaded input (1-based) to be on screen. */
async function waitReport(page, n) {
  await page.waitForSelector(`.report[data-doc="${n}"]`);
}

function assertChecksMatch(rendered, expect, name) {
  const byIndex = new Map(rendered.map((c) => [c.index, c]));
  assert.equal(byIndex.size, rendered.length, `${name}: a check is rendered twice`);
  assert.equal(rendered.length, expect.checks.length, `${name}: number of rendered checks`);
  expect.checks.forEach((want, i) => {
    const got = byIndex.get(i);
    assert.ok(got, `${name}: check ${i} (${want.kind} ${want.fqdn}) is not rendered`);
    const where = `${name}: check ${i} (${want.kind} ${want.fqdn} ${want.port ?? ''})`;
    assert.equal(got.fqdn, want.fqdn, `${where} fqdn`);
    assert.equal(got.kind, want.kind, `${where} kind`);
    assert.equal(got.port, want.port ?? null, `${where} port`);
    assert.equal(got.status, want.status, `${where} status`);
    assert.equal(got.reason, want.reason, `${where} reason`);
  });
}

test('the built index.html has a strict CSP and no inline script', () => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1];
  assert.ok(csp, 'CSP meta tag');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /connect-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|https?:|\*/);
  for (const tag of html.match(/<script\b[^>]*>/g) || []) assert.match(tag, /\ssrc=/, `inline script: ${tag}`);
  assert.doesNotMatch(html, /\s(src|href)="\/(?!\/)/, 'absolute paths break sub-path hosting');
  assert.doesNotMatch(html, /https?:\/\//, 'no other origin');
});

test('dropping every sample log renders each check with its expected status and reason', async () => {
  const app = await openApp(browser, server);
  const { page } = app;
  // Files can be dropped anywhere on the page.
  const targets = ['main', '#drop-zone', '.foot', '.top', '#privacy', '.app'];
  let n = 0;
  for (const name of LOGS) {
    await dropFiles(page, [logFile(name)], targets[n % targets.length]);
    n += 1;
    await waitReport(page, n);
    assertChecksMatch(await renderedChecks(page), expectOf(name), name);
  }
  // Every dropped log has its own tab.
  assert.equal(await page.locator('.tabs .tab').count(), LOGS.length);
  await assertQuiet(app);
  await app.close();
});

test('several files dropped at once become switchable reports', async () => {
  const app = await openApp(browser, server);
  const { page } = app;
  const names = ['backup-443-timeout.log', 'dns-nxdomain-one-fqdn.log', 'tls-interception.log'];
  await dropFiles(page, names.map(logFile), '#drop-zone');
  await page.waitForFunction(() => document.querySelectorAll('.tabs .tab').length === 3);
  for (const [i, name] of names.entries()) {
    await page.locator('.tab-select', { hasText: name }).click();
    await waitReport(page, i + 1);
    assert.equal(await page.getAttribute('.tab.current .tab-select', 'aria-current'), 'true');
    assertChecksMatch(await renderedChecks(page), expectOf(name), name);
  }
  // Closing one leaves the others.
  await page.locator('.tab-close').first().click();
  await page.waitForFunction(() => document.querySelectorAll('.tabs .tab').length === 2);
  await assertQuiet(app);
  await app.close();
});

test('choosing files with the file picker, and the picker opens from the keyboard', async () => {
  const app = await openApp(browser, server);
  const { page } = app;
  await page.focus('#choose-files');
  const chooserOpened = page.waitForEvent('filechooser');
  await page.evaluate(() => 0); // one round trip, so the chooser interception is in place
  await page.keyboard.press('Enter');
  const chooser = await chooserOpened;
  assert.ok(chooser.isMultiple());
  await chooser.setFiles([path.join(DATA, 'storage-443-refused.log')]);
  await waitReport(page, 1);
  assertChecksMatch(await renderedChecks(page), expectOf('storage-443-refused.log'), 'storage-443-refused.log');
  await assertQuiet(app);
  await app.close();
});

test('pasting a log renders its report', async () => {
  const app = await openApp(browser, server);
  const { page } = app;
  const name = 'file-recovery-3260-blocked.log';
  await page.fill('#paste-box', fs.readFileSync(path.join(DATA, name), 'utf8'));
  await page.click('#check-pasted');
  await waitReport(page, 1);
  assertChecksMatch(await renderedChecks(page), expectOf(name), name);
  // An empty paste gives a notice, not a report.
  await page.fill('#paste-box', '   ');
  await page.click('#check-pasted');
  await page.waitForSelector('.notices');
  await assertQuiet(app);
  await app.close();
});

test('HTML and script inside a log are shown as text, never run or inserted', async () => {
  const app = await openApp(browser, server);
  const { page } = app;
  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  const base = fs.readFileSync(path.join(DATA, 'backup-443-timeout.log'), 'utf8');
  const log = base
    .replace('rhel', `rhel${evil}`)
    .replace(/Ncat: Connection timed out\./, `Ncat: Connection timed out. ${evil}`)
    .concat(`\n##TRY!! nslookup ${evil}.example.com ##\n${evil}\n<style>body{display:none}</style><iframe src="https://example.com"></iframe>\n`);
  await dropFiles(page, [{ name: `x${evil}.log`, bytes: Buffer.from(log) }]);
  await waitReport(page, 1);
  // Open the log at every kind of evidence, so the raw lines are in the DOM too.
  await page.locator('button.check').last().click();
  await page.waitForSelector('#log-dialog[open] .row.hl');
  const counts = await page.evaluate(() => ({
    pwned: window.__pwned ?? null,
    img: document.querySelectorAll('img').length,
    iframe: document.querySelectorAll('iframe').length,
    style: document.querySelectorAll('style').length,
    scripts: Array.from(document.scripts).map((s) => s.getAttribute('src')),
  }));
  assert.deepEqual(counts, { pwned: null, img: 0, iframe: 0, style: 0, scripts: ['./start.js'] });
  assert.ok((await page.textContent('#log-dialog')).includes('<script>window.__pwned=2</script>'), 'shown as text');
  await page.keyboard.press('Escape');
  await assertQuiet(app);
  await app.close();
});

test('bad input (empty, PNG, binary, HTML page, too large) gives a clear message and the page keeps working', async () => {
  const app = await openApp(browser, server);
  const { page } = app;
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 73 + 11) % 256));
  const cases = [
    { name: 'empty.log', bytes: Buffer.alloc(0) },
    { name: 'screenshot.png', bytes: png, type: 'image/png' },
    { name: 'random.bin', bytes: binary, type: 'application/octet-stream' },
    { name: 'page.html', bytes: Buffer.from('<!doctype html><html><body><h1>Hello</h1><script>alert(1)</script></body></html>') },
  ];
  let n = 0;
  for (const c of cases) {
    await dropFiles(page, [c]);
    n += 1;
    await waitReport(page, n);
    assert.equal(await page.getAttribute('#overall', 'data-overall'), 'not-a-log', c.name);
    const message = (await page.textContent('#not-a-log-message')).trim();
    assert.ok(message.length > 10, `${c.name}: message "${message}"`);
  }
  // Too large: refused before reading, with a notice.
  await dropFiles(page, [{ name: 'huge.log', bytes: Buffer.alloc(17 * 1024 * 1024, 0x61) }]);
  await page.waitForSelector('.notices');
  assert.match(await page.textContent('.notices'), /huge\.log.*16 MB/);
  // Still works.
  await page.click('#sample');
  await waitReport(page, n + 1);
  assert.equal(await page.getAttribute('#overall', 'data-overall'), 'problems');
  await assertQuiet(app);
  await app.close();
});

test('clicking a check or a finding opens the raw log at its block, and the keyboard works there', async () => {
  const app = await openApp(browser, server);
  const { page } = app;
  await page.click('#sample');
  await waitReport(page, 1);
  const check = page.locator('button.check[data-status="failed"]').first();
  const [from, to] = await check.evaluate((el) => {
    const label = el.getAttribute('aria-label');
    const m = label.match(/lines? (\d+)(?:–(\d+))?/);
    return [Number(m[1]), Number(m[2] || m[1])];
  });
  await check.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#log-dialog[open]');
  const lit = await page.$$eval('#log-dialog .row.hl', (rows) => rows.map((r) => Number(r.dataset.line)));
  assert.deepEqual(lit, Array.from({ length: to - from + 1 }, (_, i) => from + i));
  // The highlighted block is scrolled into view.
  assert.ok(await page.locator('#log-dialog .row.hl').first().isVisible());
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('#log-dialog').open);
  // Focus returns to the check that opened the dialog.
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.check), await check.getAttribute('data-check'));
  // A finding's "show in the log" button.
  await page.locator('.finding .show-log').first().click();
  await page.waitForSelector('#log-dialog[open] .row.hl');
  await page.click('#log-close');
  await page.waitForFunction(() => !document.querySelector('#log-dialog').open);
  await assertQuiet(app);
  await app.close();
});

test('"failures only" hides destinations whose checks all passed', async () => {
  const app = await openApp(browser, server);
  const { page } = app;
  await dropFiles(page, [logFile('backup-443-timeout.log')]);
  await waitReport(page, 1);
  const all = (await renderedChecks(page)).length;
  await page.check('#failures-only');
  await page.waitForFunction((all) => document.querySelectorAll('.report button.check').length < all, all);
  const rows = await page.$$eval('.report tbody tr', (trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('button.check')).map((b) => b.dataset.status)),
  );
  assert.ok(rows.length > 0);
  for (const statuses of rows) assert.ok(statuses.some((s) => s !== 'ok'), 'a shown row has a problem');
  await page.uncheck('#failures-only');
  await page.waitForFunction((all) => document.querySelectorAll('.report button.check').length === all, all);
  await assertQuiet(app);
  await app.close();
});

test('proxy passwords never reach the DOM, the copied summary or the JSON', async () => {
  const app = await openApp(browser, server);
  const { page, context } = app;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
  const name = 'proxy-credentials-in-url.log';
  const raw = fs.readFileSync(path.join(DATA, name), 'utf8');
  const password = raw.match(/https?:\/\/[^:\s]+:([^@\s]+)@/)[1];
  await dropFiles(page, [logFile(name)]);
  await waitReport(page, 1);
  await page.locator('#proxy .show-log').click();
  await page.waitForSelector('#log-dialog[open] .row.hl');
  assert.ok(!(await page.content()).includes(password), 'password in the DOM');
  await page.keyboard.press('Escape');

  for (const id of ['#copy-text', '#copy-markdown']) {
    await page.click(id);
    await page.waitForFunction(() => document.querySelector('#hand-off-status').textContent.length > 0);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(copied.includes('nwcheck'), `${id}: summary copied`);
    assert.ok(!copied.includes(password), `${id}: password copied`);
  }
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
  assert.equal(download.suggestedFilename(), 'nwcheck-proxy-credentials-in-url.json');
  const json = fs.readFileSync(await download.path(), 'utf8');
  assert.ok(!json.includes(password), 'password in the JSON');
  const report = JSON.parse(json);
  assert.equal(report.schema, 1);
  assert.equal(report.proxy.credentials_in_url, true);
  assertChecksMatch(
    report.checks.map((c, index) => ({ index, fqdn: c.fqdn, kind: c.kind, port: c.port, status: c.status, reason: c.reason })),
    expectOf(name),
    `${name} (JSON)`,
  );
  await assertQuiet(app);
  await app.close();
});

test('the mask switch hides host names and IP addresses in the exports', async () => {
  const app = await openApp(browser, server);
  const { page, context } = app;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
  await page.click('#sample');
  await waitReport(page, 1);
  await page.check('#mask');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
  const json = fs.readFileSync(await download.path(), 'utf8');
  const report = JSON.parse(json);
  assert.equal(report.schema, 1);
  for (const secret of ['rhel92-bk01', '10.0.3.7', '10.0.0.10', '20.189.73.131']) {
    assert.ok(!json.includes(secret), `masked JSON still contains ${secret}`);
  }
  await page.click('#copy-markdown');
  await page.waitForFunction(() => document.querySelector('#hand-off-status').textContent.length > 0);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  for (const secret of ['rhel92-bk01', '10.0.0.10']) assert.ok(!copied.includes(secret), `masked summary contains ${secret}`);
  await assertQuiet(app);
  await app.close();
});

test('the language follows the browser, can be switched, and the choice is remembered', async () => {
  const app = await openApp(browser, server, { locale: 'ja-JP' });
  const { page } = app;
  assert.equal(await page.getAttribute('html', 'lang'), 'ja');
  assert.match(await page.textContent('#privacy'), /ブラウザー/);
  await page.click('#sample');
  await waitReport(page, 1);
  assert.match(await page.textContent('#overall-title'), /問題/);
  await page.selectOption('#lang-select', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await page.textContent('#overall-title'), /network problems/);
  assert.match(await page.textContent('#privacy'), /never uploaded/);
  // The choice is remembered; the log is not.
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), ['nwcheck.lang']);
  await page.reload();
  await page.waitForSelector('#choose-files');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('.report').count(), 0, 'no log kept across a reload');
  assert.deepEqual(await app.csp(), []);
  assert.deepEqual(app.errors, []);
  await app.close();
});

test('once loaded, the page works offline (service worker)', async () => {
  const app = await openApp(browser, server);
  const { page } = app;
  server.down = true;
  try {
    await page.reload();
    await page.waitForSelector('#choose-files');
    await page.click('#sample');
    await waitReport(page, 1);
    assert.ok((await renderedChecks(page)).length > 0);
  } finally {
    server.down = false;
  }
  assert.deepEqual(app.errors, []);
  await app.close();
});

test('the page also works from the server root', async () => {
  const app = await openApp(browser, server, { path: '/' });
  await app.page.click('#sample');
  await waitReport(app.page, 1);
  await assertQuiet(app);
  await app.close();
});

test('no serious or critical accessibility violation (axe-core), light, dark, narrow and with the log open', async () => {
  const states = [
    { name: 'light', options: {} },
    { name: 'dark', options: { colorScheme: 'dark' } },
    { name: 'narrow', options: { viewport: { width: 390, height: 844 }, context: { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } } },
  ];
  for (const state of states) {
    const app = await openApp(browser, server, state.options);
    const { page } = app;
    const empty = await axe(page, AXE_SOURCE);
    await page.click('#sample');
    await waitReport(page, 1);
    const loaded = await axe(page, AXE_SOURCE);
    await page.locator('button.check').first().click();
    await page.waitForSelector('#log-dialog[open]');
    const dialog = await axe(page, AXE_SOURCE);
    await page.keyboard.press('Escape');
    const bad = [...empty, ...loaded, ...dialog].filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad, [], `${state.name}: ${JSON.stringify(bad, null, 1)}`);
    await assertQuiet(app);
    await app.close();
  }
});

test('the print view shows the report without the controls', async () => {
  const app = await openApp(browser, server);
  const { page } = app;
  await page.click('#sample');
  await waitReport(page, 1);
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['#drop-zone', '#paste-box', '#copy-text', '#lang-select', '#failures-only']) {
    assert.equal(await page.isVisible(hidden), false, `${hidden} is printed`);
  }
  for (const shown of ['#overall', '.card', '.finding', '.machine']) assert.ok(await page.isVisible(shown), `${shown} is not printed`);
  await assertQuiet(app);
  await app.close();
});

test('screenshots for the README (light, dark, narrow, log)', async () => {
  const shots = [
    { file: 'light.png', top: true, options: { viewport: { width: 1280, height: 1350 } } },
    { file: 'dark.png', options: { colorScheme: 'dark', viewport: { width: 1280, height: 1000 } } },
    { file: 'narrow.png', options: { viewport: { width: 390, height: 844 }, context: { isMobile: true, deviceScaleFactor: 2 } } },
    { file: 'log.png', log: true, options: { viewport: { width: 1280, height: 800 } } },
  ];
  for (const shot of shots) {
    const app = await openApp(browser, server, shot.options);
    const { page } = app;
    await page.click('#sample');
    await waitReport(page, 1);
    if (!shot.top) await page.evaluate(() => window.scrollTo(0, document.querySelector('.report').offsetTop - 16));
    if (shot.log) {
      await page.locator('button.check[data-kind="https"][data-status="failed"]').first().click();
      await page.waitForSelector('#log-dialog[open] .row.hl');
    }
    await page.evaluate(() => document.activeElement?.blur());
    await page.screenshot({ path: path.join(SCREENSHOTS, shot.file) });
    await assertQuiet(app);
    await app.close();
  }
});

test('first render and report times (for the README)', async () => {
  const app = await openApp(browser, server);
  const { page } = app;
  const t0 = Date.now();
  await dropFiles(page, [logFile('private-endpoint.log')]);
  await waitReport(page, 1);
  const reportMs = Date.now() - t0;
  console.log(`# first render ${app.firstRenderMs} ms; drop to report (private-endpoint.log) ${reportMs} ms; served from ${SUB_PATH}`);
  assert.ok(app.firstRenderMs < 10000);
  await assertQuiet(app);
  await app.close();
});
