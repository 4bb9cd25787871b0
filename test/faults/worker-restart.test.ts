// The Worker restarted mid-job: the delivery it held never answered, its lock is left in Redis. QStash's next
// deliveries find the job busy (503) until the lock expires; then the job runs from the start, cleanly, and
// sends one message. The lock is planted here as a dead Worker leaves it (what the ledger writes on a claim).
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { slackMessageAsText } from '../../infra/stack/slack-text.ts';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { postWebhook } from '../support/alertmanager.ts';
import { bodyOf, slackPosts } from '../support/messages.ts';
import { crashLoopAlert, redisCommand, resetStandIns, settled } from './support.ts';

let stack: Stack;

beforeAll(async () => {
  // Retries after 1 s, 2 s and 4 s: the planted lock (2 s) expires before the last one.
  stack = await startStack({ qstashRetryBackoffMs: 1000 });
}, 180_000);
afterAll(async () => stack?.stop());
beforeEach(async () => resetStandIns(stack));

it('a job whose Worker died holding it is busy until the lock expires, then runs once and sends one message', async () => {
  const alert = crashLoopAlert();
  const jobId = `am-${alert.fingerprint}-${Math.floor(Date.parse(alert.startsAt) / 1000)}`;
  // What a claim leaves behind (lib/store/ledger.ts): the lock, with its expiry, and nothing done or delivered.
  expect(await redisCommand(stack, ['SET', `kr:job:${jobId}:lock`, '1', 'NX', 'EX', 2])).toBe('OK');

  const answer = await postWebhook(stack.info.worker, stack.info.secrets.alertmanagerToken, [alert]);
  expect(answer.status).toBe(202);
  expect((await bodyOf(answer)).enqueued[0].jobId).toBe(jobId);
  const [message, ...others] = await settled(stack);
  expect(others).toEqual([]);
  expect(message!.statuses[0]).toBe(503);
  expect(message!.responses[0]!.error).toContain('busy');
  expect(message!.statuses.at(-1)).toBe(200);
  const posts = await slackPosts(stack.info.slack);
  expect(posts).toHaveLength(1);
  expect(slackMessageAsText(posts[0]!.body.blocks as never)).toContain(
    'KubePodCrashLooping — Deployment shop/payment',
  );
  // Done for good: the ledger says so, and a late redelivery would be a no-op.
  expect(await redisCommand(stack, ['GET', `kr:job:${jobId}:done`])).toBe('1');
  expect(await redisCommand(stack, ['GET', `kr:job:${jobId}:lock`])).toBeNull();
  console.log(`fault worker-restart: deliveries ${message!.statuses.join(',')}, 1 message`);
}, 120_000);
