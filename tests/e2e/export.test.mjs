// Exporting a queue's configuration, end to end in the built site: the inspector's
// "Export queue … configuration" shows the AWS CLI commands, the CloudFormation
// template and the Terraform, each naming the RedrivePolicy's dead-letter queue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, shot, loadPreset, useSite } from './harness.mjs';

const site = useSite();

test('a queue with a DLQ exports as AWS CLI, CloudFormation and Terraform', async () => {
  const { page, errors } = await openApp(site.browser, site.baseUrl);
  await loadPreset(page, 'Poison message and redrive');
  await page.getByRole('button', { name: /^Inspect queue orders \(/ }).click();
  const toggle = page.getByRole('button', { name: 'Export queue orders configuration' });
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const panel = page.getByRole('region', { name: 'Configuration of queue orders' });
  const format = (name) => panel.getByLabel(name, { exact: true });
  const cli = await format('AWS CLI commands').innerText();
  const cfn = await format('CloudFormation (YAML)').innerText();
  const tf = await format('Terraform').innerText();
  // AWS CLI: the DLQ first, then the source whose RedrivePolicy names the DLQ's ARN.
  const commands = cli.split('\n').filter((l) => l.startsWith('aws sqs create-queue'));
  assert.equal(commands.length, 2, cli);
  assert.match(commands[0], /--queue-name orders-dlq /);
  assert.match(commands[1], /--queue-name orders .*"RedrivePolicy":"\{\\"deadLetterTargetArn\\":\\"arn:aws:sqs:us-east-1:000000000000:orders-dlq\\",\\"maxReceiveCount\\":3\}"/);
  // CloudFormation: both resources, the source's RedrivePolicy by !GetAtt.
  assert.match(cfn, /^ {2}OrdersDlq:\n {4}Type: AWS::SQS::Queue$/m);
  assert.match(cfn, /RedrivePolicy:\n {8}deadLetterTargetArn: !GetAtt OrdersDlq\.Arn\n {8}maxReceiveCount: 3/);
  // Terraform: both blocks, redrive_policy by reference.
  assert.match(tf, /resource "aws_sqs_queue" "orders_dlq" \{/);
  assert.match(tf, /redrive_policy = jsonencode\(\{\n {4}deadLetterTargetArn = aws_sqs_queue\.orders_dlq\.arn\n {4}maxReceiveCount {5}= 3\n {2}\}\)/);
  // Copying: a browser that refuses the clipboard gets a visible message to copy by hand.
  await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
  }));
  await panel.getByRole('button', { name: 'Copy Terraform' }).click();
  await panel.getByRole('status')
    .filter({ hasText: 'The browser refused the clipboard: select the Terraform above and copy it by hand.' })
    .waitFor();
  // A browser that accepts it says what was copied.
  await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: (t) => { window.copied = t; return Promise.resolve(); } },
  }));
  await panel.getByRole('button', { name: 'Copy CloudFormation' }).click();
  await panel.getByRole('status').filter({ hasText: 'Copied the CloudFormation (YAML).' }).waitFor();
  assert.equal(await page.evaluate(() => window.copied), cfn);
  await panel.getByRole('heading', { name: 'AWS CLI commands' }).scrollIntoViewIfNeeded();
  await shot(page, 'export-orders');
  assert.deepEqual(errors, []);
  await page.close();
});
