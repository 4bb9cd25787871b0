// A person talks to the bot in LINE: signed webhooks in, each text message a chat-turn job through QStash, the
// commands engine's plain-text answer back through the LINE fake. Reads only; /restart only proposes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import {
  lineAnswers,
  lineSignature,
  lineTextEvent,
  lineWebhook,
  postLine,
  restartedAt,
  statusOf,
} from '../support/chat-webhooks.ts';
import { eventually, recorded, sleep } from '../support/messages.ts';

const person = `U${'4f3e2d1c0b0a9f8e'.repeat(2)}`;
let stack: Stack;
const latencies: number[] = [];
let eventCounter = 0;

beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(async () => {
  const sorted = [...latencies].sort((a, b) => a - b);
  if (sorted.length > 0)
    console.log(
      `LINE webhook → answer at the LINE fake: p50 ${sorted[Math.floor((sorted.length - 1) / 2)]} ms over ${sorted.length} turns (${sorted.join(', ')} ms)`,
    );
  await stack?.stop();
});

/** What LINE was asked to send to the person: every reply and push it accepted, with its texts. */
const answers = async () =>
  (await lineAnswers(stack)).map(({ request, plainText }) => ({ request, text: plainText }));

/** Sends one message as the person and waits for the bot's answer; records how long it took. */
async function say(text: string): Promise<string> {
  const before = (await answers()).length;
  const id = `01J${String(++eventCounter).padStart(8, '0')}LINECHATTEST`;
  const sentAt = Date.now();
  const response = await postLine(stack, lineWebhook(lineTextEvent(person, text, id)));
  expect(response.status).toBe(200);
  const answer = await eventually(`the answer to ${text}`, async () => (await answers())[before], 60_000);
  latencies.push(Date.parse(answer.request.at) - sentAt);
  console.log(`> ${text}\n${answer.text}\n`);
  return answer.text;
}

it('refuses a forged or missing signature and answers LINE’s empty verify body', async () => {
  const body = lineWebhook(lineTextEvent(person, '/pods shop', '01JFORGED0000000000000000'));
  expect((await postLine(stack, body, lineSignature(stack, `${body} `))).status).toBe(401);
  const missing = await fetch(`${stack.info.worker}/events/line`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  expect(missing.status).toBe(401);
  expect((await postLine(stack, lineWebhook())).status).toBe(200);
  await sleep(1000);
  expect(await answers()).toHaveLength(0);
});

it('lists, reads logs, proposes a restart without writing, and answers a redelivery once', async () => {
  const pods = await say('/pods shop');
  expect(pods).toMatch(/payment-7d9f8c6b5d-x7k2p\s+0\/1\s+CrashLoopBackOff/);

  // While the first turn was answered the one-on-one chat showed LINE's loading animation.
  const loading = (await recorded(stack.info.line)).filter((r) => r.path === '/v2/bot/chat/loading/start');
  expect(loading[0]?.body).toEqual({ chatId: person, loadingSeconds: 20 });
  expect(statusOf(loading[0]!)).toBe(202);

  const logs = await say('/logs that crashing one shop --previous');
  expect(logs).toContain('ECONNREFUSED');

  const restart = await say('/restart payment shop');
  // An approval card: what will run, and that only an approver can make it run; said once, not twice.
  expect(restart).toContain('Approval needed: Restart the rollout of Deployment shop/payment');
  expect(restart).toContain('only an approver can approve');
  expect(restart).not.toContain('Proposed:');
  expect(await restartedAt(stack, 'shop', 'payment')).toBeUndefined();

  // LINE redelivers an event it thinks was not received: the same webhookEventId, answered once.
  const before = (await answers()).length;
  const event = lineTextEvent(person, '/pods shop', '01JREDELIVERED00000000000');
  expect((await postLine(stack, lineWebhook(event))).status).toBe(200);
  await eventually('the first delivery’s answer', async () =>
    (await answers()).length > before ? true : undefined,
  );
  expect(
    (await postLine(stack, lineWebhook({ ...event, deliveryContext: { isRedelivery: true } }))).status,
  ).toBe(200);
  await sleep(3000);
  expect(await answers()).toHaveLength(before + 1);
  expect(JSON.stringify(await recorded(stack.info.line))).not.toContain('CANARY');
}, 120_000);
