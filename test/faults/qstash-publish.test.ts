// QStash unreachable while a webhook is ingested: Alertmanager gets a 5xx naming the alerts not queued (so it
// retries the batch), never a 202 that loses them; its retry once QStash is back queues each alert once, and a
// further resend of the same batch doubles nothing.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { type OutageSwitch, startOutageSwitch } from '../../infra/stack/outage.ts';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { postWebhook } from '../support/alertmanager.ts';
import { bodyOf, slackPosts } from '../support/messages.ts';
import { crashLoopAlert, deliveries, resetStandIns, settled } from './support.ts';

let stack: Stack;
/** Between the Worker and QStash: cut, every publish fails. */
let qstash: OutageSwitch;

beforeAll(async () => {
  qstash = await startOutageSwitch();
  stack = await startStack({ qstashRetryBackoffMs: 100, workerVars: { QSTASH_URL: qstash.url } });
  qstash.target = new URL(stack.info.qstash);
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  await qstash?.close();
});
beforeEach(async () => {
  qstash.restore();
  await resetStandIns(stack);
});

it('publish fails: 503 naming the alert, nothing queued; the retry queues it once; a resend doubles nothing', async () => {
  const alerts = [crashLoopAlert()];
  qstash.cut();
  const refused = await postWebhook(stack.info.worker, stack.info.secrets.alertmanagerToken, alerts);
  expect(refused.status).toBe(503);
  const answer = await bodyOf(refused);
  expect(answer.failed).toEqual([{ index: 0, error: expect.any(String) }]);
  expect(JSON.stringify(answer)).not.toContain(stack.info.secrets.qstashToken);
  expect(await deliveries(stack)).toEqual([]);

  // Alertmanager's retry, QStash back.
  qstash.restore();
  const retried = await postWebhook(stack.info.worker, stack.info.secrets.alertmanagerToken, alerts);
  expect(retried.status).toBe(202);
  const [message, ...others] = await settled(stack);
  expect(others).toEqual([]);
  expect(message!.statuses).toEqual([200]);
  expect(await slackPosts(stack.info.slack)).toHaveLength(1);

  // Alertmanager resends the batch (its next group_interval): the same job, deduplicated, no second message.
  const again = await postWebhook(stack.info.worker, stack.info.secrets.alertmanagerToken, alerts);
  expect(again.status).toBe(202);
  const after = await settled(stack);
  expect(after.filter((m) => m.statuses.length > 0)).toHaveLength(1);
  expect(await slackPosts(stack.info.slack)).toHaveLength(1);
  console.log(`fault qstash-publish: webhook 503 then 202 then 202, ${after.length} job, 1 message`);
}, 120_000);
