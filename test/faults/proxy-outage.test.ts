// The proxy down or slow while a job reads the cluster: a delivery that cannot read fails (503) and QStash
// retries; once the proxy is back the message arrives once, diagnosed; down across every retry, the last delivery
// still tells the person on call that the cluster could not be read; slow but answering, nothing is retried.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { type OutageSwitch, startOutageSwitch } from '../../infra/stack/outage.ts';
import { slackMessageAsText } from '../../infra/stack/slack-text.ts';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { postWebhook } from '../support/alertmanager.ts';
import { eventually, slackPosts } from '../support/messages.ts';
import { crashLoopAlert, deliveries, resetStandIns, settled } from './support.ts';

let stack: Stack;
/** Between the Worker and the proxy: cut, the cluster cannot be read. */
let proxy: OutageSwitch;

beforeAll(async () => {
  proxy = await startOutageSwitch();
  // Retries after 1 s, 2 s and 4 s: time enough to bring the proxy back between two deliveries.
  stack = await startStack({ proxyVia: proxy, qstashRetryBackoffMs: 1000 });
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  await proxy?.close();
});
beforeEach(async () => {
  proxy.restore();
  proxy.delayMs = 0;
  await resetStandIns(stack);
});

const alertNow = async () => {
  const answer = await postWebhook(stack.info.worker, stack.info.secrets.alertmanagerToken, [
    crashLoopAlert(),
  ]);
  expect(answer.status).toBe(202);
};
const texts = async () =>
  (await slackPosts(stack.info.slack)).map((p) => slackMessageAsText(p.body.blocks as never));

it('down, then back: the delivery fails and is retried, and the message arrives once, diagnosed', async () => {
  proxy.cut();
  await alertNow();
  await eventually('a failed delivery', async () =>
    (await deliveries(stack))[0]?.statuses.length ? true : undefined,
  );
  expect(await texts()).toEqual([]);
  proxy.restore();
  const [message, ...others] = await settled(stack);
  expect(others).toEqual([]);
  expect(message!.statuses[0]).toBe(503);
  expect(message!.statuses.at(-1)).toBe(200);
  expect(message!.responses[0]!.error).toMatch(
    /reading the cluster failed|a request timed out|internal error/,
  );
  const sent = await texts();
  expect(sent).toHaveLength(1);
  expect(sent[0]).toContain('KubePodCrashLooping — Deployment shop/payment');
  expect(sent[0]).not.toContain('No diagnosis');
  console.log(`fault proxy-down-then-back: deliveries ${message!.statuses.join(',')}, 1 message`);
}, 120_000);

it('down across every retry: the last delivery sends the "could not be read" message, once', async () => {
  proxy.cut();
  await alertNow();
  const [message] = await settled(stack);
  expect(message!.statuses).toEqual([503, 503, 503, 200]);
  const sent = await texts();
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatch(/No diagnosis: cluster demo could not be read/);
  expect(sent[0]).toContain('Pod is crash looping.');
}, 120_000);

it('slow (300 ms a connection) but answering: one delivery, one diagnosed message', async () => {
  proxy.delayMs = 300;
  await alertNow();
  const [message] = await settled(stack);
  expect(message!.statuses).toEqual([200]);
  const sent = await texts();
  expect(sent).toHaveLength(1);
  expect(sent[0]).not.toContain('No diagnosis');
}, 120_000);
