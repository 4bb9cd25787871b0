// A person talks to the bot in Slack: signed Events API deliveries in, each mention or DM a chat-turn job through
// QStash, the commands engine's answer back through the Slack fake in the thread of the message that asked.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { postSlack, slackEventDelivery } from '../support/chat-webhooks.ts';
import { eventually, type RecordedRequest, slackPosts, sleep } from '../support/messages.ts';

const bot = 'U0FAKEBOT';
const person = 'U07SLACKPERSON';
const channel = 'C0SHOPTEAM';
let stack: Stack;
let eventCounter = 0;
const latencies: number[] = [];

beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(async () => {
  const sorted = [...latencies].sort((a, b) => a - b);
  if (sorted.length > 0)
    console.log(
      `Slack event → answer at the Slack fake: p50 ${sorted[Math.floor((sorted.length - 1) / 2)]} ms over ${sorted.length} turns (${sorted.join(', ')} ms)`,
    );
  await stack?.stop();
});

let lastTs = 1_700_000_000;
const nextTs = () => `${++lastTs}.000100`;

const delivery = (
  event: Record<string, unknown>,
  eventId = `Ev0E2E${String(++eventCounter).padStart(6, '0')}`,
) => slackEventDelivery(event, eventId, bot);

const mention = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'app_mention',
  user: person,
  text: `<@${bot}> ${text}`,
  ts: nextTs(),
  channel,
  ...extra,
});

/** The bot's answers: every chat.postMessage that Slack accepted. */
async function answers(): Promise<RecordedRequest[]> {
  return (await slackPosts(stack.info.slack)).filter((r) => (r as RecordedRequest & { ok?: boolean }).ok);
}

/** Posts one event and waits for the bot's answer; records how long it took. */
async function ask(body: string): Promise<RecordedRequest> {
  const before = (await answers()).length;
  const sentAt = Date.now();
  const response = await postSlack(stack, body);
  expect(response.status).toBe(200);
  const answer = await eventually('the bot’s answer', async () => (await answers())[before], 60_000);
  latencies.push(Date.parse(answer.at) - sentAt);
  console.log(`> ${JSON.parse(body).event.text}\n${answer.body.text}\n`);
  return answer;
}

it('answers a mention in the thread of the message that asked, a retried delivery once', async () => {
  const event = mention('/pods shop');
  const body = delivery(event);
  const answer = await ask(body);
  expect(answer.body).toMatchObject({ channel, thread_ts: event.ts });
  expect(answer.body.text).toMatch(/payment-7d9f8c6b5d-x7k2p\s+0\/1\s+CrashLoopBackOff/);

  // Slack did not see our 200 in time and retries: the same event_id, answered once.
  const before = (await answers()).length;
  expect(
    (await postSlack(stack, body, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' }))
      .status,
  ).toBe(200);
  await sleep(3000);
  expect(await answers()).toHaveLength(before);

  // A follow-up in the same thread reads that thread's memory: "that crashing one" is the pod just listed.
  const followUp = await ask(
    delivery(mention('/logs that crashing one shop --previous', { thread_ts: event.ts })),
  );
  expect(followUp.body).toMatchObject({ channel, thread_ts: event.ts });
  expect(followUp.body.text).toContain('ECONNREFUSED');
}, 120_000);

it('answers a DM in the DM and ignores the bot’s own message there', async () => {
  const dm = 'D0DIRECTMSG';
  const answer = await ask(
    delivery({
      type: 'message',
      channel_type: 'im',
      user: person,
      text: 'pods shop',
      ts: nextTs(),
      channel: dm,
    }),
  );
  expect(answer.body.channel).toBe(dm);
  expect(answer.body.thread_ts).toBeUndefined();
  expect(answer.body.text).toContain('CrashLoopBackOff');

  // The bot's answer comes back to it as a DM event: never answered (it would loop).
  const before = (await answers()).length;
  const own = delivery({
    type: 'message',
    subtype: 'bot_message',
    channel_type: 'im',
    bot_id: 'B0FAKEBOT',
    text: answer.body.text,
    ts: nextTs(),
    channel: dm,
  });
  const response = await postSlack(stack, own);
  expect(response.status).toBe(200);
  expect(await response.text()).toBe('');
  await sleep(3000);
  expect(await answers()).toHaveLength(before);
  expect(JSON.stringify(await slackPosts(stack.info.slack))).not.toContain('CANARY');
}, 120_000);
