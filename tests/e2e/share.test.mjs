// Sharing and saving, end to end in the built site: a copied link opens the same moment
// (same clock, same event-log hash) in a new page; a reload returns to the autosaved
// moment; a damaged link shows a clear error and the default world; projector mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, shot, jump, PREFIX, useSite } from './harness.mjs';

const site = useSite();

const clock = (page) => page.locator('.clock-elapsed').innerText();
const hash = (page) => page.getByLabel('Event-log hash').innerText();

/** Waits until the page shows the run at `elapsed` (a restore runs across frames). */
async function waitForClock(page, elapsed) {
  await page.waitForFunction((e) => document.querySelector('.clock-elapsed')?.textContent === e,
    elapsed, { timeout: 30000 });
}

test('a copied link opens the same moment in a new page: same clock, same hash', async () => {
  const { page, errors } = await openApp(site.browser, site.baseUrl);
  await page.getByRole('button', { name: 'Kill the database' }).click();
  await jump(page, '1 min');
  for (let i = 0; i < 7; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByRole('button', { name: 'Kill server 1' }).click();
  const [at, fingerprint] = [await clock(page), await hash(page)];
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByLabel('Shared link').inputValue();
  assert.match(link, new RegExp(`^${site.baseUrl}${PREFIX}#run=v1\\.`));
  const other = await site.browser.newPage({ viewport: { width: 1400, height: 1000 }, serviceWorkers: 'block' });
  await other.goto(link);
  await waitForClock(other, at);
  assert.equal(await hash(other), fingerprint, 'the same event-log hash');
  assert.equal(await other.getByRole('button', { name: 'Play' }).count(), 1, 'opened paused');
  assert.equal(await other.getByRole('button', { name: 'Revive server 1' }).count(), 1, 'the click is part of the run');
  await shot(other, 'share-link-opened');
  assert.deepEqual(errors, []);
  await page.close();
  await other.close();
});

test('a reload returns to the autosaved moment', async () => {
  const { page, errors } = await openApp(site.browser, site.baseUrl);
  await jump(page, '1 min');
  await page.getByRole('button', { name: 'Kill server 2' }).click();
  const [at, fingerprint] = [await clock(page), await hash(page)];
  // Autosave writes within a few seconds of a change, and says so.
  await page.getByText(`Autosaved at ${at}`).waitFor({ timeout: 15000 });
  await page.reload();
  await waitForClock(page, at);
  assert.equal(await hash(page), fingerprint);
  assert.equal(await page.getByRole('button', { name: 'Revive server 2' }).count(), 1);
  // Reset forgets it.
  page.expectDialog = 'accept';
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await waitForClock(page, 'T+00:00:00.000');
  await page.reload();
  await page.getByRole('group', { name: /^Topology:/ }).waitFor();
  assert.equal(await clock(page), 'T+00:00:00.000', 'nothing saved after Reset');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a damaged link shows a clear error and the default world', async () => {
  const { page } = await openApp(site.browser, site.baseUrl, '#run=v1.AAAAnot-a-real-run');
  const alert = page.getByRole('alert').filter({ hasText: 'damaged or incomplete' });
  await alert.waitFor({ timeout: 10000 });
  assert.match(await page.locator('.scenario-title').innerText(), /Order confirmation/);
  assert.equal(await clock(page), 'T+00:00:00.000');
  await shot(page, 'share-damaged-link');
  await page.close();
});

test('projector mode: large type and strong contrast, by link or toggle', async () => {
  const { page } = await openApp(site.browser, site.baseUrl, '?projector=1');
  assert.equal(await page.locator('.app-root.projector').count(), 1);
  const size = await page.locator('.app-root').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(size >= 18, `large type: ${size}px`);
  await jump(page, '1 min');
  await shot(page, 'projector-mode');
  await page.getByLabel('Projector mode').uncheck();
  assert.equal(await page.locator('.app-root.projector').count(), 0);
  await page.close();
});
