// End-to-end tests of the built page (dist/) in Debian's headless Chromium.
// Every test opens the page below a sub-path of a server on 127.0.0.1 and,
// at its end, checks that after loading the page made no request to any
// other origin, that the server got no request at all (the analysis
// worker's files, the page's own, come from the service worker), that no
// Content-Security-Policy violation happened and no console error was logged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startServer, launch, openApp, dropFiles, dropBuilt, putParts, renderedChecks, axe, DATA, DIST, SCREENSHOTS, SUB_PATH } from './harness.mjs';

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

const DIST_FILES = new Set(fs.existsSync(DIST) ? fs.readdirSync(DIST) : []);
const MB = 1024 * 1024;

/**
 * Nothing leaves after load: no request to another origin, only requests for
 * the page's own files (the analysis worker loads the page's wasm), none of
 * which reaches the server, except the browser's own check for a newer
 * service worker (a GET of sw.js, which starting a worker can prompt); no
 * CSP violation, no console error.
 */
async function assertQuiet(app) {
  const requests = app.requests();
  assert.deepEqual(requests.filter((u) => new URL(u).origin !== app.origin), [], 'requests to another origin');
  for (const u of requests) assert.ok(DIST_FILES.has(path.basename(new URL(u).pathname)), `request for a file that is not the page's: ${u}`);
  assert.deepEqual(app.serverHits().filter((u) => path.basename(u) !== 'sw.js'), [], 'requests the server got after load');
  assert.deepEqual(await app.csp(), [], 'CSP violations');
  assert.deepEqual(app.errors, [], 'console errors');
}

/** Polls `ok` (a function of the test's own state) for up to 15 s; fails with `what` if it stays false. */
async function waitUntil(ok, what) {
  const start = Date.now();
  while (!ok() && Date.now() - start < 15000) await new Promise((r) => setTimeout(r, 50));
  assert.ok(ok(), what);
}

/** Opens the slim input bar's disclosure (paste box and samples) once a log is open. */
async function openMore(page) {
  await page.evaluate(() => {
    const more = document.querySelector('#more-input');
    if (more) more.open = true;
  });
}

/** Clicks a built-in sample's button (`#sample`: the proxy 407 sample), wherever the input panel shows it. */
async function clickSample(page, id = '#sample') {
  await openMore(page);
  await page.click(id);
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

/** The Windows scripts' logs and typed sessions with ground truth (tests/data/windows, tests/data/transcripts). */
const WINDOWS_LOGS = ['windows', 'transcripts'].flatMap((dir) =>
  fs
    .readdirSync(path.join(DATA, dir))
    .filter((f) => f.endsWith('.log') && fs.existsSync(path.join(DATA, dir, f.replace(/\.log$/, '.expect.json'))))
    .sort()
    .map((f) => path.join(dir, f)),
);

test('Windows logs and typed PowerShell sessions dropped in the page render each check as expected, with the proxy findings', async () => {
  assert.ok(WINDOWS_LOGS.length >= 10, `${WINDOWS_LOGS.length} Windows logs and transcripts`);
  const app = await openApp(browser, server);
  const { page } = app;
  let n = 0;
  for (const name of WINDOWS_LOGS) {
    await dropFiles(page, [{ name: path.basename(name), bytes: fs.readFileSync(path.join(DATA, name)) }], 'main');
    n += 1;
    await waitReport(page, n);
    const expect = expectOf(name);
    assertChecksMatch(await renderedChecks(page), expect, name);
    for (const id of expect.expected_findings || []) {
      assert.ok(await page.locator(`.findings [data-finding="${id}"]`).count(), `${name}: finding ${id} shown`);
    }
    if (name.includes('user-proxy')) {
      // Whose proxy: the current user's proxy was tested; the workload plugin's account has none.
      assert.ok(await page.locator('.findings [data-finding="proxy-plugin-untested"]').count(), 'the whose-proxy finding');
      const text = await page.locator('.findings [data-finding="proxy-plugin-untested"]').first().innerText();
      assert.match(text, /AzureWLBackupPluginSvc|plugin|プラグイン/i);
    }
  }
  await assertQuiet(app);
  await app.close();
});

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
  const targets = ['main', '.input', '.foot', '.top', '#privacy', '.app'];
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
    await page.locator(`.tab-select[title^="${name}:"]`).click();
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
  await openMore(page);
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

test('bad input (empty, 1 byte, PNG, binary, HTML page, too large) gives a clear message and the page keeps working', async () => {
  const app = await openApp(browser, server);
  const { page } = app;
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 73 + 11) % 256));
  const cases = [
    { name: 'empty.log', bytes: Buffer.alloc(0) },
    { name: 'one-byte.log', bytes: Buffer.from('x') },
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
  // Too large (over 200 MB): refused before reading, with a notice.
  await putParts(page, { mb: Buffer.alloc(1024 * 1024, 0x61) });
  await dropBuilt(page, { name: 'huge.log', parts: [['mb', 201]] });
  await page.waitForSelector('.notices');
  assert.match(await page.textContent('.notices'), /huge\.log: the file is too large \(201\.0 MB\)\. nwcheck reads files up to 200 MB/);
  assert.equal(await page.locator('.job').count(), 0, 'nothing is read');
  // Still works.
  await clickSample(page);
  await waitReport(page, n + 1);
  assert.equal(await page.getAttribute('#overall', 'data-overall'), 'problems');
  await assertQuiet(app);
  await app.close();
});

test('clicking a check or a finding opens the raw log at its block, and the keyboard works there', async () => {
  const app = await openApp(browser, server);
  const { page } = app;
  await clickSample(page);
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

/** The sample with a proxy password in its proxy URL: its bytes and that password. */
function proxyLog() {
  const name = 'proxy-credentials-in-url.log';
  const raw = fs.readFileSync(path.join(DATA, name));
  const password = raw.toString('utf8').match(/https?:\/\/[^:\s]+:([^@\s]+)@/)[1];
  return { name, raw, password };
}

/** A page allowed to use the clipboard, showing the proxy sample repeated to `mb` MB (read by the worker). */
async function openBigProxyLog(file, mb) {
  const app = await openApp(browser, server);
  await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
  const { name, raw, password } = proxyLog();
  await putParts(app.page, { log: raw });
  const { size } = await dropBuilt(app.page, { name: file, parts: [['log', 1]], bytes: mb * MB });
  await waitReport(app.page, 1);
  return { app, page: app.page, name, raw, password, times: size / raw.length };
}

test('proxy passwords never reach the DOM, the copied summary or the JSON', async () => {
  const app = await openApp(browser, server);
  const { page, context } = app;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
  const { name, password } = proxyLog();
  await dropFiles(page, [logFile(name)]);
  await waitReport(page, 1);
  const { download, json } = await assertPasswordNowhere(page, password);
  assert.equal(download.suggestedFilename(), 'nwcheck-proxy-credentials-in-url.json');
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
  await clickSample(page);
  await waitReport(page, 1);
  await page.check('#mask');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
  const json = fs.readFileSync(await download.path(), 'utf8');
  const report = JSON.parse(json);
  assert.equal(report.schema, 1);
  for (const secret of ['rhel92-bk01', '10.0.3.7', '10.0.0.10']) {
    assert.ok(!json.includes(secret), `masked JSON still contains ${secret}`);
  }
  // Microsoft's public answers stay: support needs them.
  assert.ok(report.checks.some((c) => c.kind === 'dns' && (c.addresses ?? []).some((a) => !a.startsWith('ip-'))), 'an Azure answer is kept');
  assert.ok(!download.suggestedFilename().includes('rhel92-bk01'), `masked file name ${download.suggestedFilename()}`);
  assert.match(download.suggestedFilename(), /^nwcheck-masked/);
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
  await clickSample(page);
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
    await clickSample(page);
    await waitReport(page, 1);
    assert.ok((await renderedChecks(page)).length > 0);
    // A large file: the worker's files come from the service worker too.
    await putParts(page, { log: fs.readFileSync(path.join(DATA, 'tls-interception.log')) });
    await dropBuilt(page, { name: 'big-offline.log', parts: [['log', 1]], bytes: 2 * MB });
    await waitReport(page, 2);
    assert.ok((await renderedChecks(page)).length > 0);
  } finally {
    server.down = false;
  }
  assert.deepEqual(app.errors, []);
  await app.close();
});

test('the page also works from the server root', async () => {
  const app = await openApp(browser, server, { path: '/' });
  await clickSample(app.page);
  await waitReport(app.page, 1);
  await assertQuiet(app);
  await app.close();
});

test('no accessibility violation of any impact (axe-core), light, dark, narrow and with the log open', async () => {
  const states = [
    { name: 'light', options: {} },
    { name: 'dark', options: { colorScheme: 'dark' } },
    { name: 'narrow', options: { viewport: { width: 390, height: 844 }, context: { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } } },
  ];
  for (const state of states) {
    const app = await openApp(browser, server, state.options);
    const { page } = app;
    const empty = await axe(page, AXE_SOURCE);
    await clickSample(page);
    await waitReport(page, 1);
    const loaded = await axe(page, AXE_SOURCE);
    await page.locator('button.check').first().click();
    await page.waitForSelector('#log-dialog[open]');
    const dialog = await axe(page, AXE_SOURCE);
    await page.keyboard.press('Escape');
    const bad = [...empty, ...loaded, ...dialog];
    assert.deepEqual(bad, [], `${state.name}: ${JSON.stringify(bad, null, 1)}`);
    await assertQuiet(app);
    await app.close();
  }
});

test('the print view shows the report without the controls', async () => {
  const app = await openApp(browser, server);
  const { page } = app;
  await clickSample(page);
  await waitReport(page, 1);
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['#drop-zone', '#paste-box', '#copy-text', '#lang-select', '#failures-only']) {
    assert.equal(await page.isVisible(hidden), false, `${hidden} is printed`);
  }
  for (const shown of ['#overall', '.card', '.finding', '.machine']) assert.ok(await page.isVisible(shown), `${shown} is not printed`);
  await assertQuiet(app);
  await app.close();
});

test('screenshots for the README (desktop and phone, English and Japanese, dark, the log, a first visit)', async () => {
  const desktop = { width: 1366, height: 900 };
  const phone = { viewport: { width: 390, height: 844 }, context: { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } };
  const shots = [
    { file: 'first-visit.png', empty: true, options: { viewport: desktop } },
    { file: 'light.png', options: { viewport: desktop } },
    { file: 'ja.png', options: { locale: 'ja-JP', viewport: desktop } },
    { file: 'narrow.png', options: phone },
    { file: 'ja-narrow.png', options: { locale: 'ja-JP', ...phone } },
    { file: 'dark.png', options: { colorScheme: 'dark', viewport: desktop } },
    { file: 'log.png', log: true, options: { viewport: { width: 1366, height: 800 } } },
  ];
  for (const shot of shots) {
    const app = await openApp(browser, server, shot.options);
    const { page } = app;
    if (!shot.empty) {
      await clickSample(page);
      await waitReport(page, 1);
    }
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

/** The report of the log on screen, as the "Download JSON" button saves it. */
/**
 * Opens the proxy lines in the log dialog, copies both summaries and
 * downloads the JSON, asserting the password is in none of them.
 * Returns the download and the JSON text.
 */
async function assertPasswordNowhere(page, password) {
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
  const json = fs.readFileSync(await download.path(), 'utf8');
  assert.ok(!json.includes(password), 'password in the JSON');
  return { download, json };
}

async function downloadJson(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
  return JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
}

/** Every check of `report` is the check of `expect` at the same place in the repeated log. */
function assertRepeated(report, expect, times, name) {
  const n = expect.checks.length;
  assert.equal(report.checks.length, n * times, `${name}: checks`);
  report.checks.forEach((c, i) => {
    const want = expect.checks[i % n];
    for (const k of ['fqdn', 'kind', 'status', 'reason']) assert.equal(c[k], want[k], `${name}: check ${i} ${k}`);
    assert.equal(c.port ?? null, want.port ?? null, `${name}: check ${i} port`);
  });
}

/** Records, in the page, every stage a worker job shows (`window.__stages`, `window.__stageAt`: when each began). */
async function watchStages(page) {
  await page.evaluate(() => {
    window.__stages = [];
    window.__stageAt = [];
    new MutationObserver(() => {
      for (const job of document.querySelectorAll('.job[data-stage]')) {
        const stage = job.dataset.stage;
        if (window.__stages.at(-1) !== stage) {
          window.__stages.push(stage);
          window.__stageAt.push(performance.now());
        }
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-stage'] });
  });
}


test('a file over 1 MB is read and analyzed in a worker, with progress, and gives the same verdicts', async () => {
  const app = await openApp(browser, server);
  const { page } = app;
  const workers = page.workers().map((w) => w.url());
  page.on('worker', (w) => workers.push(w.url()));
  const name = 'backup-443-timeout.log';
  const log = fs.readFileSync(path.join(DATA, name));
  await putParts(page, { log });
  await watchStages(page);
  const { size } = await dropBuilt(page, { name: 'big-backup.log', parts: [['log', 1]], bytes: 3 * MB });
  await page.waitForSelector('.job progress');
  await waitReport(page, 1);
  assert.equal(await page.locator('.job').count(), 0, 'the progress is gone');
  const stages = await page.evaluate(() => window.__stages);
  assert.ok(stages.includes('reading') || stages.includes('analyzing'), `stages seen: ${stages}`);
  assert.ok(workers.length > 0, 'a worker was started');
  assert.deepEqual([...new Set(workers.map((u) => path.basename(new URL(u).pathname)))], ['worker.js']);
  // Same verdicts as the log analyzed once, repeated.
  const report = await downloadJson(page);
  assertRepeated(report, expectOf(name), size / log.length, name);
  // Every rendered check carries its verdict.
  const rendered = await renderedChecks(page);
  assert.ok(rendered.length > 0);
  for (const r of rendered) {
    const c = report.checks[r.index];
    assert.deepEqual([r.fqdn, r.kind, r.port, r.status, r.reason], [c.fqdn, c.kind, c.port ?? null, c.status, c.reason]);
  }
  await assertQuiet(app);
  await app.close();
});

test('a large report opens its raw log at the evidence and is exported in steps: "preparing" shows, and the files are the report', async () => {
  const { app, page, name, raw, password, times } = await openBigProxyLog('big-export.log', 8);
  // The raw log opens at the last check: its rows are the log's lines around it (the log came
  // from the worker in pieces, and the page found its lines as they came).
  await page.locator('button.check').last().click();
  await page.waitForSelector('#log-dialog[open] .row.hl');
  // (The page's copy of the log has the proxy password masked.)
  const lines = Buffer.concat(Array(times).fill(raw))
    .toString('utf8')
    .replaceAll(`:${password}@`, ':***@')
    .split('\n')
    .map((l) => l.replace(/\r$/, ''));
  const rows = await page.$$eval('#log-dialog .row', (els) => els.map((e) => [Number(e.dataset.line), e.querySelector('.tx').textContent]));
  assert.ok(rows.length > 100 && rows.length < 1000, `${rows.length} rows around the evidence`);
  rows.forEach(([n, text], i) => {
    assert.equal(n, rows[0][0] + i, 'consecutive lines');
    assert.equal(text, lines[n - 1], `line ${n}`);
  });
  const marked = await page.$$eval('#log-dialog .row.hl', (els) => els.map((e) => e.querySelector('.tx').textContent));
  assert.match(marked[0], /##TRY!!/, 'the marked lines start at the command');
  await page.keyboard.press('Escape');
  // Status texts as they come, and the longest main-thread task meanwhile.
  await page.evaluate(() => {
    window.__status = [];
    // Each status with whether the export buttons could be pressed then.
    new MutationObserver(() =>
      window.__status.push(`${document.querySelector('#hand-off-status').textContent}${document.querySelector('#copy-text').disabled ? ' (buttons wait)' : ''}`),
    ).observe(
      document.querySelector('#hand-off-status'),
      { childList: true, characterData: true, subtree: true },
    );
  });
  const exportJson = async (mask) => {
    await page.setChecked('#mask', mask);
    const from = await page.evaluate(() => performance.now());
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.click('#download-json')]);
    const json = fs.readFileSync(await download.path(), 'utf8');
    const longest = await page.evaluate((from) => Math.max(0, ...window.__longtasks.filter((t) => t.start >= from).map((t) => t.duration)), from);
    return { json, longest };
  };
  const plain = await exportJson(false);
  const report = JSON.parse(plain.json);
  assertRepeated(report, expectOf(name), times, name);
  assert.ok(!plain.json.includes(password), 'no password in the JSON');
  // The page showed that it was preparing the file, then that it was saved.
  const statuses = await page.evaluate(() => window.__status);
  assert.ok(statuses.includes('Preparing… (buttons wait)'), `statuses: ${statuses}`);
  assert.equal(await page.isEnabled('#download-json'), true, 'the buttons work again once the file is saved');
  assert.equal(await page.textContent('#hand-off-status'), 'The JSON file was saved.');
  // Masked: the same checks, no address or host name of the machine left.
  const masked = await exportJson(true);
  const m = JSON.parse(masked.json);
  assert.equal(m.checks.length, report.checks.length);
  m.checks.forEach((c, i) => assert.deepEqual([c.fqdn, c.status, c.reason], [report.checks[i].fqdn, report.checks[i].status, report.checks[i].reason]));
  // Private, loopback and unspecified answers are the customer's (or a filter's): masked. Microsoft's
  // public answers may stay.
  const notPublic = (a) => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|127\.|0\.|169\.254\.)/.test(a) || /^(f[cd]|fe80|::)/i.test(a);
  const secrets = [password, report.host, ...report.checks.flatMap((c) => c.addresses ?? []).filter(notPublic)];
  for (const secret of secrets.filter(Boolean)) {
    assert.ok(!masked.json.includes(`"${secret}"`), `masked JSON still contains ${secret}`);
  }
  await page.click('#copy-markdown');
  await page.waitForFunction(() => document.querySelector('#hand-off-status').textContent === 'Copied to the clipboard.', null, { timeout: 60000 });
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(copied.length > 0 && !copied.includes(report.host) && !copied.includes(password), 'masked summary');
  console.log(`# exports of ${report.checks.length} checks: longest main-thread task during the JSON download ${plain.longest ? plain.longest.toFixed(0) + ' ms' : 'none over 50 ms'}, masked ${masked.longest ? masked.longest.toFixed(0) + ' ms' : 'none over 50 ms'}`);
  await assertQuiet(app);
  await app.close();
});

test('a log just under the 200 MB limit is read, analyzed and shown', async () => {
  const app = await openApp(browser, server);
  const { page } = app;
  const name = 'backup-443-timeout.log';
  const raw = fs.readFileSync(path.join(DATA, name));
  await putParts(page, { log: raw });
  const times = Math.floor((200 * MB - 1) / raw.length);
  const { size, dropAt } = await dropBuilt(page, { name: 'largest.log', parts: [['log', times]] });
  assert.ok(size > 199 * MB && size <= 200 * MB, `size ${size}`);
  await page.waitForSelector('.report[data-doc="1"]', { timeout: 120000 });
  const n = expectOf(name).checks.length * times;
  assert.match(await page.textContent('.banner-detail'), new RegExp(`^${n.toLocaleString('en-US').replaceAll(',', ',?')} checks`));
  const { verdict, longest } = await page.evaluate((at) => ({
    verdict: performance.getEntriesByName('nwcheck-verdict').at(-1).startTime - at,
    longest: Math.max(0, ...window.__longtasks.filter((t) => t.start >= at).map((t) => t.duration)),
  }), dropAt);
  console.log(`# ${size} bytes (${n} checks): verdict ${(verdict / 1000).toFixed(1)} s after the drop; longest main-thread task ${longest ? longest.toFixed(0) + ' ms' : 'none over 50 ms'}`);
  await assertQuiet(app);
  await app.close();
});

test('a pasted log over 1 MB is analyzed in a worker, with progress, and gives the checks of the same log dropped as a file', async () => {
  const app = await openApp(browser, server);
  const { page } = app;
  const name = 'backup-443-timeout.log';
  // A text box holds line ends as \n only, so the file dropped for comparison has them so too.
  const log = Buffer.from(fs.readFileSync(path.join(DATA, name), 'utf8').replace(/\r\n?/g, '\n'));
  const times = Math.ceil((3 * MB) / log.length);
  await putParts(page, { log });
  await watchStages(page);
  // The paste box holds the log repeated to 3 MB, built in the page as a paste would leave it.
  const size = await page.evaluate((times) => {
    const box = document.querySelector('#paste-box');
    box.value = new TextDecoder().decode(window.__parts.log).repeat(times);
    return new TextEncoder().encode(box.value).length;
  }, times);
  assert.equal(size, log.length * times);
  // Every worker job row the page shows: its name, and whether it has a progress bar and a cancel button.
  await page.evaluate(() => {
    window.__jobs = new Map();
    new MutationObserver(() => {
      for (const job of document.querySelectorAll('.job[data-read]')) {
        const seen = { name: job.querySelector('.job-name')?.textContent, progress: !!job.querySelector('progress'), cancel: !!job.querySelector('.cancel') };
        window.__jobs.set(job.dataset.read, seen);
      }
    }).observe(document.body, { subtree: true, childList: true });
  });
  await page.focus('#paste-box');
  await page.keyboard.press('Control+Enter');
  await waitReport(page, 1);
  assert.equal(await page.locator('.job').count(), 0, 'the progress is gone');
  // The worker path: a job row with progress and a cancel button, named like a pasted text.
  assert.deepEqual(await page.evaluate(() => Array.from(window.__jobs.values())), [{ name: 'Pasted text', progress: true, cancel: true }]);
  const stages = await page.evaluate(() => window.__stages);
  assert.ok(stages.includes('reading') || stages.includes('analyzing'), `stages seen: ${stages}`);
  const [pastedDownload] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
  assert.equal(pastedDownload.suggestedFilename(), 'nwcheck-pasted-1.json');
  const pasted = JSON.parse(fs.readFileSync(await pastedDownload.path(), 'utf8'));
  assertRepeated(pasted, expectOf(name), times, name);
  // The same bytes dropped as a file give the same checks, services and verdict.
  await dropBuilt(page, { name: 'big-backup.log', parts: [['log', times]] });
  await waitReport(page, 2);
  const dropped = await downloadJson(page);
  assert.deepEqual(pasted.checks, dropped.checks);
  assert.deepEqual(pasted.services, dropped.services);
  assert.deepEqual(pasted.overall, dropped.overall);
  // A small paste is still analyzed at once (no job row), with Ctrl+Enter too; its number follows.
  const jobs = await page.evaluate(() => window.__jobs.size);
  await openMore(page);
  await page.fill('#paste-box', log.toString('utf8'));
  await page.focus('#paste-box');
  await page.keyboard.press('Control+Enter');
  await waitReport(page, 3);
  assertChecksMatch(await renderedChecks(page), expectOf(name), `${name} (pasted)`);
  assert.equal(await page.evaluate(() => window.__jobs.size), jobs, 'no worker job for a small paste');
  assert.match(await page.getAttribute('.tab.current .tab-select', 'title'), /^Pasted text 2: /);
  // Tabs are named by host and run time, pasted logs too.
  assert.match(await page.textContent('.tab.current .tab-name'), /^rhel86-app02 · /);
  // An empty paste gives a notice, not a report.
  await page.fill('#paste-box', '  \n ');
  await page.focus('#paste-box');
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('.notices');
  assert.match(await page.textContent('.notices'), /The paste box is empty/);
  assert.equal(await page.locator('.report').count(), 1);
  assert.equal(await page.locator('.tabs .tab').count(), 3);
  await assertQuiet(app);
  await app.close();
});

test('cancel stops a large analysis, closes its worker, and the page keeps working', async () => {
  const app = await openApp(browser, server);
  const { page } = app;
  const open = new Set();
  const track = (w) => {
    open.add(w);
    w.on('close', () => open.delete(w));
  };
  page.workers().forEach(track);
  page.on('worker', track);
  // Once idle after loading, the page starts one spare worker, and only one.
  await waitUntil(() => open.size === 1, 'a spare worker is started once the page is idle');
  await page.waitForTimeout(500);
  assert.equal(open.size, 1, 'one spare worker at most');
  const [spare] = open;
  await putParts(page, { log: fs.readFileSync(path.join(DATA, 'private-endpoint.log')) });
  await dropBuilt(page, { name: 'cancel-me.log', parts: [['log', 1]], bytes: 100 * MB });
  // The analysis shows how far it is, and is cancelled in the middle.
  await page.waitForFunction(
    () => {
      const bar = document.querySelector('.job[data-stage="analyzing"] progress');
      return bar && bar.value > 0 && bar.value < 50;
    },
    null,
    { timeout: 30000, polling: 'raf' },
  );
  let closedAt = null;
  spare.once('close', () => (closedAt = Date.now()));
  const cancelAt = Date.now();
  await page.click('.job .cancel');
  await page.waitForFunction(() => document.querySelectorAll('.job').length === 0);
  // No late result, and the worker that had the job (the spare) is gone; a new spare replaces it.
  await waitUntil(() => !open.has(spare), 'the worker was closed');
  console.log(`# cancel in the middle of a 100 MB analysis: its worker closed ${closedAt - cancelAt} ms after the click`);
  await waitUntil(() => open.size === 1, 'a new spare worker is started after the job');
  await page.waitForTimeout(500);
  assert.equal(open.size, 1, 'one spare worker at most');
  assert.equal(await page.locator('.report').count(), 0, 'no report after cancel');
  // Cancel while reading, too.
  await dropBuilt(page, { name: 'cancel-me-too.log', parts: [['log', 1]], bytes: 150 * MB });
  await page.waitForSelector('.job .cancel');
  await page.click('.job .cancel');
  await page.waitForFunction(() => document.querySelectorAll('.job').length === 0);
  // The page still works.
  await clickSample(page);
  await waitReport(page, 1);
  assert.equal(await page.getAttribute('#overall', 'data-overall'), 'problems');
  await assertQuiet(app);
  await app.close();
});

/** A log with `n` Azure Backup destinations, each with a DNS, a TCP and an HTTPS check. */
function manyDestinations(n) {
  let log = '#### 環境情報確認 ####\n## 実行しているマシンのホスト名はvm01です。\n#### 環境情報確認終了 ####\n\n#### (4) Azure Backup への疎通確認 ####\n';
  for (let i = 0; i < n; i++) {
    const host = `pod${String(i).padStart(5, '0')}-manag1.jpe.backup.windowsazure.com`;
    log +=
      `##TRY!! nslookup  ${host} ##\nServer:\t\t10.0.0.10\nAddress:\t10.0.0.10#53\n\n** server can't find ${host}: NXDOMAIN\n\n` +
      `##TRY!! nc -vz ${host} 443 ##\nNcat: Version 7.93 ( https://nmap.org/ncat )\nNcat: Connection timed out.\n\n` +
      `##TRY!! curl -I https://${host} ##\ncurl: (28) Connection timed out after 300001 milliseconds\n\n`;
  }
  return log;
}

test('a report with thousands of checks shows each card in steps, every shown check with its verdict', async () => {
  const app = await openApp(browser, server);
  const { page } = app;
  const n = 6000;
  await putParts(page, { log: Buffer.from(manyDestinations(n)) });
  const { dropAt } = await dropBuilt(page, { name: 'many-destinations.log', parts: [['log', 1]] });
  await waitReport(page, 1);
  const verdictMs = await page.evaluate((at) => performance.getEntriesByName('nwcheck-verdict').at(-1).startTime - at, dropAt);
  const rows = () => page.locator('[data-service="backup"] tbody tr').count();
  assert.equal(await rows(), 50);
  assert.match(await page.textContent('[data-service="backup"] .show-more'), new RegExp(`${n - 50} not shown`));
  const rendered = await renderedChecks(page);
  assert.equal(rendered.length, 150);
  for (const r of rendered) {
    assert.match(r.fqdn, /^pod\d{5}-manag1/);
    assert.ok(r.kind && r.status && r.reason, JSON.stringify(r));
  }
  const t0 = await page.evaluate(() => performance.now());
  await page.click('[data-service="backup"] .show-more');
  await page.waitForFunction(() => document.querySelectorAll('[data-service="backup"] tbody tr').length === 100);
  const moreMs = await page.evaluate((t0) => performance.now() - t0, t0);
  const longest = await page.evaluate((at) => Math.max(0, ...window.__longtasks.filter((t) => t.start >= at).map((t) => t.duration)), dropAt);
  console.log(`# ${n * 3} checks (${n} destinations): drop to verdict ${verdictMs.toFixed(0)} ms, "show more" ${moreMs.toFixed(0)} ms, longest main-thread task ${longest ? longest.toFixed(0) + ' ms' : 'none over 50 ms'}`);
  await assertQuiet(app);
  await app.close();
});

test('hostile input: a flood of empty lines, a flood of NUL and newline bytes, one 20 MB line', async () => {
  const app = await openApp(browser, server);
  const { page } = app;
  const base = fs.readFileSync(path.join(DATA, 'backup-443-timeout.log'));
  await putParts(page, {
    nl: Buffer.alloc(MB, 0x0a),
    crlf: Buffer.from('\r\n'.repeat(MB / 2)),
    nulnl: Buffer.from('\0\n'.repeat(MB / 2)),
    oneline: Buffer.from(base.toString('utf8').replace(/\n/g, ' ')),
  });
  const cases = [
    { name: 'newlines.log', parts: [['nl', 8]] },
    { name: 'crlf.log', parts: [['crlf', 8]] },
    { name: 'nul-newlines.log', parts: [['nulnl', 8]] },
    { name: 'one-line.log', parts: [['oneline', 1]], bytes: 20 * MB },
  ];
  let n = 0;
  for (const c of cases) {
    await dropBuilt(page, c);
    n += 1;
    await waitReport(page, n);
    assert.equal(await page.getAttribute('#overall', 'data-overall'), 'not-a-log', c.name);
    const message = (await page.textContent('#not-a-log-message')).trim();
    assert.ok(message.length > 10, `${c.name}: message "${message}"`);
  }
  await assertQuiet(app);
  await app.close();
});

/** A golden log in Shift_JIS (Node has no encoder: the table is built from its decoder). */
function toShiftJis(text) {
  const decoder = new TextDecoder('shift_jis');
  const table = new Map();
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead > 0x9f && lead < 0xe0) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const out = [];
  for (const ch of text) {
    if (ch.codePointAt(0) < 0x80) out.push(ch.codePointAt(0));
    else if (table.has(ch)) out.push(...table.get(ch));
    else out.push(0x3f);
  }
  return Buffer.from(out);
}

test('hostile input: UTF-16 (both byte orders), Shift_JIS and mixed encodings give the same verdicts', async () => {
  const app = await openApp(browser, server);
  const { page } = app;
  const name = 'backup-443-timeout.log';
  const text = fs.readFileSync(path.join(DATA, name), 'utf8');
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le).swap16();
  const mixed = Buffer.concat([
    Buffer.from(text.slice(0, text.indexOf('## ip a'))),
    toShiftJis('## テスト環境 '),
    Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]), // Latin-1 "café"
    Buffer.from(text.slice(text.indexOf('## ip a'))),
  ]);
  const ENCODING_WORDS = { 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE', shift_jis: 'Shift_JIS (CP932)', 'utf-8': 'UTF-8' };
  const cases = [
    { file: 'utf16le-bom.log', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), le]), encoding: 'utf-16le' },
    { file: 'utf16be-bom.log', bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), be]), encoding: 'utf-16be' },
    { file: 'utf16le.log', bytes: le, encoding: 'utf-16le' },
    { file: 'shift-jis.log', bytes: toShiftJis(text), encoding: 'shift_jis' },
    { file: 'mixed.log', bytes: mixed, encoding: 'utf-8' },
  ];
  let n = 0;
  for (const c of cases) {
    await dropFiles(page, [{ name: c.file, bytes: c.bytes }]);
    n += 1;
    await waitReport(page, n);
    assertChecksMatch(await renderedChecks(page), expectOf(name), c.file);
    assert.equal(await page.getAttribute('.file-facts dd >> nth=0', 'data-value'), c.encoding, `${c.file}: encoding`);
    assert.equal(await page.textContent('.file-facts dd >> nth=0'), ENCODING_WORDS[c.encoding], `${c.file}: encoding in words`);
    assert.match(await page.textContent('.banner-facts'), /rhel/, `${c.file}: host name decoded`);
  }
  // The same over 1 MB, read by the worker (which keeps UTF-8 as text as it comes, and other
  // encodings as bytes): the byte-order mark once at the start, the rest repeated.
  const bom = { 'utf16le-bom.log': [0xff, 0xfe], 'utf16be-bom.log': [0xfe, 0xff] };
  await putParts(page, Object.fromEntries(cases.flatMap((c) => [[c.file, c.bytes.subarray(bom[c.file] ? 2 : 0)], [`${c.file}-bom`, Buffer.from(bom[c.file] ?? [])]])));
  for (const c of cases) {
    const body = c.bytes.length - (bom[c.file] ? 2 : 0);
    const times = Math.ceil((1.5 * MB) / body);
    await dropBuilt(page, { name: `big-${c.file}`, parts: [[`${c.file}-bom`, 1], [c.file, times]] });
    n += 1;
    await waitReport(page, n);
    assertRepeated(await downloadJson(page), expectOf(name), times, `big-${c.file}`);
    assert.equal(await page.getAttribute('.file-facts dd >> nth=0', 'data-value'), c.encoding, `big-${c.file}: encoding`);
  }
  await assertQuiet(app);
  await app.close();
});

/** The golden proxy-auth-407 log with HTML and script in every field the report shows. */
function evilLog() {
  const e = (n) => `<img src=x onerror="window.__pwned=${n}">`;
  let s = fs.readFileSync(path.join(DATA, 'proxy-auth-407.log'), 'utf8');
  const swap = (from, to) => {
    assert.ok(s.includes(from), `the golden log has ${from}`);
    s = s.replace(from, to);
  };
  swap('ホスト名はrhel92-bk01です', `ホスト名はrhel92-bk01${e(1)}です`);
  swap('Wed Oct  2 12:57:31 AM UTC 2024', `Wed Oct  2 12:57:31 AM UTC 2024${e(2)}`);
  swap('Operating System: Red Hat Enterprise Linux 9.2 (Plow)', 'Operating System: Red Hat <script>window.__pwned=3</script>');
  swap('Kernel: Linux 5.14.0-284.30.1.el9_2.x86_64', `Kernel: Linux ${e(4)}`);
  swap('Virtualization: microsoft', 'Virtualization: microsoft<style>body{display:none}</style>');
  s = s.replaceAll('http://proxy.contoso.local:8080\n', 'http://proxy.contoso.local:8080/<script>window.__pwned=5</script>\n');
  swap('Server:\t\t10.0.0.10', `Server:\t\t10.0.0.10${e(6)}`);
  swap('Ncat: Version 7.93 ( https://nmap.org/ncat )', `Ncat: Version 7.93 ${e(7)}`);
  swap('HTTP/1.1 407 Proxy Authentication Required', 'HTTP/1.1 407 <iframe src="javascript:window.__pwned=8"></iframe>');
  s += `\n##TRY!! nslookup  x${e(9)}.blob.core.windows.net ##\nServer:\t\t10.0.0.10\nAddress:\t10.0.0.10#53\n\n** server can't find x${e(9)}.blob.core.windows.net: NXDOMAIN\n\n`;
  s += '##TRY!! curl -I https://evil.blob.core.windows.net ##\n  % Total    % Received % Xferd\nHTTP/1.1 403 <svg onload="window.__pwned=10"></svg>\nServer: <b>x</b>\n\n';
  return Buffer.from(s);
}

test('hostile input: HTML and script in every field are shown as text, never run or inserted (small and worker-read files)', async () => {
  const app = await openApp(browser, server);
  const { page } = app;
  const log = evilLog();
  await putParts(page, { log });
  const cases = [
    () => dropFiles(page, [{ name: 'x<img src=x onerror="window.__pwned=11">.log', bytes: log }]),
    () => dropBuilt(page, { name: 'big<script>window.__pwned=12</script>.log', parts: [['log', 1]], bytes: 2 * MB }),
  ];
  let n = 0;
  for (const drop of cases) {
    await drop();
    n += 1;
    await waitReport(page, n);
    // Open the log at every piece of evidence there is a button for, so the raw lines are in the DOM too.
    for (const button of [page.locator('button.check').last(), page.locator('#proxy .show-log'), page.locator('.finding .show-log').first()]) {
      await button.click();
      await page.waitForSelector('#log-dialog[open] .row.hl');
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !document.querySelector('#log-dialog').open);
    }
    const dom = await page.evaluate(() => ({
      pwned: window.__pwned ?? null,
      injected: ['img', 'iframe', 'style', 'svg', 'object', 'embed', 'b'].map((t) => [t, document.querySelectorAll(`.app ${t}`).length]).filter(([, c]) => c > 0),
      scripts: Array.from(document.scripts).map((s) => s.getAttribute('src')),
      handlers: Array.from(document.querySelectorAll('*')).flatMap((el) => Array.from(el.attributes).filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName} ${a.name}`)),
      hidden: getComputedStyle(document.body).display,
    }));
    assert.deepEqual(dom, { pwned: null, injected: [], scripts: ['./start.js'], handlers: [], hidden: 'block' });
    // The markup is there, as text.
    const text = await page.textContent('.app');
    for (const shown of ['rhel92-bk01<img src=x onerror="window.__pwned=1">', '<script>window.__pwned=3</script>', 'Linux <img src=x onerror="window.__pwned=4">', '8080/<script>window.__pwned=5</script>', 'x<img']) {
      assert.ok(text.includes(shown), `shown as text: ${shown}`);
    }
    assert.ok((await page.locator('button.check[title*="<iframe"]').count()) > 0, 'evidence with markup in a title attribute');
  }
  await assertQuiet(app);
  await app.close();
});

test('proxy passwords never reach the DOM, the copied summary or the JSON of a worker-read file', async () => {
  const { app, page, name, password, times } = await openBigProxyLog('big-proxy.log', 2);
  const { json } = await assertPasswordNowhere(page, password);
  assertRepeated(JSON.parse(json), expectOf(name), times, name);
  await assertQuiet(app);
  await app.close();
});

/** Drops a file built from the golden logs in a fresh page and times it. */
async function timeDrop(mb, dragMs) {
  const app = await openApp(browser, server);
  const { page } = app;
  const parts = Object.fromEntries(LOGS.map((name, i) => [`l${i}`, fs.readFileSync(path.join(DATA, name))]));
  await putParts(page, parts);
  // Gaps in a zero-timeout loop: how long the main thread could not answer.
  await page.evaluate(() => {
    window.__gap = 0;
    let last = performance.now();
    const tick = () => {
      const now = performance.now();
      window.__gap = Math.max(window.__gap, now - last);
      last = now;
      if (!window.__stopGap) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
  });
  await watchStages(page);
  const { size, dropAt } = await dropBuilt(page, { name: `gen-${mb}mb.log`, parts: Object.keys(parts).map((k) => [k, 1]), bytes: mb * MB, dragMs });
  await waitReport(page, 1);
  // Let the frame that shows the report end before reading the frame timings.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
  const result = await page.evaluate((at) => {
    window.__stopGap = true;
    const verdict = performance.getEntriesByName('nwcheck-verdict').at(-1).startTime;
    const long = window.__longtasks.filter((t) => t.start >= at - 1);
    const frames = window.__longframes.filter((t) => t.start + t.duration >= at);
    const received = performance.getEntriesByName('nwcheck-received').at(-1)?.startTime;
    const stages = window.__stages
      .map((s, i) => `${s} ${(window.__stageAt[i] - at).toFixed(0)}`)
      .concat(received ? [`received ${(received - at).toFixed(0)}`] : [])
      .join(', ');
    return {
      verdictMs: verdict - at,
      longest: Math.max(0, ...long.map((t) => t.duration)),
      longCount: long.length,
      frame: Math.max(0, ...frames.map((t) => t.duration)),
      gap: window.__gap,
      stages,
      checks: document.querySelector('.banner-detail')?.textContent,
    };
  }, dropAt);
  await assertQuiet(app);
  await app.close();
  return { mb, size, dragMs, ...result, firstRenderMs: app.firstRenderMs };
}

test('timings for the README: first render, drop to verdict for 1, 10 and 50 MB, longest main-thread task', async () => {
  const rows = [];
  for (const dragMs of [0, 300]) {
    for (const mb of [1, 10, 50]) rows.push(await timeDrop(mb, dragMs));
  }
  const renders = rows.map((r) => r.firstRenderMs).filter((t) => t != null);
  console.log(`# first render (page's nwcheck-ready mark, ms after navigation start): ${renders.map((t) => t.toFixed(0)).join(', ')} ms; served from ${SUB_PATH}`);
  for (const r of rows) {
    console.log(
      `# ${String(r.mb).padStart(2)} MB (${r.size} bytes), drop ${r.dragMs ? `after a ${r.dragMs} ms drag` : 'at once'}: verdict ${r.verdictMs.toFixed(0)} ms;` +
        ` longest main-thread task ${r.longest ? r.longest.toFixed(0) + ' ms' : 'none over 50 ms'} (${r.longCount} over 50 ms);` +
        ` longest animation frame ${r.frame ? r.frame.toFixed(0) + ' ms' : 'none over 50 ms'}; longest gap in a zero-timeout loop ${r.gap.toFixed(0)} ms;` +
        ` stages (ms after the drop): ${r.stages}; ${r.checks}`,
    );
  }
  assert.equal(rows.length, 6);
});

// ---- Issue 14: the first screen says what is broken, why, and what to do. ----

/** The top root cause of every golden log that has an error finding (the ranking of src/causes.rs). */
const TOP_CAUSE = {
  'backup-443-timeout.log': 'backup-unreachable',
  'ctrl-c-truncated.log': 'backup-unreachable',
  'dns-nxdomain-one-fqdn.log': 'dns-failure',
  'dns-timeout-no-servers.log': 'dns-failure',
  'file-recovery-3260-blocked.log': 'file-recovery-port-blocked',
  'proxy-auth-407.log': 'proxy-auth-required',
  'proxy-credentials-in-url.log': 'file-recovery-port-blocked',
  'proxy-curl-ok-nc-fails.log': 'file-recovery-port-blocked',
  'storage-443-refused.log': 'storage-unreachable',
  'tls-interception.log': 'tls-interception',
};

/** Whether the element matching `selector` lies wholly inside the window, without scrolling. */
async function onFirstScreen(page, selector) {
  return page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;
  });
}

test('the first screen shows the top root cause and its first next step, desktop and phone', async () => {
  const withErrors = LOGS.filter((name) => expectOf(name) && TOP_CAUSE[name]);
  assert.ok(withErrors.length >= 8, `samples with an error finding: ${withErrors}`);
  const viewports = [
    { name: 'desktop', options: { viewport: { width: 1366, height: 900 } } },
    { name: 'phone', options: { viewport: { width: 390, height: 844 }, context: { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } } },
  ];
  for (const vp of viewports) {
    const app = await openApp(browser, server, vp.options);
    const { page } = app;
    let n = 0;
    for (const name of withErrors) {
      await page.setInputFiles('#file-input', path.join(DATA, name));
      n += 1;
      await waitReport(page, n);
      // The page moved to the verdict; the top cause is the log's top error finding.
      const top = await page.getAttribute('#overall .root-cause:first-child', 'data-finding');
      assert.equal(top, TOP_CAUSE[name], `${vp.name} ${name}: top cause`);
      assert.equal(await page.getAttribute(`.finding[data-finding="${top}"]`, 'data-severity'), 'error', `${name}: an error finding`);
      for (const part of ['.cause-what', '.cause-step']) {
        assert.ok(await onFirstScreen(page, `#overall .root-cause:first-child ${part}`), `${vp.name} ${name}: ${part} is on the first screen`);
      }
      // Its step is the finding's first next step.
      const step = (await page.textContent('#overall .root-cause:first-child .cause-step')).replace(/^→\s*/, '').trim();
      const first = (await page.textContent(`.finding[data-finding="${top}"] ul.next li:first-child`)).trim();
      assert.equal(step, first, `${name}: first next step`);
      // The findings list follows the same order.
      assert.equal(await page.getAttribute('.findings .finding:first-of-type', 'data-finding'), top, `${name}: findings order`);
      // Focus is on the verdict; the browser tab's title carries it.
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'overall', `${name}: focus`);
      assert.match(await page.title(), /^✘ There are network problems · /, `${name}: title`);
    }
    await page.screenshot({ path: path.join(process.env.OUT_DIR || '/tmp', `first-screen-${vp.name}.png`) });
    await assertQuiet(app);
    await app.close();
  }
});

test('behind a proxy, failed nc checks are "not conclusive", not red failures', async () => {
  const app = await openApp(browser, server);
  const { page } = app;
  let n = 0;
  for (const name of ['proxy-curl-ok-nc-fails.log', 'proxy-auth-407.log']) {
    await dropFiles(page, [logFile(name)]);
    n += 1;
    await waitReport(page, n);
    const red = await page.$$eval('.report button.check.s-failed[data-kind="tcp"]', (els) => els.map((e) => e.dataset.port));
    assert.ok(red.every((p) => p === '3260'), `${name}: red nc checks other than 3260: ${red}`);
    const inconclusive = await page.$$eval('.report button.check[data-conclusive="false"]', (els) => els.map((e) => e.textContent));
    assert.ok(inconclusive.length > 0, `${name}: no check shown as not conclusive`);
    for (const words of inconclusive) assert.match(words, /not conclusive/);
    const counts = await page.textContent('#check-counts');
    const failed = Number(counts.match(/(\d+) failed/)?.[1] ?? 0);
    const redAll = await page.locator('.report button.check.s-failed').count();
    assert.equal(failed, redAll, `${name}: only real failures are counted: ${counts}`);
    assert.match(counts, new RegExp(`${inconclusive.length} not conclusive`));
    assert.match(await page.textContent('#not-conclusive-note'), /nc does not use the proxy/);
  }
  // The marks are explained where they are: HTTP answers say "reached", "–" says not tested.
  assert.match(await page.textContent('#legend'), /any HTTP answer.*means the path is open/);
  assert.match(await page.textContent('#legend'), /not tested by the script/);
  await assertQuiet(app);
  await app.close();
});

test('a file holding two runs gives two reports, the worst first; closing one can be undone', async () => {
  const app = await openApp(browser, server);
  const { page } = app;
  const first = fs.readFileSync(path.join(DATA, 'all-ok-ncat-rhel88.log'));
  const second = fs.readFileSync(path.join(DATA, 'tls-interception.log'));
  await dropFiles(page, [{ name: 'two-runs.log', bytes: Buffer.concat([first, second]) }]);
  await page.waitForFunction(() => document.querySelectorAll('.tabs .tab').length === 2);
  const tabs = await page.$$eval('.tab-name', (els) => els.map((e) => e.textContent));
  assert.match(tabs[0], /^rhel88-db01 · .* \(run 1 of 2\)$/);
  assert.match(tabs[1], /^rhel79-web01 · .* \(run 2 of 2\)$/);
  // The run with problems is on screen, and says the file held two runs.
  assert.equal(await page.getAttribute('#overall', 'data-overall'), 'problems');
  assert.match(await page.textContent('.runs-note'), /holds 2 runs/);
  assertChecksMatch(await renderedChecks(page), expectOf('tls-interception.log'), 'run 2');
  await page.locator('.tab.current .tab-close').click();
  await page.waitForFunction(() => document.querySelectorAll('.tab').length === 0);
  assert.equal(await page.getAttribute('#overall', 'data-overall'), 'ok');
  assertChecksMatch(await renderedChecks(page), expectOf('all-ok-ncat-rhel88.log'), 'run 1');
  await page.click('#undo-close');
  await page.waitForFunction(() => document.querySelectorAll('.tabs .tab').length === 2);
  assert.equal(await page.getAttribute('#overall', 'data-overall'), 'problems');
  await assertQuiet(app);
  await app.close();
});

test('with the mask switch on, the download name, the print view, the copied text and the title hold no host name', async () => {
  const app = await openApp(browser, server);
  const { page, context } = app;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
  const name = 'CheckNWResult_rhel92-bk01_202410020057.log';
  await dropFiles(page, [{ name, bytes: fs.readFileSync(path.join(DATA, 'proxy-auth-407.log')) }]);
  await waitReport(page, 1);
  await page.check('#mask');
  await page.waitForSelector('.report[data-masked="true"]');
  const secrets = ['rhel92-bk01', 'proxy.contoso.local', '10.0.3.7', '10.0.0.10'];
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
  assert.equal(download.suggestedFilename(), 'nwcheck-masked-202410020057.json');
  const json = fs.readFileSync(await download.path(), 'utf8');
  for (const s of secrets) assert.ok(!json.includes(s), `JSON holds ${s}`);
  await page.click('#copy-text');
  await page.waitForFunction(() => document.querySelector('#hand-off-status').textContent.length > 0);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  for (const s of secrets) assert.ok(!copied.includes(s), `copied text holds ${s}`);
  assert.ok(copied.includes('pod01-manag1.jpe.backup.windowsazure.com'), "Microsoft's public names stay");
  await page.emulateMedia({ media: 'print' });
  const printed = await page.evaluate(() => document.body.innerText);
  for (const s of secrets) assert.ok(!printed.includes(s), `print view holds ${s}`);
  assert.ok(printed.includes('pod01-manag1.jpe.backup.windowsazure.com'));
  assert.ok(printed.includes('asks for credentials (407)'));
  for (const s of secrets) assert.ok(!(await page.title()).includes(s), `title holds ${s}`);
  await assertQuiet(app);
  await app.close();
});

test('no sideways scrolling at 320 px, empty, with each sample and with the log open', async () => {
  const app = await openApp(browser, server, { viewport: { width: 320, height: 640 }, context: { isMobile: true, hasTouch: true } });
  const { page } = app;
  const wide = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.equal(await wide(), 0, 'empty page');
  // A touch screen is not told to drop files.
  assert.equal(await page.isVisible('.drop-text.when-fine'), false);
  assert.ok(await page.isVisible('.drop-text.when-touch'));
  const samples = ['#sample-all-ok', '#sample-firewall', '#sample', '#sample-tls', '#sample-private-endpoint'];
  for (const [i, id] of samples.entries()) {
    await clickSample(page, id);
    await waitReport(page, i + 1);
    assert.equal(await wide(), 0, `${id}: page wider than the screen`);
  }
  await page.locator('button.check').first().click();
  await page.waitForSelector('#log-dialog[open] .row.hl');
  assert.equal(await wide(), 0, 'with the log open');
  await assertQuiet(app);
  await app.close();
});

test('the raw-log dialog closes on a click outside, steps between evidence and copies its lines', async () => {
  const app = await openApp(browser, server);
  const { page, context } = app;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
  await clickSample(page);
  await waitReport(page, 1);
  const failed = page.locator('button.check[data-status="failed"]');
  await failed.first().click();
  await page.waitForSelector('#log-dialog[open] .row.hl');
  const lit = () => page.$$eval('#log-dialog .row.hl', (rows) => rows.map((r) => Number(r.dataset.line)));
  const at = await lit();
  assert.equal(await page.isDisabled('#log-prev'), true, 'no evidence before the first');
  await page.click('#log-next');
  await page.waitForFunction((first) => Number(document.querySelector('#log-dialog .row.hl')?.dataset.line) > first, at[0]);
  const next = await lit();
  await page.click('#log-copy');
  await page.waitForFunction(() => document.querySelector('.log-copied').textContent.length > 0);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const rows = await page.$$eval('#log-dialog .row.hl .tx', (els) => els.map((e) => e.textContent));
  assert.equal(copied, rows.join('\n'));
  assert.ok(next[0] > at[0]);
  await page.click('#log-prev');
  await page.waitForFunction((first) => Number(document.querySelector('#log-dialog .row.hl')?.dataset.line) === first, at[0]);
  // A click on the backdrop (outside the dialog's box) closes it.
  await page.mouse.click(5, 5);
  await page.waitForFunction(() => !document.querySelector('#log-dialog').open);
  await assertQuiet(app);
  await app.close();
});

test('first visit: how to get the log, five samples, and a 25 KB log from drop to verdict (timed, not asserted)', async () => {
  const times = [];
  for (let run = 0; run < 5; run++) {
    const app = await openApp(browser, server);
    const { page } = app;
    if (run === 0) {
      assert.match(await page.textContent('.how-to'), /Check_Backup_NW_Linux_verX\.X\.sh.*CheckNWResult_<host>_<date>\.log/s);
      assert.equal(await page.locator('.samples button.sample').count(), 5);
    }
    const log = fs.readFileSync(path.join(DATA, 'proxy-auth-407.log'));
    const padded = Buffer.concat([log, Buffer.alloc(25 * 1024 - log.length, 0x0a)]);
    await putParts(page, { log: padded });
    const { size, dropAt } = await dropBuilt(page, { name: 'CheckNWResult_rhel92-bk01_202410020057.log', parts: [['log', 1]], dragMs: 300 });
    assert.equal(size, 25 * 1024);
    await waitReport(page, 1);
    const verdict = await page.evaluate(() => performance.getEntriesByName('nwcheck-verdict').at(-1).startTime);
    times.push(verdict - dropAt);
    assert.equal(await page.getAttribute('#overall .root-cause:first-child', 'data-finding'), 'proxy-auth-required');
    await assertQuiet(app);
    await app.close();
  }
  console.log(`# 25 KB log, drop to verdict on screen (after a 300 ms drag): ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
});
