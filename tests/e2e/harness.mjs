// Shared by the end-to-end tests: serves the BUILT site under its URL prefix on
// 127.0.0.1 (everything outside the prefix is a 404, so a wrong asset path fails loudly)
// and drives Debian's headless Chromium through playwright-core.
//
// Env: E2E_DIST (built site, default target/e2e/dist), E2E_PREFIX (default /sqs-playground/),
//      CHROMIUM (default /usr/bin/chromium). Screenshots go to target/e2e/.
import http from 'node:http';
import { before, after } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const DIST = path.resolve(ROOT, process.env.E2E_DIST ?? 'target/e2e/dist');
export const PREFIX = process.env.E2E_PREFIX ?? '/sqs-playground/';
export const OUT = path.join(ROOT, 'target', 'e2e');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml',
};

/** Starts the static server; resolves to { server, baseUrl, served }. */
export function startServer() {
  const served = [];
  return new Promise((resolve) => {
    const srv = http.createServer((req, res) => {
      const url = new URL(req.url, 'http://x');
      served.push(url.pathname);
      if (!url.pathname.startsWith(PREFIX)) { res.writeHead(404); res.end('outside prefix'); return; }
      const rel = decodeURIComponent(url.pathname.slice(PREFIX.length)) || 'index.html';
      const file = path.join(DIST, rel);
      if (!file.startsWith(DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
        res.writeHead(404); res.end('not found'); return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
    });
    srv.listen(0, '127.0.0.1', () => resolve({
      server: srv, baseUrl: `http://127.0.0.1:${srv.address().port}`, served,
    }));
  });
}

/**
 * Registers the test file's `before` / `after`: the static server and one Chromium shared
 * by its tests. Returns `site`, whose `browser`, `baseUrl` and `served` (paths requested
 * so far) are set once `before` has run.
 */
export function useSite() {
  const site = {};
  before(async () => {
    const { server, baseUrl, served } = await startServer();
    Object.assign(site, { server, baseUrl, served, browser: await launch() });
  });
  after(async () => {
    await site.browser?.close();
    site.server?.close();
  });
  return site;
}

/** Launches Debian's Chromium headless (never a downloaded browser). */
export function launch() {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`no built site at ${DIST}: run make dist first`);
  }
  fs.mkdirSync(OUT, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Opens the app (optionally with a query string) and waits until it has drawn. */
export async function openApp(browser, baseUrl, query = '', options = {}) {
  // The page registers an offline service worker; tests other than the offline one
  // keep it out, so routes and fresh loads behave as without one.
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, serviceWorkers: 'block', ...options });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  // A dialog the test did not expect is an error; `page.expectDialog = 'accept'` answers
  // the next one the way a user would.
  page.on('dialog', (d) => {
    if (page.expectDialog === 'accept') { page.expectDialog = null; return d.accept(); }
    errors.push(`unexpected dialog: ${d.message()}`);
    return d.dismiss();
  });
  await page.goto(`${baseUrl}${PREFIX}${query}`);
  await page.getByRole('group', { name: /^Topology:/ }).waitFor({ timeout: 30000 });
  return { page, errors };
}

/** Saves a full-page screenshot as target/e2e/<name>.png. */
export async function shot(page, name) {
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
}

const JUMP_MS = { '1 min': 60_000, '1 h': 3_600_000, '1 day': 86_400_000, '4 days': 4 * 86_400_000 };

/** Virtual time since the start shown by the clock, ms. */
export async function elapsedMs(page) {
  const text = await page.locator('.clock-elapsed').innerText();
  const m = text.match(/^T\+(?:(\d+)d )?(\d\d):(\d\d):(\d\d)\.(\d\d\d)$/);
  if (!m) throw new Error(`unexpected clock text ${text}`);
  const [d, h, mi, s, ms] = m.slice(1).map((x) => Number(x ?? 0));
  return (((d * 24 + h) * 60 + mi) * 60 + s) * 1000 + ms;
}

/** Clicks a Jump ahead button and waits until the clock shows the jump's target. */
export async function jump(page, label) {
  const target = (await elapsedMs(page)) + JUMP_MS[label];
  await page.getByRole('button', { name: `Jump ahead ${label}` }).click();
  await page.waitForFunction((t) => {
    const m = document.querySelector('.clock-elapsed')?.textContent
      ?.match(/^T\+(?:(\d+)d )?(\d\d):(\d\d):(\d\d)\.(\d\d\d)$/);
    if (!m) return false;
    const [d, h, mi, s, ms] = m.slice(1).map((x) => Number(x ?? 0));
    return (((d * 24 + h) * 60 + mi) * 60 + s) * 1000 + ms >= t
      && !document.querySelector('.jump-progress');
  }, target, { timeout: 90_000, polling: 50 });
}

/** Loads a preset through the picker (its title as the picker lists it). */
export async function loadPreset(page, title) {
  const before = await page.locator('.scenario-title').innerText();
  await page.getByLabel('Preset scenario').selectOption({ label: title });
  await page.getByRole('button', { name: 'Load preset' }).click();
  await page.waitForFunction((b) => document.querySelector('.scenario-title')?.textContent !== b,
    before, { timeout: 20000 });
}

/** The text of the event log's entries. */
export async function logText(page) {
  return page.getByRole('log').innerText();
}

/** Presses Step until `predicate(logText)` holds (at most `max` times). */
export async function stepUntil(page, predicate, max = 400) {
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < max; i++) {
    if (predicate(await logText(page))) return i;
    await step.click();
  }
  throw new Error(`condition not reached after ${max} steps`);
}
