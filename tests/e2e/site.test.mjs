// End-to-end test of the BUILT site: serves a release `trunk build` under a URL prefix
// on 127.0.0.1 and drives Debian's headless Chromium through playwright-core.
//
// Env: E2E_DIST (built site, default target/e2e/dist), E2E_PREFIX (default /sqs-playground/),
//      CHROMIUM (default /usr/bin/chromium). Screenshots go to target/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DIST = path.resolve(ROOT, process.env.E2E_DIST ?? 'target/e2e/dist');
const PREFIX = process.env.E2E_PREFIX ?? '/sqs-playground/';
const OUT = path.join(ROOT, 'target', 'e2e');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml',
};

let server, browser, baseUrl;
const served = [];

/** Serves DIST only under PREFIX; anything else is a 404, so a wrong asset path fails loudly. */
function startServer() {
  return new Promise((resolve) => {
    const srv = http.createServer((req, res) => {
      const url = new URL(req.url, 'http://x');
      served.push(url.pathname);
      if (!url.pathname.startsWith(PREFIX)) { res.writeHead(404); res.end('outside prefix'); return; }
      let rel = decodeURIComponent(url.pathname.slice(PREFIX.length)) || 'index.html';
      const file = path.join(DIST, rel);
      if (!file.startsWith(DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
        res.writeHead(404); res.end('not found'); return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
    });
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  });
}

async function openPage(query = '') {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${baseUrl}${PREFIX}${query}`);
  return { page, errors };
}

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, 'index.html')), `no built site at ${DIST}: run make dist first`);
  fs.mkdirSync(OUT, { recursive: true });
  server = await startServer();
  baseUrl = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    // playwright starts Chromium with its own fresh, temporary --user-data-dir.
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('the built app mounts under the URL prefix and shows the shell', async () => {
  const { page, errors } = await openPage();
  await page.waitForSelector('.app-header h1', { timeout: 20000 });
  assert.equal(await page.textContent('.app-header h1'), 'SQS Playground');
  assert.match(await page.textContent('.app-header .version'), /^v\d+\.\d+\.\d+$/);
  for (const name of ['Topology', 'Controls', 'Inspector', 'Event log']) {
    assert.equal(await page.getByRole('region', { name }).count(), 1, `region ${name}`);
  }
  await page.screenshot({ path: path.join(OUT, 'shell.png'), fullPage: true });
  assert.deepEqual(errors, []);
  const wasm = served.filter((p) => p.endsWith('.wasm'));
  assert.ok(wasm.length > 0 && wasm.every((p) => p.startsWith(PREFIX)), `wasm served from ${wasm}`);
  await page.close();
});

test('the play control is keyboard reachable and toggles', async () => {
  const { page, errors } = await openPage();
  const play = page.getByRole('button', { name: 'Play' });
  await play.waitFor({ timeout: 20000 });
  await play.focus();
  await page.keyboard.press('Enter');
  const pause = page.getByRole('button', { name: 'Pause' });
  await pause.waitFor({ timeout: 5000 });
  assert.equal(await pause.getAttribute('aria-pressed'), 'true');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a Rust panic in the release build shows the error banner', async () => {
  const { page } = await openPage('?debug=panic');
  const banner = page.locator('#error-banner');
  await banner.waitFor({ timeout: 20000 });
  assert.equal(await banner.getAttribute('role'), 'alert');
  assert.match(await banner.textContent(), /deliberate panic requested/);
  await page.screenshot({ path: path.join(OUT, 'panic-banner.png') });
  await page.close();
});

test('preset scenarios are published with the site', async () => {
  const res = await fetch(`${baseUrl}${PREFIX}scenarios/index.json`);
  assert.equal(res.status, 200);
  const index = await res.json();
  const entries = Array.isArray(index) ? index : index.scenarios;
  assert.ok(Array.isArray(entries) && entries.length >= 1, 'index lists scenarios');
});
