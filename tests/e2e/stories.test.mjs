// The playground's stories, end to end in the built site, using roles and accessible
// names only (as a user would find things); one screenshot per story in target/e2e/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, shot, jump, loadPreset, logText, stepUntil, useSite } from './harness.mjs';

const site = useSite();

/** The accessible name of the topology node whose name starts with `prefix`. */
async function nodeName(page, prefix) {
  const node = page.getByRole('button', { name: prefix }).first();
  return node.getAttribute('aria-label');
}

/** The number in a node name like "Inspect queue orders (12 visible, …)". */
function countIn(name, word) {
  const m = name.match(new RegExp(`(\\d+) ${word}`));
  assert.ok(m, `no "${word}" count in ${name}`);
  return Number(m[1]);
}

test('(a) build: two queues with a redrive policy, a producer and a consumer; Play moves the counts', async () => {
  const { page, errors } = await openApp(site.browser, site.baseUrl);
  await loadPreset(page, 'Start from scratch');
  const build = page.getByRole('region', { name: 'Build' });
  await build.getByRole('button', { name: 'Add a queue' }).click();
  await page.getByLabel('Queue name').fill('orders-dlq');
  await page.getByRole('button', { name: 'Create queue' }).click();
  await page.getByRole('button', { name: /^Inspect queue orders-dlq/ }).waitFor();
  await build.getByRole('button', { name: 'Add a queue' }).click();
  await page.getByLabel('Queue name').fill('orders');
  await page.getByLabel('Dead-letter queue', { exact: true }).selectOption('orders-dlq');
  await page.getByLabel('maxReceiveCount').fill('3');
  await page.getByRole('button', { name: 'Create queue' }).click();
  await page.getByRole('button', { name: /^Inspect queue orders \(/ }).waitFor();
  // The redrive policy is the engine's: the inspector shows it as GetQueueAttributes does.
  await page.getByText('Attributes (GetQueueAttributes All)').click();
  assert.match(await page.getByRole('region', { name: 'Inspector' }).innerText(),
    /RedrivePolicy\s+\{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:orders-dlq","maxReceiveCount":3\}/);
  await build.getByRole('button', { name: 'Add a producer' }).click();
  await page.getByLabel('Queue', { exact: true }).selectOption('orders');
  await page.getByLabel('Rate (messages/s)').fill('5');
  await page.getByRole('button', { name: 'Add producer' }).click();
  await page.getByRole('button', { name: /^Inspect producer producer-1/ }).waitFor();
  await build.getByRole('button', { name: 'Add a consumer' }).click();
  await page.getByLabel('Queue', { exact: true }).selectOption('orders');
  await page.getByRole('button', { name: 'Add consumer' }).click();
  await page.getByRole('button', { name: /^Inspect consumer worker-1/ }).waitFor();
  // Speed 10× (the slider is log10 of the speed).
  await page.getByRole('slider', { name: 'Speed' }).evaluate((el) => {
    el.value = '1';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.getByText('speed 10×').waitFor();
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => {
    const n = [...document.querySelectorAll('[role=button]')].map((e) => e.getAttribute('aria-label') ?? '')
      .find((l) => l.startsWith('Inspect consumer worker-1'));
    return n && Number(n.match(/(\d+) processed/)?.[1] ?? 0) >= 5;
  }, null, { timeout: 30000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const producer = await nodeName(page, /^Inspect producer producer-1/);
  assert.ok(countIn(producer, 'sent') > 0, producer);
  await shot(page, 'story-a-build');
  assert.deepEqual(errors, []);
  await page.close();
});

test('(b) duplicate: a delete while a server is down, the server comes back, the copy is delivered again', async () => {
  const { page, errors } = await openApp(site.browser, site.baseUrl);
  // An order is received (its copies are on all 3 servers); server 1 dies before the
  // consumer deletes it, so server 1 keeps a stale copy.
  await stepUntil(page, (t) => /received from orders/.test(t));
  await page.getByRole('button', { name: 'Kill server 1' }).click();
  await stepUntil(page, (t) => /but server 1 was down and kept a copy/.test(t));
  await page.getByRole('button', { name: 'Revive server 1' }).click();
  await stepUntil(page, (t) => /delivered again because server 1 was down/.test(t));
  const log = page.getByRole('log');
  const entry = log.locator('li').filter({ hasText: /delivered again because server 1 was down/ }).first();
  await entry.getByRole('button', { name: /^Inspect message / }).click();
  const story = page.getByRole('list', { name: /^Life story of message / });
  await story.waitFor();
  const text = await story.innerText();
  assert.match(text, /sent to/);
  assert.match(text, /deleted from orders, but server 1 was down and kept a copy/);
  assert.match(text, /is back: server 1 was down when it was deleted/);
  assert.match(text, /delivered again because server 1 was down/);
  await shot(page, 'story-b-duplicate');
  assert.deepEqual(errors, []);
  await page.close();
});

test('(c) DLQ: a poison message moves after the 4th receive and is redriven', async () => {
  const { page, errors } = await openApp(site.browser, site.baseUrl);
  await loadPreset(page, 'Poison message and redrive');
  await page.getByRole('button', { name: /^Inspect queue orders \(/ }).click();
  await page.getByRole('button', { name: 'Send message to orders' }).click();
  await page.getByRole('button', { name: 'Send poison message' }).click();
  await page.getByRole('status').filter({ hasText: 'Sent a poison message to orders' }).waitFor();
  await jump(page, '1 min');
  // The move is a minute back in the log: filter it by kind, as a user would.
  await page.getByLabel('Filter by kind').selectOption('moved_to_dlq');
  await page.getByRole('log').locator('li').first().waitFor();
  const moved = await logText(page);
  assert.ok(/moved from orders to dead-letter queue orders-dlq: receive #4 would exceed maxReceiveCount 3/.test(moved),
    `the move is explained: ${moved.slice(0, 300)}`);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  const dlq = await nodeName(page, /^Inspect queue orders-dlq/);
  assert.ok(countIn(dlq, 'visible') >= 1, dlq);
  await page.getByRole('button', { name: /^Inspect queue orders-dlq/ }).click();
  await page.getByRole('button', { name: 'Redrive messages from orders-dlq' }).click();
  await page.getByRole('button', { name: 'Start redrive' }).click();
  await stepUntil(page, (t) => /redriven from orders-dlq to orders as new message/.test(t));
  await shot(page, 'story-c-dlq');
  assert.deepEqual(errors, []);
  await page.close();
});

test('(d) FIFO: zero duplicates and zero out-of-order through the server kill', async () => {
  const { page, errors } = await openApp(site.browser, site.baseUrl, '?preset=fifo-exactly-once');
  await page.locator('.scenario-title').filter({ hasText: 'FIFO queue' }).waitFor({ timeout: 20000 });
  await jump(page, '1 min');
  await jump(page, '1 min');
  for (const id of ['worker-1', 'worker-2']) {
    await page.getByRole('button', { name: new RegExp(`^Inspect consumer ${id}`) }).click();
    const inspector = page.getByRole('region', { name: 'Inspector' });
    const text = await inspector.innerText();
    assert.match(text, /processed\s+[1-9]/, `${id} processed messages`);
    assert.match(text, /duplicates processed\s+0\b/, `${id}: ${text}`);
    assert.match(text, /out of order\s+0\b/, `${id}: ${text}`);
  }
  await shot(page, 'story-d-fifo');
  assert.deepEqual(errors, []);
  await page.close();
});

test('(e) order confirmation: with the database down the tight path loses orders, the queue keeps them', async () => {
  const { page, errors } = await openApp(site.browser, site.baseUrl);
  await page.getByRole('button', { name: 'Kill the database' }).click();
  await jump(page, '1 min');
  await page.getByRole('button', { name: 'Inspect the shop (order story)' }).click();
  const table = page.getByRole('region', { name: 'Inspector' }).getByRole('table');
  const row = async (path) => (await table.getByRole('row').filter({ hasText: path }).innerText()).split(/\s+/);
  const tight = await row('tight');
  const decoupled = await row('decoupled');
  // columns: path placed recorded e-mailed lost duplicated pending mean-delay
  assert.ok(Number(tight[4].replace(/,/g, '')) > 0, `tight loses orders: ${tight}`);
  assert.equal(decoupled[4], '0', `decoupled loses none: ${decoupled}`);
  const backlog = countIn(await nodeName(page, /^Inspect queue orders \(/), 'visible')
    + countIn(await nodeName(page, /^Inspect queue orders \(/), 'in flight');
  assert.ok(backlog > 10, `the queue holds the orders: ${backlog}`);
  await shot(page, 'story-e-database-down');
  await page.getByRole('button', { name: 'Revive the database' }).click();
  await jump(page, '1 min');
  await jump(page, '1 min');
  const after = await nodeName(page, /^Inspect queue orders \(/);
  assert.ok(countIn(after, 'visible') < 5, `the queue drains: ${after}`);
  assert.equal((await row('decoupled'))[4], '0');
  await shot(page, 'story-e-order-confirmation');
  assert.deepEqual(errors, []);
  await page.close();
});

test('(f) step back, act, and the old future is gone', async () => {
  const { page, errors } = await openApp(site.browser, site.baseUrl);
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByRole('button', { name: 'Kill server 0' }).click();
  await page.getByRole('button', { name: 'Revive server 0' }).waitFor();
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Step back' }).click();
  // Back before the kill: server 0 is up again and the kill is now the future.
  await page.getByRole('button', { name: 'Kill server 0' }).waitFor();
  assert.match(await page.getByRole('region', { name: 'Time controls' }).innerText(), /You stepped back/);
  await shot(page, 'story-f-stepped-back');
  // Acting forks the run: the recorded kill of server 0 is discarded.
  await page.getByRole('button', { name: 'Kill server 2' }).click();
  await page.getByRole('button', { name: 'Revive server 2' }).waitFor();
  assert.doesNotMatch(await page.getByRole('region', { name: 'Time controls' }).innerText(), /You stepped back/);
  for (let i = 0; i < 10; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  assert.equal(await page.getByRole('button', { name: 'Kill server 0' }).count(), 1, 'server 0 was never killed');
  assert.doesNotMatch(await logText(page), /server 0 went down/);
  await shot(page, 'story-f-fork');
  assert.deepEqual(errors, []);
  await page.close();
});

test('(g) a message body is text: markup in it shows as those characters', async () => {
  const { page, errors } = await openApp(site.browser, site.baseUrl);
  const body = '<img src=x onerror=alert(1)>';
  await page.getByRole('button', { name: /^Inspect queue orders \(/ }).click();
  await page.getByRole('button', { name: 'Send message to orders' }).click();
  await page.getByLabel('Body', { exact: true }).fill(body);
  await page.getByRole('button', { name: 'Send message', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Sent the message to orders' }).waitFor();
  const sent = page.getByRole('log').locator('li').filter({ hasText: /sent to orders/ }).first();
  await sent.getByRole('button', { name: /^Inspect message / }).click();
  const shown = page.getByLabel('Message body');
  await shown.waitFor();
  assert.equal(await shown.innerText(), body);
  assert.equal(await page.locator('img[src="x"]').count(), 0, 'no element was created from the body');
  await shot(page, 'story-g-xss-as-text');
  assert.deepEqual(errors, [], 'no script ran (an alert would be an unexpected dialog)');
  await page.close();
});

test('(h) a bad preset file shows the loader error and the world is kept', async () => {
  const page = await site.browser.newPage({ viewport: { width: 1400, height: 1000 }, serviceWorkers: 'block' });
  await page.route('**/scenarios/index.json', async (route) => {
    const res = await route.fetch();
    const index = await res.json();
    index.push({ id: 'broken', title: 'Broken preset', description: 'invalid on purpose', file: 'broken.json' });
    await route.fulfill({ response: res, json: index });
  });
  await page.route('**/scenarios/broken.json', (route) => route.fulfill({
    contentType: 'application/json',
    body: JSON.stringify({ version: 1, id: 'broken', servers: 0 }),
  }));
  await page.goto(`${site.baseUrl}/sqs-playground/`);
  await page.getByRole('group', { name: /^Topology:/ }).waitFor({ timeout: 30000 });
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  const clock = await page.locator('.clock-meta').innerText();
  await page.getByLabel('Preset scenario').selectOption({ label: 'Broken preset' });
  await page.getByRole('button', { name: 'Load preset' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'servers' });
  await alert.waitFor({ timeout: 10000 });
  assert.match(await alert.innerText(), /preset broken: invalid scenario: servers: must be between 1 and 64, got 0/);
  assert.match(await page.locator('.scenario-title').innerText(), /Order confirmation/);
  assert.equal(await page.locator('.clock-meta').innerText(), clock, 'the world did not change');
  await shot(page, 'story-h-bad-preset');
  await page.close();
});
