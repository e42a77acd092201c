// Offline: once the service worker (static/sw.js) controls the page, the BUILT site under
// its URL prefix reloads and runs with the network cut, presets included; a new version
// replaces the old cache. When the app has not registered the worker (yet), the test
// registers `sw.js?v=test` itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, loadPreset, shot, PREFIX, useSite } from './harness.mjs';

const site = useSite();

/** Registers `sw.js?v=<version>` (relative: the page's directory is the scope) and waits
 *  until that version is active and controls the page. */
async function registerWorker(page, version) {
  await page.evaluate(async (v) => {
    await navigator.serviceWorker.register(`sw.js?v=${v}`);
  }, version);
  await page.waitForFunction((v) => {
    const c = navigator.serviceWorker.controller;
    return c !== null && new URL(c.scriptURL).searchParams.get('v') === v;
  }, version, { timeout: 20000, polling: 50 });
}

/** The version the app registered, or registers `sw.js?v=test` when it registers none
 *  (yet); waits until that worker controls the page. */
async function ensureWorker(page) {
  const registered = await page.evaluate(async () => {
    const r = await navigator.serviceWorker.getRegistration();
    const w = r && (r.active || r.waiting || r.installing);
    return w ? new URL(w.scriptURL).searchParams.get('v') : null;
  });
  const version = registered ?? 'test';
  await registerWorker(page, version);
  return version;
}

async function cacheNames(page) {
  return page.evaluate(() => caches.keys());
}

async function waitForApp(page) {
  await page.getByRole('group', { name: /^Topology:/ }).waitFor({ timeout: 30000 });
}

test('offline: after one visit the site reloads and runs without a network', async () => {
  const { page, errors } = await openApp(site.browser, site.baseUrl, '', { serviceWorkers: 'allow' });
  const context = page.context();
  const version = await ensureWorker(page);
  const scope = `${site.baseUrl}${PREFIX}`;
  assert.deepEqual(await cacheNames(page), [`sqs-playground ${scope} v=${version}`]);
  // Installing cached the page, its hashed assets and the presets.
  const cached = await page.evaluate(async () => {
    const cache = await caches.open((await caches.keys())[0]);
    return (await cache.keys()).map((r) => r.url);
  });
  for (const want of [scope, `${scope}scenarios/index.json`, `${scope}scenarios/poison-dlq.json`]) {
    assert.ok(cached.includes(want), `${want} cached (have ${cached.join(', ')})`);
  }
  for (const ext of ['.js', '.wasm', '.css']) {
    assert.ok(cached.some((u) => u.startsWith(scope) && u.endsWith(ext)), `a ${ext} asset cached`);
  }

  // Online, a reload asks the network for the page only: the assets come from the cache.
  let before = site.served.length;
  await page.reload();
  await waitForApp(page);
  const online = site.served.slice(before);
  assert.ok(online.includes(PREFIX), `the page came from the network: ${online}`);
  assert.ok(!online.some((p) => p.endsWith('.wasm') || p.endsWith('.js')), `assets from the cache: ${online}`);

  await context.setOffline(true);
  before = site.served.length;
  await page.reload();
  await waitForApp(page);
  assert.equal(site.served.length, before, `nothing reached the server offline: ${site.served.slice(before)}`);
  assert.equal(await page.textContent('.app-header h1'), 'SQS Playground');
  assert.equal(await page.locator('.clock-elapsed').innerText(), 'T+00:00:00.000');
  // The playground runs: Play moves the clock.
  await page.getByRole('button', { name: 'Play' }).click();
  await page.getByRole('button', { name: 'Pause' }).waitFor({ timeout: 5000 });
  await page.waitForFunction(
    () => document.querySelector('.clock-elapsed')?.textContent !== 'T+00:00:00.000',
    null, { timeout: 10000, polling: 50 },
  );
  await page.getByRole('button', { name: 'Pause' }).click();
  // A preset other than the built-in default loads from the cache.
  await loadPreset(page, 'Poison message and redrive');
  assert.match(await page.locator('.scenario-title').innerText(), /[Pp]oison/);
  // A query string (e.g. ?preset=…) is the same page.
  await page.goto(`${scope}?preset=fifo-exactly-once`);
  await page.locator('.scenario-title').filter({ hasText: 'FIFO queue' }).waitFor({ timeout: 20000 });
  assert.equal(site.served.length, before, 'still nothing reached the server');
  await shot(page, 'offline');
  assert.deepEqual(errors, []);

  // A new version replaces the old cache.
  await context.setOffline(false);
  const next = `${version}-next`;
  await registerWorker(page, next);
  await page.waitForFunction(async (want) => {
    const keys = await caches.keys();
    return keys.length === 1 && keys[0] === want;
  }, `sqs-playground ${scope} v=${next}`, { timeout: 20000, polling: 100 });
  await page.evaluate(async () => {
    for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
  });
  await context.close();
});

test('the worker leaves other requests alone: outside the scope, error responses', async () => {
  const { page } = await openApp(site.browser, site.baseUrl, '', { serviceWorkers: 'allow' });
  const context = page.context();
  await ensureWorker(page);
  const result = await page.evaluate(async () => {
    const outside = await fetch('/elsewhere.json'); // same origin, outside the scope: 404
    const missing = await fetch('scenarios/nope.json'); // in scope, 404: not cached
    const cache = await caches.open((await caches.keys())[0]);
    const urls = (await cache.keys()).map((r) => r.url);
    return {
      outside: outside.status, missing: missing.status,
      cachedMissing: urls.some((u) => u.endsWith('/nope.json')),
      cachedOutside: urls.some((u) => u.endsWith('/elsewhere.json')),
    };
  });
  assert.equal(result.outside, 404);
  assert.equal(result.missing, 404);
  assert.equal(result.cachedMissing, false);
  assert.equal(result.cachedOutside, false);
  assert.ok(site.served.includes('/elsewhere.json'), 'the request outside the scope went to the network');
  await page.evaluate(async () => {
    for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
  });
  await context.close();
});
