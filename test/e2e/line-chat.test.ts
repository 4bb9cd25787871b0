// A person talks to the bot in LINE: signed webhooks in, each text message a chat-turn job through QStash, the
// commands engine's plain-text answer back through the LINE fake. Reads only; /restart only proposes.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { eventually, type RecordedRequest, recorded, sleep } from '../support/messages.ts';

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

const sign = (body: string) =>
  createHmac('sha256', stack.info.secrets.lineChannelSecret).update(body).digest('base64');

function postLine(body: string, signature = sign(body)): Promise<Response> {
  return fetch(`${stack.info.worker}/events/line`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-line-signature': signature },
    body,
  });
}

const textEvent = (text: string, webhookEventId: string, isRedelivery = false) => ({
  type: 'message',
  mode: 'active',
  timestamp: Date.now(),
  webhookEventId,
  deliveryContext: { isRedelivery },
  source: { type: 'user', userId: person },
  replyToken: `rt${webhookEventId.toLowerCase()}`,
  message: { id: String(Date.now()), type: 'text', quoteToken: 'q', text },
});

const webhook = (...events: unknown[]) => JSON.stringify({ destination: 'Ubot', events });

const statusOf = (request: RecordedRequest) => (request as RecordedRequest & { status?: number }).status;

/** What LINE was asked to send to the person: every reply and push, with its texts. */
async function answers(): Promise<{ request: RecordedRequest; text: string }[]> {
  return (
    (await recorded(stack.info.line))
      // A refused call (a spent reply token, then pushed instead) is recorded too, with LINE's status.
      .filter(
        (r) => ['/v2/bot/message/reply', '/v2/bot/message/push'].includes(r.path) && statusOf(r) === 200,
      )
      .map((request) => ({
        request,
        text: (request.body.messages as { text?: string }[]).map((m) => m.text ?? '').join('\n'),
      }))
  );
}

/** Sends one message as the person and waits for the bot's answer; records how long it took. */
async function say(text: string): Promise<string> {
  const before = (await answers()).length;
  const id = `01J${String(++eventCounter).padStart(8, '0')}LINECHATTEST`;
  const sentAt = Date.now();
  const response = await postLine(webhook(textEvent(text, id)));
  expect(response.status).toBe(200);
  const answer = await eventually(`the answer to ${text}`, async () => (await answers())[before], 60_000);
  latencies.push(Date.parse(answer.request.at) - sentAt);
  console.log(`> ${text}\n${answer.text}\n`);
  return answer.text;
}

it('refuses a forged or missing signature and answers LINE’s empty verify body', async () => {
  const body = webhook(textEvent('/pods shop', '01JFORGED0000000000000000'));
  expect((await postLine(body, sign(`${body} `))).status).toBe(401);
  const missing = await fetch(`${stack.info.worker}/events/line`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  expect(missing.status).toBe(401);
  expect((await postLine(webhook())).status).toBe(200);
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
  const deployment = (await (
    await fetch(`${stack.info.cluster}/apis/apps/v1/namespaces/shop/deployments/payment`)
  ).json()) as { spec: { template: { metadata?: { annotations?: Record<string, string> } } } };
  expect(
    deployment.spec.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'],
  ).toBeUndefined();

  // LINE redelivers an event it thinks was not received: the same webhookEventId, answered once.
  const before = (await answers()).length;
  const event = textEvent('/pods shop', '01JREDELIVERED00000000000');
  expect((await postLine(webhook(event))).status).toBe(200);
  await eventually('the first delivery’s answer', async () =>
    (await answers()).length > before ? true : undefined,
  );
  expect((await postLine(webhook({ ...event, deliveryContext: { isRedelivery: true } }))).status).toBe(200);
  await sleep(3000);
  expect(await answers()).toHaveLength(before + 1);
  expect(JSON.stringify(await recorded(stack.info.line))).not.toContain('CANARY');
}, 120_000);
