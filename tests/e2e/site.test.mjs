// End-to-end checks of the BUILT site under its URL prefix: it mounts, its regions are
// named, the keyboard works, presets load by link, a panic shows the banner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, shot, PREFIX, useSite } from './harness.mjs';

const site = useSite();

test('the built app mounts under the URL prefix and names its regions', async () => {
  const { page, errors } = await openApp(site.browser, site.baseUrl);
  assert.equal(await page.textContent('.app-header h1'), 'SQS Playground');
  assert.match(await page.textContent('.app-header .version'), /^v\d+\.\d+\.\d+$/);
  for (const name of ['Time controls', 'Topology', 'Inspector', 'Build', 'Charts', 'Event log']) {
    assert.equal(await page.getByRole('region', { name }).count(), 1, `region ${name}`);
  }
  // The default preset, paused at its start, with its entities drawn.
  assert.match(await page.locator('.scenario-title').innerText(), /Order confirmation/);
  assert.equal(await page.locator('.clock-elapsed').innerText(), 'T+00:00:00.000');
  assert.equal(await page.getByRole('button', { name: 'Inspect queue orders', exact: false }).count(), 1);
  assert.equal(await page.getByRole('button', { name: 'Kill server 2' }).count(), 1);
  await shot(page, 'shell');
  assert.deepEqual(errors, []);
  const wasm = site.served.filter((p) => p.endsWith('.wasm'));
  assert.ok(wasm.length > 0 && wasm.every((p) => p.startsWith(PREFIX)), `wasm served from ${wasm}`);
  await page.close();
});

test('keyboard: Space plays and pauses, → steps, ? opens the help, shortcuts ignored while typing', async () => {
  const { page, errors } = await openApp(site.browser, site.baseUrl);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Pause' }).waitFor({ timeout: 5000 });
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Play' }).waitFor({ timeout: 5000 });
  const before = await page.locator('.clock-meta').innerText();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((b) => document.querySelector('.clock-meta').textContent !== b, before);
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await dialog.waitFor({ timeout: 5000 });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached', timeout: 5000 });
  // Typing a space in a field must not start the clock.
  await page.getByLabel('Filter by MessageId').fill('');
  await page.getByLabel('Filter by MessageId').press('Space');
  assert.equal(await page.getByRole('button', { name: 'Play' }).count(), 1, 'still paused');
  // Play is reachable with Tab and Enter too.
  await page.getByRole('button', { name: 'Play' }).focus();
  await page.keyboard.press('Enter');
  const pause = page.getByRole('button', { name: 'Pause' });
  await pause.waitFor({ timeout: 5000 });
  assert.equal(await pause.getAttribute('aria-pressed'), 'true');
  assert.deepEqual(errors, []);
  await page.close();
});

test('?preset=<id> opens that preset paused; an unknown id shows an error and the default', async () => {
  const { page } = await openApp(site.browser, site.baseUrl, '?preset=fifo-exactly-once');
  await page.locator('.scenario-title').filter({ hasText: 'FIFO queue' }).waitFor({ timeout: 20000 });
  assert.equal(await page.getByRole('button', { name: 'Play' }).count(), 1, 'paused');
  await page.close();
  const other = await openApp(site.browser, site.baseUrl, '?preset=no-such-preset');
  const alert = other.page.getByRole('alert').filter({ hasText: 'no-such-preset' });
  await alert.waitFor({ timeout: 20000 });
  assert.match(await other.page.locator('.scenario-title').innerText(), /Order confirmation/);
  await other.page.close();
});

test('a Rust panic in the release build shows the error banner', async () => {
  const page = await site.browser.newPage();
  await page.goto(`${site.baseUrl}${PREFIX}?debug=panic`);
  const banner = page.locator('#error-banner');
  await banner.waitFor({ timeout: 20000 });
  assert.equal(await banner.getAttribute('role'), 'alert');
  assert.match(await banner.textContent(), /deliberate panic requested/);
  await shot(page, 'panic-banner');
  await page.close();
});

test('preset scenarios are published with the site', async () => {
  const res = await fetch(`${site.baseUrl}${PREFIX}scenarios/index.json`);
  assert.equal(res.status, 200);
  const index = await res.json();
  assert.ok(Array.isArray(index) && index.length >= 10, 'index lists scenarios');
  for (const e of index) {
    const doc = await fetch(`${site.baseUrl}${PREFIX}scenarios/${e.file}`);
    assert.equal(doc.status, 200, e.file);
  }
});
