// Test harness: a static server for dist/ on 127.0.0.1 that logs every
// request it gets, Debian's Chromium driven by playwright-core, and a page
// opener that records console errors, CSP violations and every request.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..');
export const DIST = path.resolve(process.env.DIST || path.join(ROOT, 'dist'));
export const DATA = path.join(ROOT, 'tests', 'data');
export const SCREENSHOTS = path.resolve(process.env.SCREENSHOTS || path.join(ROOT, 'docs', 'screenshots'));
/** The page is served below a sub-path to prove dist/ works from any sub-path. */
export const SUB_PATH = '/some/sub/path/';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

export const CHROME_ARGS = [
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

/** Serves DIST at `/` and at SUB_PATH. `server.log` lists every request; `server.down = true` drops connections. */
export async function startServer() {
  const log = [];
  const server = http.createServer((req, res) => {
    log.push({ url: req.url, at: Date.now() });
    if (server.down) {
      req.socket.destroy();
      return;
    }
    let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (p.startsWith(SUB_PATH)) p = '/' + p.slice(SUB_PATH.length);
    if (p.endsWith('/')) p += 'index.html';
    const file = path.join(DIST, path.normalize(p));
    if (!file.startsWith(DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' });
    fs.createReadStream(file).pipe(res);
  });
  server.log = log;
  server.down = false;
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  server.base = `http://127.0.0.1:${server.address().port}`;
  return server;
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROME_ARGS,
  });
}

/**
 * Opens the page in a new context and waits until it is ready (app rendered,
 * service worker active). Returns helpers that hold everything the page did
 * after that point: `requests()` (page and worker requests), `serverHits()`,
 * `errors` (console errors, page errors, CSP violations).
 */
export async function openApp(browser, server, options = {}) {
  const context = await browser.newContext({
    locale: options.locale || 'en-US',
    colorScheme: options.colorScheme || 'light',
    viewport: options.viewport || { width: 1280, height: 900 },
    acceptDownloads: true,
    ...(options.context || {}),
  });
  const errors = [];
  const requests = [];
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e}`));
  const started = Date.now();
  await page.goto(server.base + (options.path || SUB_PATH));
  await page.waitForSelector('#choose-files');
  const firstRenderMs = Date.now() - started;
  await page.evaluate(() => navigator.serviceWorker && navigator.serviceWorker.ready);
  // Everything from here on must stay inside the browser.
  const mark = server.log.length;
  context.on('request', (r) => requests.push(r.url()));
  return {
    context,
    page,
    errors,
    firstRenderMs,
    requests: () => requests.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:')),
    serverHits: () => server.log.slice(mark).map((h) => h.url),
    csp: () => page.evaluate(() => window.__csp),
    close: () => context.close(),
  };
}

/** Drops files on `selector` the way a browser does: a DataTransfer with File objects. */
export async function dropFiles(page, files, selector = 'main') {
  const payload = files.map((f) => ({ name: f.name, data: Buffer.from(f.bytes).toString('base64'), type: f.type || 'text/plain' }));
  const dt = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const f of files) {
      const bin = atob(f.data);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], f.name, { type: f.type }));
    }
    return dt;
  }, payload);
  await page.dispatchEvent(selector, 'dragenter', { dataTransfer: dt });
  await page.dispatchEvent(selector, 'dragover', { dataTransfer: dt });
  await page.dispatchEvent(selector, 'drop', { dataTransfer: dt });
}

/** The data-* attributes of every rendered check of the report on screen. */
export async function renderedChecks(page) {
  return page.$$eval('.report button.check', (els) =>
    els.map((e) => ({
      index: Number(e.dataset.check),
      fqdn: e.dataset.fqdn,
      kind: e.dataset.kind,
      port: e.dataset.port ? Number(e.dataset.port) : null,
      status: e.dataset.status,
      reason: e.dataset.reason,
    })),
  );
}

/** Runs axe-core (loaded from node_modules, evaluated through the DevTools protocol, so the page's CSP stays strict). */
export async function axe(page, axeSource) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
}
