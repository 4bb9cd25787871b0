// Slack or LINE failing (5xx, 429) while a job sends: the delivery fails at once (no sleeping or retrying inside
// the Worker), passes a chat's Retry-After on to QStash, which waits that long, and the redelivery sends only
// what did not go out: one message per chat. A LINE push whose answer was lost is not sent twice (its retry key).
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { postWebhook } from '../support/alertmanager.ts';
import { recorded, slackPosts } from '../support/messages.ts';
import { crashLoopAlert, injectFault, resetStandIns, settled } from './support.ts';

const onCallGroup = `C${'1f2e3d4c5b6a7980'.repeat(2)}`;
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ qstashRetryBackoffMs: 100, workerVars: { LINE_ALERT_TO: onCallGroup } });
}, 180_000);
afterAll(async () => stack?.stop());
beforeEach(async () => resetStandIns(stack));

const linePushes = async () =>
  (await recorded(stack.info.line)).filter((r) => r.path === '/v2/bot/message/push') as unknown as {
    status: number;
    retryKey?: string;
    body: { to: string };
  }[];
const accepted = async () => ({
  slack: (await slackPosts(stack.info.slack)).filter((p) => (p as unknown as { ok: boolean }).ok),
  line: (await linePushes()).filter((p) => p.status === 200),
});

async function alertOnce() {
  const answer = await postWebhook(stack.info.worker, stack.info.secrets.alertmanagerToken, [
    crashLoopAlert(),
  ]);
  expect(answer.status).toBe(202);
  const messages = await settled(stack);
  expect(messages).toHaveLength(1);
  return messages[0]!;
}

it('Slack 429: the delivery fails at once passing its Retry-After on; QStash waits, then one message each', async () => {
  await injectFault(stack.info.slack, {
    path: '/api/chat.postMessage',
    status: 429,
    headers: { 'retry-after': '1' },
    body: { ok: false, error: 'ratelimited' },
  });
  const message = await alertOnce();
  // One call to Slack on the first delivery (an SDK that slept and retried would have answered 200 at once).
  expect(message.statuses).toEqual([503, 200]);
  expect(message.responses[0]).toMatchObject({ retryAfter: '1' });
  expect(message.responses[0]!.error).toContain('Slack is rate limiting (HTTP 429)');
  const sent = await accepted();
  expect(sent.slack).toHaveLength(1);
  expect(sent.line).toHaveLength(1);
  console.log(
    `fault slack-429: deliveries ${message.statuses.join(',')}, retry after ${message.responses[0]!.retryAfter} s, 1 message each`,
  );
}, 120_000);

it('Slack 503: the delivery fails, QStash redelivers, and no chat gets the message twice', async () => {
  await injectFault(stack.info.slack, { path: '/api/chat.postMessage', status: 503 });
  const message = await alertOnce();
  expect(message.statuses).toEqual([503, 200]);
  expect(message.responses[0]!.error).toContain('Slack answered HTTP 503');
  const sent = await accepted();
  expect(sent.slack).toHaveLength(1);
  expect(sent.line).toHaveLength(1);
}, 120_000);

it('LINE 500 after the push went out (its answer lost): the redelivery repeats the retry key, LINE sends once', async () => {
  await injectFault(stack.info.line, { path: '/v2/bot/message/push', status: 500, afterEffect: true });
  const message = await alertOnce();
  expect(message.statuses).toEqual([503, 200]);
  const pushes = await linePushes();
  // The first push took effect (LINE sent it) but answered 500; the second, same key, is LINE's 409: not resent.
  expect(pushes.map((p) => p.status)).toEqual([500, 409]);
  expect(pushes[0]!.retryKey).toMatch(/^[0-9a-f-]{36}$/);
  expect(pushes[1]!.retryKey).toBe(pushes[0]!.retryKey);
  expect((await accepted()).slack).toHaveLength(1);
}, 120_000);

it('LINE 429: the delivery fails, QStash redelivers, one push reaches the group', async () => {
  await injectFault(stack.info.line, { path: '/v2/bot/message/push', status: 429 });
  const message = await alertOnce();
  expect(message.statuses).toEqual([503, 200]);
  expect(message.responses[0]!.error).toContain('LINE refused the push (HTTP 429)');
  const sent = await accepted();
  expect(sent.line).toHaveLength(1);
  expect(sent.line[0]!.body.to).toBe(onCallGroup);
  expect(sent.slack).toHaveLength(1);
}, 120_000);
