// Guided lessons, end to end in the built site, by roles and names only: lesson 2 opens
// in two clicks from the landing page and every step's check lights up ("seen: …") with
// Next presses, up to the duplicate and the idempotent consumer that absorbs it; Back
// returns to the previous step; a link copied mid-lesson reopens the same step, clock
// and hash; every lesson opens and its first step shows its point.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, shot, useSite } from './harness.mjs';

const site = useSite();

const lessonRegion = (page) => page.getByRole('region', { name: 'Lesson' });
const stepCount = (page) => page.locator('.lesson-step-count').textContent();
const hash = (page) => page.getByLabel('Event-log hash').innerText();
const clock = (page) => page.locator('.clock-elapsed').innerText();

/** Waits for the step's check to light up; returns its sentence. */
async function seen(page, timeout = 30000) {
  const status = lessonRegion(page).getByRole('status').filter({ hasText: 'seen:' });
  await status.waitFor({ timeout });
  return status.innerText();
}

async function openLesson(page, number) {
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await page.getByRole('button', { name: new RegExp(`^Open lesson ${number}: `) }).click();
  await lessonRegion(page).waitFor();
}

test('lesson 2 in two clicks from the landing page: each check lights up with Next', async () => {
  const { page, errors } = await openApp(site.browser, site.baseUrl);
  await openLesson(page, 2); // clicks 1 and 2
  assert.equal(await stepCount(page), 'Step 1 of 6');
  const region = lessonRegion(page);
  assert.match(await region.textContent(), /The claim[\s\S]*What SQS really does/);
  await seen(page);
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  assert.match(await seen(page), /kept a copy|server 2/);
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  const twice = await seen(page);
  assert.match(twice, /delivered twice/, twice);
  assert.match(twice, /server 2 was down/, 'the cause is named');
  await shot(page, 'lesson-2-duplicate-seen');
  // The sentence's message can be inspected.
  await page.getByRole('button', { name: /^Inspect message [0-9a-f]{8}…$/ }).click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await inspector.getByRole('heading', { name: 'Life story' }).waitFor();
  assert.match(await inspector.textContent(), /AGAIN \(receive #2\)/, 'its story shows the second delivery');
  for (const expected of [/processed/, /kept a copy|server 2/, /skipped|idempotent|duplicate/]) {
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    assert.match(await seen(page), expected);
  }
  assert.equal(await stepCount(page), 'Step 6 of 6');
  assert.equal(await page.getByRole('button', { name: 'Next', exact: true }).isDisabled(), true);
  await shot(page, 'lesson-2-idempotent-seen');
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('.lesson-step-count')?.textContent === 'Step 5 of 6');
  assert.match(await seen(page), /kept a copy|server 2/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a link copied mid-lesson reopens the same step, clock and hash', async () => {
  const { page, errors } = await openApp(site.browser, site.baseUrl);
  await openLesson(page, 5);
  await seen(page);
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await seen(page);
  const [step, at, fingerprint] = [await stepCount(page), await clock(page), await hash(page)];
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByLabel('Shared link').inputValue();
  const other = await site.browser.newPage({ viewport: { width: 1400, height: 1000 }, serviceWorkers: 'block' });
  await other.goto(link);
  await lessonRegion(other).waitFor({ timeout: 30000 });
  await other.waitForFunction((e) => document.querySelector('.clock-elapsed')?.textContent === e, at, { timeout: 30000 });
  assert.equal(await stepCount(other), step);
  assert.equal(await hash(other), fingerprint);
  assert.match(await seen(other), /seen:/, 'the step shows what it saw');
  // Back works in the reopened run too.
  await other.getByRole('button', { name: 'Back', exact: true }).click();
  await other.waitForFunction(() => document.querySelector('.lesson-step-count')?.textContent === 'Step 1 of 3');
  assert.deepEqual(errors, []);
  await page.close();
  await other.close();
});

test('every lesson opens and its first step shows its point', async () => {
  const { page, errors } = await openApp(site.browser, site.baseUrl);
  for (let n = 1; n <= 12; n++) {
    await openLesson(page, n);
    await page.waitForFunction((n) => document.querySelector('.lesson h3')?.textContent.startsWith(`Lesson ${n}:`), n);
    const status = lessonRegion(page).getByRole('status');
    // A first step either has a check (it lights up) or just plays (then says so).
    await page.waitForFunction(() => {
      const s = document.querySelector('.lesson-status');
      return s && (s.classList.contains('seen') || s.classList.contains('ended'));
    }, null, { timeout: 30000 });
    assert.doesNotMatch(await status.innerText(), /Not seen/);
    await shot(page, `lesson-${String(n).padStart(2, '0')}-step-1`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});
