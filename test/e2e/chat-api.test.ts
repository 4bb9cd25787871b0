// The REST chat API through the local stack: bearer CHAT_API_TOKEN, a typed body, the commands engine's answer as
// JSON, memory per session (and only that session), a write command only proposed, and the per-person limit as 429.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { parsePress } from '../../lib/chat/index.ts';
import { restartedAt } from '../support/chat-webhooks.ts';
import { slackPosts } from '../support/messages.ts';

const apiToken = 'chat-api-token-e2e-5b19';
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ workerVars: { CHAT_API_TOKEN: apiToken, CHAT_TURNS_PER_MINUTE: '3' } });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

/** `token: null` sends no Authorization header. */
function post(body: unknown, token: string | null = apiToken): Promise<Response> {
  return fetch(`${stack.info.worker}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

interface Answer {
  text: string;
  command: string;
  cluster: string;
  proposal?: { action: string; target: { kind: string; namespace?: string; name: string } };
  report?: { id: string; summary: string; findings: number };
  approval?: { id: string; description: string; expiresAt: string; approvers: number; postedTo: string[] };
  error?: string;
  retryAfterSeconds?: number;
}

/** One turn of `session`; every call here stays under the stack's 3 turns a minute per session. */
async function say(session: string, text: string): Promise<Answer> {
  const response = await post({ session, text });
  expect(response.status, text).toBe(200);
  const answer = (await response.json()) as Answer;
  console.log(`[${session}] > ${text}\n${answer.text}\n`);
  return answer;
}

it('refuses a missing or wrong bearer token', async () => {
  const missing = await post({ session: 's0', text: '/pods shop' }, null);
  expect(missing.status).toBe(401);
  expect(await missing.json()).toEqual({ error: 'missing or wrong bearer token' });
  const wrong = await post({ session: 's0', text: '/pods shop' }, 'not-the-token');
  expect(wrong.status).toBe(401);
});

it('answers 400 naming the field of a bad body', async () => {
  const session = await post({ session: 'no spaces allowed', text: '/pods shop' });
  expect(session.status).toBe(400);
  expect(((await session.json()) as Answer).error).toMatch(/^session: /);
  const text = await post({ session: 's1' });
  expect(text.status).toBe(400);
  expect(((await text.json()) as Answer).error).toMatch(/^text: /);
  const tooLong = await post({ session: 's1', text: 'x'.repeat(5001) });
  expect(((await tooLong.json()) as Answer).error).toBe('text: at most 5,000 characters');
  const notJson = await fetch(`${stack.info.worker}/api/chat`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiToken}` },
    body: '{',
  });
  expect(notJson.status).toBe(400);
});

it('answers /pods, then remembers "that crashing one" in the same session only', async () => {
  const pods = await say('phone-a', '/pods shop');
  expect(pods.command).toBe('pods');
  expect(pods.cluster).toBe('demo');
  expect(pods.text).toMatch(/payment-7d9f8c6b5d-x7k2p\s+0\/1\s+CrashLoopBackOff/);

  const logs = await say('phone-a', '/logs that crashing one --previous');
  expect(logs.command).toBe('logs');
  expect(logs.text).toContain('ECONNREFUSED');

  // Another session never listed anything: the same words find nothing to point at.
  const other = await say('phone-b', '/logs that crashing one --previous');
  expect(other.text).not.toContain('ECONNREFUSED');
  expect(other.text).not.toContain('payment-7d9f8c6b5d');
});

it('/restart only proposes: the approval card goes to the alert chat for an approver, the cluster is unchanged', async () => {
  const restart = await say('phone-c', '/restart payment shop');
  expect(restart.command).toBe('restart');
  expect(restart.proposal).toMatchObject({
    action: 'restart',
    target: { kind: 'Deployment', namespace: 'shop', name: 'payment' },
  });
  expect(restart.text).toContain('Nothing changes until a person approves it.');
  // Granted only in a chat: the card was posted where the approvers are, its Approve button naming this approval.
  const approval = restart.approval;
  expect(approval).toMatchObject({
    description: expect.stringContaining('Deployment shop/payment'),
    approvers: 2,
    postedTo: [`slack:${stack.info.slackChannel}`],
  });
  const cards = (await slackPosts(stack.info.slack)).filter((post) =>
    JSON.stringify(post.body).includes('kr.approve'),
  );
  expect(cards).toHaveLength(1);
  const buttons = JSON.stringify(cards[0]?.body).match(/kr1\|approve\|[A-Za-z0-9_-]+/g) ?? [];
  expect(buttons.map((value) => parsePress(value))).toEqual([{ press: 'approve', approval: approval?.id }]);
  expect(await restartedAt(stack, 'shop', 'payment')).toBeUndefined();
});

it('past 3 turns a minute answers 429 with Retry-After and a friendly text', async () => {
  for (let i = 0; i < 3; i++) await say('phone-d', '/help');
  const response = await post({ session: 'phone-d', text: '/pods shop' });
  expect(response.status).toBe(429);
  const seconds = Number(response.headers.get('retry-after'));
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(60);
  const answer = (await response.json()) as Answer;
  expect(answer.command).toBe('rate-limited');
  expect(answer.text).toBe(
    `You have sent 3 messages in the last minute; I'll answer again in about ${seconds} s.`,
  );
  // Another session is its own person.
  expect((await say('phone-e', '/help')).command).toBe('help');
});
