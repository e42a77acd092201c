// The AWS CLI console, end to end in the built site: create a queue, send, receive (the
// message is in flight, held by the console), a service error line, ↑ history, the same
// transcript after a reload from the autosave, and long polls waiting in virtual time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { openApp, shot, useSite } from './harness.mjs';

const site = useSite();

const URL_PREFIX = 'https://sqs.us-east-1.amazonaws.com/000000000000/';

async function openConsole(page) {
  const toggle = page.getByRole('button', { name: 'AWS CLI', exact: true });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await page.getByRole('region', { name: 'AWS CLI console' }).waitFor();
}

const output = (page) => page.getByRole('log', { name: 'AWS CLI output' });

/** Types a line at the prompt, presses Enter, waits until the output contains `expect`. */
async function run(page, line, expect) {
  const input = page.getByRole('textbox', { name: 'AWS CLI command' });
  await input.fill(line);
  await input.press('Enter');
  await page.waitForFunction(([e]) => document.querySelector('.cli-log')?.textContent.includes(e),
    [expect], { timeout: 15000 });
  assert.equal(await input.inputValue(), '', 'the prompt is cleared');
}

test('the AWS CLI console drives the page and its transcript survives a reload', async () => {
  const { page, errors } = await openApp(site.browser, site.baseUrl);
  await openConsole(page);
  const url = `${URL_PREFIX}lesson-cli`;
  // Space typed in the console is text, not play/pause.
  const clockBefore = await page.locator('.clock-elapsed').innerText();
  await run(page, 'aws sqs create-queue --queue-name lesson-cli --attributes VisibilityTimeout=60', `"QueueUrl": "${url}"`);
  assert.equal(await page.getByRole('button', { name: 'Play' }).count(), 1, 'still paused after typing spaces');
  assert.equal(await page.locator('.clock-elapsed').innerText(), clockBefore);
  await page.getByRole('button', { name: /^Inspect queue lesson-cli / }).waitFor();

  const body = 'hello from the console';
  const md5 = crypto.createHash('md5').update(body).digest('hex');
  await run(page, `aws sqs send-message --queue-url ${url} --message-body "${body}"`, `"MD5OfMessageBody": "${md5}"`);

  await run(page, `aws sqs receive-message --queue-url ${url}`, `"Body": "${body}"`);
  const text = await output(page).innerText();
  assert.match(text, /"MD5OfBody": "[0-9a-f]{32}"/);
  // The topology shows the console holding it; the queue's message list says who.
  await page.getByRole('button', { name: /^Type in the AWS CLI console \(you, the queue owner; holds 1 message in flight\)/ }).waitFor();
  await page.getByRole('button', { name: /^Inspect queue lesson-cli / }).click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await inspector.getByText('the AWS CLI console').first().waitFor({ timeout: 10000 });

  const missing = 'An error occurred (AWS.SimpleQueueService.NonExistentQueue) when calling the GetQueueUrl operation: The specified queue does not exist.';
  await run(page, 'aws sqs get-queue-url --queue-name missing', missing);
  assert.equal(await page.locator('.cli-entry.error .cli-tag').last().innerText(), '✗ error', 'the error says so in words');

  // A line the CLI refuses never reaches SQS, but is shown.
  await run(page, `aws sqs send-message --queue-url ${url}`, 'aws: error: the following arguments are required: --message-body');

  // ↑ recalls the previous lines, ↓ comes back.
  const input = page.getByRole('textbox', { name: 'AWS CLI command' });
  await input.press('ArrowUp');
  assert.equal(await input.inputValue(), `aws sqs send-message --queue-url ${url}`);
  await input.press('ArrowUp');
  assert.equal(await input.inputValue(), 'aws sqs get-queue-url --queue-name missing');
  await input.press('ArrowDown');
  await input.press('ArrowDown');
  assert.equal(await input.inputValue(), '');
  await input.fill(`aws sqs get-queue-attributes --queue-url ${url} --attribute-names ApproximateNumberOfMessagesNotVisible`);
  await input.press('Enter');
  await page.waitForFunction(() => document.querySelector('.cli-log')?.textContent.includes('"ApproximateNumberOfMessagesNotVisible": "1"'), null, { timeout: 15000 });
  await page.getByRole('button', { name: /^Inspect queue lesson-cli / }).click();
  await shot(page, 'cli-console');

  // Reload: the autosaved run comes back with the same transcript (the refused line,
  // which never touched the world, is gone).
  const transcript = await page.locator('.cli-entry').evaluateAll((es) => es
    .filter((e) => !e.textContent.includes('the following arguments are required'))
    .map((e) => e.textContent));
  assert.equal(transcript.length, 5);
  // Every command ran at T+0; step the clock on so that "Autosaved at <now>" can only
  // mean a save made after the last command.
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 50 && (await page.locator('.clock-elapsed').innerText()) === clockBefore; i++) {
    await step.click();
  }
  const [at, hash] = [await page.locator('.clock-elapsed').innerText(), await page.getByLabel('Event-log hash').innerText()];
  assert.notEqual(at, clockBefore);
  await page.getByText(`Autosaved at ${at}`).waitFor({ timeout: 15000 });
  await page.reload();
  await page.waitForFunction(([h]) => document.querySelector('[aria-label="Event-log hash"]')?.textContent === h,
    [hash], { timeout: 30000 });
  // A run restored with a transcript opens the console by itself.
  await page.getByRole('region', { name: 'AWS CLI console' }).waitFor({ timeout: 15000 });
  assert.equal(await page.getByRole('button', { name: 'AWS CLI', exact: true }).getAttribute('aria-expanded'), 'true');
  await page.waitForFunction((n) => document.querySelectorAll('.cli-entry').length === n, transcript.length, { timeout: 15000 });
  const again = await page.locator('.cli-entry').evaluateAll((es) => es.map((e) => e.textContent));
  assert.deepEqual(again, transcript);
  await page.getByRole('button', { name: /^Type in the AWS CLI console \(you, the queue owner; holds 1 message in flight\)/ }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('a console long poll waits in virtual time, and a send answers it', async () => {
  const { page, errors } = await openApp(site.browser, site.baseUrl, '?projector=1');
  await openConsole(page);
  const url = `${URL_PREFIX}lesson-wait`;
  await run(page, 'aws sqs create-queue --queue-name lesson-wait', `"QueueUrl": "${url}"`);
  const waiting = page.locator('.cli-entry.waiting');
  await run(page, `aws sqs receive-message --queue-url ${url} --wait-time-seconds 20`, 'waiting…');
  assert.equal(await waiting.locator('.cli-tag').innerText(), '⏳ waiting (long poll)');
  // A send from the console answers the waiting poll at once.
  await run(page, `aws sqs send-message --queue-url ${url} --message-body late`, '"Body": "late"');
  assert.equal(await waiting.count(), 0);
  // An empty long poll returns when its wait ends: play time on with a jump.
  await run(page, 'aws sqs create-queue --queue-name lesson-empty', 'lesson-empty');
  await run(page, `aws sqs receive-message --queue-url ${URL_PREFIX}lesson-empty --wait-time-seconds 3`, 'waiting…');
  assert.equal(await waiting.count(), 1);
  await page.getByRole('button', { name: 'Jump ahead 1 min' }).click();
  await waiting.waitFor({ state: 'detached', timeout: 30000 });
  const last = page.locator('.cli-entry').last();
  assert.match(await last.locator('.cli-time').innerText(), /^T\+00:00:00\.000 → T\+00:00:03\.000$/);
  assert.equal(await last.locator('.cli-out').count(), 0, 'an empty receive prints nothing');
  await shot(page, 'cli-console-projector');
  assert.deepEqual(errors, []);
  await page.close();
});
