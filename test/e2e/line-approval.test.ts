// The first users' conversation (issue 10) through the local stack and the LINE fake: /pods store shows the
// crash-looping pod, /logs --previous its connection error, /restart checkout store an approval card. A stranger's
// press changes nothing; the approver's restarts checkout exactly once (the proxy's audit names them), however the
// press is redelivered or pressed again; an expired approval does nothing.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { parsePress } from '../../lib/chat/index.ts';
import { approvalStore, RedisKv } from '../../lib/store/index.ts';
import {
  type LineAnswer,
  lineAnswers,
  linePostbackEvent,
  lineTextEvent,
  lineWebhook,
  postLine,
  restartedAt as restartedAtOf,
} from '../support/chat-webhooks.ts';
import { eventually, sleep } from '../support/messages.ts';

const person = `U${'a1b2c3d4e5f60718'.repeat(2)}`;
const stranger = `U${'9f8e7d6c5b4a3921'.repeat(2)}`;
const fixturePath = resolve(import.meta.dirname, '../fixtures/chat/store.yaml');
let stack: Stack;
let approver: string;
let eventCounter = 0;

beforeAll(async () => {
  stack = await startStack({ fixturePath });
  approver = stack.info.approvers.line;
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const nextId = () => `01J${String(++eventCounter).padStart(8, '0')}APPROVALTEST`;

// Reply tokens are `rt<event id>`; the events that carried them say who they answered.
const tokenOwners = new Map<string, string>();
/** Everything LINE delivered, to whom, as text (a template's or Flex's alternative text included). */
const answers = () => lineAnswers(stack, tokenOwners);

async function send(event: { replyToken: string; source: { userId: string } }): Promise<void> {
  tokenOwners.set(event.replyToken, event.source.userId);
  expect((await postLine(stack, lineWebhook(event))).status).toBe(200);
}

/** Sends, then waits for the next answer to `to` that matches. */
async function answerTo(
  to: string,
  match: RegExp,
  event: { replyToken: string; source: { userId: string } },
): Promise<LineAnswer> {
  const before = (await answers()).length;
  await send(event);
  return eventually(
    `an answer to ${to} matching ${match}`,
    async () => (await answers()).slice(before).find((a) => a.to === to && match.test(a.text)),
    60_000,
  );
}

const say = (text: string, match: RegExp) => answerTo(person, match, lineTextEvent(person, text, nextId()));

const restartedAt = () => restartedAtOf(stack, 'store', 'checkout');

/** The proxy's audit lines of writes to store/checkout. */
async function checkoutWrites(): Promise<Record<string, unknown>[]> {
  const text = await readFile(stack.info.proxyAudit, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.method !== 'GET' && line.namespace === 'store' && line.name === 'checkout');
}

const redis = () =>
  new Redis({ url: stack.info.redis, token: stack.info.secrets.redisToken, enableTelemetry: false });

/** The card's approval id, from its confirm template's Approve postback (what a person's tap sends). */
function approvalIdOf(card: LineAnswer): string {
  const template = card.messages.find((m) => m.type === 'template')?.template as
    | { type: string; actions: { type: string; data?: string }[] }
    | undefined;
  expect(template?.type).toBe('confirm');
  const presses = (template?.actions ?? []).map((action) => parsePress(action.data));
  expect(presses.map((press) => press?.press)).toEqual(['approve', 'reject']);
  const approve = presses[0];
  if (approve?.press !== 'approve') throw new Error('the card has an Approve postback');
  return approve.approval;
}

it('from /pods to an approved restart, exactly once, as the approver', async () => {
  const pods = await say('/pods store', /CrashLoopBackOff/);
  const crashing = pods.text.match(/(checkout-\S+)\s+0\/1\s+CrashLoopBackOff/)?.[1];
  expect(crashing).toBe('checkout-6b7c9d8f4-q2w8z');
  expect(pods.text).toMatch(/cart-\S+\s+1\/1\s+Running/);

  const logs = await say(`/logs ${crashing} store --previous`, /ECONNREFUSED/);
  expect(logs.text).toContain('connect ECONNREFUSED 10.96.20.15:5432');

  const card = await say('/restart checkout store', /Restart the rollout/);
  expect(card.text).toContain('Approval needed: Restart the rollout of Deployment store/checkout');
  expect(card.text).toContain('Cluster ');
  expect(card.text).toContain('namespace store · Deployment checkout');
  const approvalId = approvalIdOf(card);
  expect(await restartedAt()).toBeUndefined();
  const approve = `kr1|approve|${approvalId}`;

  // Someone not in APPROVERS presses Approve: a polite refusal, nothing written.
  const refused = await answerTo(stranger, /not an approver/, linePostbackEvent(stranger, approve, nextId()));
  expect(refused.text).toContain('nothing was done');
  expect(await restartedAt()).toBeUndefined();
  expect(await checkoutWrites()).toHaveLength(0);

  // The approver presses Approve: the restart runs as them, once; the asker's chat is told too.
  const pressId = nextId();
  const done = await answerTo(approver, /Approved by/, linePostbackEvent(approver, approve, pressId));
  expect(done.text).toContain(
    `Approved by line:${approver}. Done: Restart the rollout of Deployment store/checkout`,
  );
  const annotation = await restartedAt();
  expect(annotation).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  await eventually('the outcome in the asker’s chat', async () =>
    (await answers()).find((a) => a.to === person && a.text.startsWith('Approved by')),
  );
  const rollout = await eventually('the rollout report', async () =>
    (await answers()).find((a) => a.to === person && /Rollout/.test(a.text)),
  );
  expect(rollout.text).toMatch(/Pod checkout-6b7c9d8f4-q2w8z is not ready: checkout: CrashLoopBackOff/);
  const writes = await checkoutWrites();
  expect(writes).toHaveLength(1);
  expect(writes[0]).toMatchObject({ actor: `line:${approver}`, decision: 'allowed', method: 'PATCH' });

  // LINE redelivers the same press, then the approver presses again: nothing more is written.
  const before = (await answers()).length;
  await send(linePostbackEvent(approver, approve, pressId, true));
  const again = await answerTo(approver, /Already approved/, linePostbackEvent(approver, approve, nextId()));
  expect(again.text).toMatch(
    new RegExp(`Already approved by line:${approver} at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC`),
  );
  await sleep(2000);
  expect((await answers()).slice(before).map((a) => a.text)).toEqual([again.text]);
  expect(await restartedAt()).toBe(annotation);
  expect(await checkoutWrites()).toHaveLength(1);

  // An approval whose time ran out does nothing, whoever presses it.
  const expired = approvalStore(new RedisKv(redis()));
  const stale = { ...(await expired.decision(approvalId))!.approval, id: 'expiredApproval0000000' };
  await expired.create({ ...stale, expiresAt: new Date(Date.now() + 1000).toISOString() }, 1);
  await sleep(1500);
  const late = await answerTo(
    approver,
    /expired/,
    linePostbackEvent(approver, `kr1|approve|${stale.id}`, nextId()),
  );
  expect(late.text).toContain('nothing was done');
  expect(await restartedAt()).toBe(annotation);
  expect(await checkoutWrites()).toHaveLength(1);

  // The conversation as each person saw it, and the audit line of the one write.
  const seen = await answers();
  const chat = (who: string, name: string) =>
    seen
      .filter((a) => a.to === who)
      .map((a) => `[bot → ${name}]\n${a.text}`)
      .join('\n\n');
  console.log(`--- the asker (${person.slice(0, 8)}…)\n${chat(person, 'asker')}`);
  console.log(`--- a stranger\n${chat(stranger, 'stranger')}`);
  console.log(`--- the approver\n${chat(approver, 'approver')}`);
  console.log(`proxy audit: ${JSON.stringify(writes[0])}`);
}, 180_000);
