// End-to-end tests of the follow-up panel (commands for the vault's region,
// their output pasted back into the report) and of the before/after
// comparison of two open logs, on the built page (dist/). Like e2e.test.mjs,
// every test ends by checking that nothing left the browser. Also takes the
// README's screenshots of both panels.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startServer, launch, openApp, dropFiles, renderedChecks, axe, DATA, DIST, SCREENSHOTS } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

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

const DIST_FILES = new Set(fs.existsSync(DIST) ? fs.readdirSync(DIST) : []);

function read(name) {
  return fs.readFileSync(path.join(DATA, name), 'utf8');
}

function logFile(name) {
  return { name, bytes: fs.readFileSync(path.join(DATA, name)) };
}

/** No serious or critical accessibility violation on the page as it is. */
async function assertAccessible(page, what) {
  const violations = (await axe(page, AXE_SOURCE)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(violations, [], `${what}: ${JSON.stringify(violations, null, 1)}`);
}

/** Nothing left the browser: no other origin, no request the server saw after load, no CSP violation, no console error. */
async function assertQuiet(app) {
  const requests = app.requests();
  assert.deepEqual(requests.filter((u) => new URL(u).origin !== app.origin), [], 'requests to another origin');
  for (const u of requests) assert.ok(DIST_FILES.has(path.basename(new URL(u).pathname)), `request for a file that is not the page's: ${u}`);
  assert.deepEqual(app.serverHits().filter((u) => path.basename(u) !== 'sw.js'), [], 'requests the server got after load');
  assert.deepEqual(await app.csp(), [], 'CSP violations');
  assert.deepEqual(app.errors, [], 'console errors');
}

test('follow-up: choose a region, copy its commands, paste their output, see the follow-up checks in the report', async () => {
  const app = await openApp(browser, server, { viewport: { width: 1280, height: 1100 } });
  const { page } = app;
  await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
  await dropFiles(page, [logFile('backup-443-timeout.log')]);
  await page.waitForSelector('.report[data-doc="1"] #followup');
  assert.equal(await page.locator('.finding[data-finding="region-specific-fqdn"]').count(), 1);
  // Preset from the log: its first region (jpe), Linux, VM backup.
  assert.equal(await page.inputValue('#followup-region'), 'jpe');
  assert.equal(await page.inputValue('#followup-os'), 'linux');
  assert.equal(await page.inputValue('#followup-scenario'), 'vm-backup');

  await page.selectOption('#followup-region', 'krc');
  await page.selectOption('#followup-scenario', 'workload');
  const golden = read('commands/koreacentral-linux-workload.en.txt');
  assert.equal(await page.textContent('#followup-commands'), golden);
  await page.click('#followup-copy');
  await page.waitForFunction(() => document.querySelector('#followup-copy-status').textContent === 'Copied.');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), golden);

  // A proxy a shell would act on is refused; a private endpoint list changes the names.
  await page.fill('#followup-proxy', 'http://p:1;reboot');
  await page.waitForSelector('.followup [role="alert"]');
  assert.equal(await page.locator('#followup-commands').count(), 0);
  await page.fill('#followup-proxy', '');
  await page.fill('#followup-pe', read('commands/eastasia-private-endpoints.txt'));
  await page.waitForFunction(() => document.querySelector('#followup-pe-count')?.textContent === '2 records read.');
  const withPe = await page.textContent('#followup-commands');
  assert.match(withPe, /^nslookup 1728394056172839405-ab-pod01-fc1\.privatelink\.ea\.backup\.windowsazure\.com$/m);
  assert.doesNotMatch(withPe, /pod01-manag1\.krc/, 'the public backup names give way to the private endpoint');
  await page.fill('#followup-pe', '');

  // Paste the commands' output back.
  await page.fill('#followup-paste', read('followup/koreacentral-workload-linux.paste.txt'));
  await page.click('#followup-read');
  await page.waitForSelector('#followup-checks li');
  const items = await page.$$eval('#followup-checks li', (lis) => lis.map((li) => ({ status: li.dataset.status, text: li.textContent })));
  assert.equal(items.length, 18);
  assert.equal(items.filter((i) => i.status === 'failed').length, 4);
  assert.ok(items.some((i) => i.text.includes('TCP pod01-manag1.krc.backup.windowsazure.com 443: failed (timed out)')), JSON.stringify(items));
  assert.ok(await page.isVisible('#followup-resolved'));
  assert.equal(await page.locator('.finding[data-finding="region-specific-fqdn"]').count(), 0);
  // The same report: the service cards hold the follow-up checks too, with their verdicts.
  const checks = await renderedChecks(page);
  const krc = checks.filter((c) => c.fqdn === 'pod01-prot1.krc.backup.windowsazure.com');
  assert.deepEqual(krc.map((c) => [c.kind, c.status, c.reason]), [['dns', 'ok', 'resolved'], ['tcp', 'failed', 'timeout'], ['https', 'failed', 'timeout']]);
  // A follow-up check opens the pasted text at its lines.
  await page.locator('button.check[data-fqdn="pod01-prot1.krc.backup.windowsazure.com"][data-kind="tcp"]').click();
  await page.waitForSelector('#log-dialog[open] .row.hl');
  const lit = await page.$$eval('#log-dialog .row.hl', (rows) => rows.map((r) => r.textContent).join('\n'));
  assert.match(lit, /nc -vz pod01-prot1\.krc\.backup\.windowsazure\.com 443/);
  await page.click('#log-close');
  await page.waitForFunction(() => !document.querySelector('#log-dialog').open);

  // A paste without any command gives a notice and changes nothing.
  await page.fill('#followup-paste', 'nothing typed here');
  await page.click('#followup-read');
  await page.waitForSelector('.notices');
  assert.equal(await page.locator('#followup-checks li').count(), 18);

  await page.click('.notices .link-button');
  await assertAccessible(page, 'follow-up panel with its checks');
  await page.evaluate(() => {
    document.activeElement?.blur();
    document.querySelector('#followup').scrollIntoView();
  });
  await page.locator('#followup').screenshot({ path: path.join(SCREENSHOTS, 'followup.png') });
  await assertQuiet(app);
  await app.close();
});

test('compare: two open logs, per destination and check', async () => {
  const app = await openApp(browser, server, { viewport: { width: 1280, height: 1000 } });
  const { page } = app;
  await dropFiles(page, [logFile('backup-443-timeout.log'), logFile('all-ok-ncat-rhel88.log')]);
  await page.waitForSelector('#compare #compare-result');
  assert.equal(await page.inputValue('#compare-before'), '1');
  assert.equal(await page.inputValue('#compare-after'), '2');
  const heading = (change) => page.textContent(`.compare-group[data-change="${change}"] h3`);
  assert.equal(await heading('fixed'), 'Fixed (6)');
  assert.equal(await page.locator('.compare-group[data-change="newly-failing"]').count(), 0);
  assert.equal(await page.textContent('[data-change="unchanged-ok"]'), 'Still OK: 29');
  assert.ok(await page.isVisible('#compare-result [role="note"]'), 'different hosts are pointed out');
  const row = await page.$$eval('.compare-group[data-change="fixed"] tbody tr', (rows) => rows[0].textContent);
  assert.match(row, /pod01-manag1\.jpe\.backup\.windowsazure\.com/);
  assert.match(row, /failed \(timed out\).*OK \(connected\)/);
  // The other way round, the same checks newly fail.
  await page.selectOption('#compare-before', '2');
  await page.selectOption('#compare-after', '1');
  await page.waitForSelector('.compare-group[data-change="newly-failing"]');
  assert.equal(await heading('newly-failing'), 'Newly failing (6)');
  // The same log on both sides: nothing to compare.
  await page.selectOption('#compare-after', '2');
  await page.waitForFunction(() => !document.querySelector('#compare-result'));
  await page.selectOption('#compare-before', '1');
  await page.waitForSelector('#compare-result');
  await page.evaluate(() => {
    document.activeElement?.blur();
    document.querySelector('#compare').scrollIntoView();
  });
  await page.locator('#compare').screenshot({ path: path.join(SCREENSHOTS, 'compare.png') });
  await assertAccessible(page, 'comparison panel');
  await assertQuiet(app);
  await app.close();
});
