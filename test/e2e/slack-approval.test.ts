// Slack: a mention asks for a restart → an approval card with Approve/Reject in the thread → the approver's button
// press runs it through the proxy as them, once, and the card is updated in place (chat.update, same channel + ts);
// someone else's press changes nothing.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { PRESS_ACTION_IDS, parsePress } from '../../lib/chat/index.ts';
import {
  postSlack,
  restartedAt as restartedAtOf,
  SLACK_FORM,
  slackActionsForm,
  slackEventDelivery,
} from '../support/chat-webhooks.ts';
import { eventually, type RecordedRequest, recorded, sleep } from '../support/messages.ts';

const bot = 'U0FAKEBOT';
const person = 'U07ASKER';
const channel = 'C0SHOPTEAM';
let stack: Stack;
let approver: string;

beforeAll(async () => {
  stack = await startStack();
  approver = stack.info.approvers.slack;
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const mentionTs = '1700000001.000100';
const mention = slackEventDelivery(
  { type: 'app_mention', user: person, text: `<@${bot}> /restart payment shop`, ts: mentionTs, channel },
  'Ev0APPROVAL01',
  bot,
);

let actionTs = 1_700_000_100;
const press = (user: string, cardTs: string, value: string) =>
  slackActionsForm({
    user,
    channel,
    messageTs: cardTs,
    threadTs: mentionTs,
    actionId: PRESS_ACTION_IDS.approve,
    value,
    actionTs: `${++actionTs}.000001`,
  });

type Call = RecordedRequest & { ok?: boolean; ts?: string };
const calls = async (method: string) =>
  ((await recorded(stack.info.slack)) as Call[]).filter((r) => r.path.endsWith(`/${method}`) && r.ok);

const restartedAt = () => restartedAtOf(stack, 'shop', 'payment');

async function paymentWrites(): Promise<Record<string, unknown>[]> {
  return (await readFile(stack.info.proxyAudit, 'utf8'))
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.method !== 'GET' && line.name === 'payment');
}

it('a button press approves, runs once as the approver, and updates the card in place', async () => {
  expect((await postSlack(stack, mention)).status).toBe(200);
  const card = await eventually('the approval card', async () =>
    (await calls('chat.postMessage')).find((c) =>
      JSON.stringify(c.body.blocks ?? '').includes('kr1|approve|'),
    ),
  );
  expect(card.body).toMatchObject({ channel, thread_ts: mentionTs });
  expect(card.ts).toBeDefined();
  const value = JSON.stringify(card.body.blocks).match(/kr1\|approve\|[A-Za-z0-9._-]+/)?.[0];
  expect(parsePress(value)?.press).toBe('approve');

  // Someone not in APPROVERS: told so in the thread, nothing written, the card untouched.
  expect((await postSlack(stack, press('U0STRANGER', card.ts!, value!), SLACK_FORM)).status).toBe(200);
  await eventually('the refusal', async () =>
    (await calls('chat.postMessage')).find((c) => /not an approver/.test(c.body.text ?? '')),
  );
  expect(await restartedAt()).toBeUndefined();
  expect(await calls('chat.update')).toHaveLength(0);

  expect((await postSlack(stack, press(approver, card.ts!, value!), SLACK_FORM)).status).toBe(200);
  const update = await eventually('the card updated', async () => (await calls('chat.update'))[0]);
  expect(update.body).toMatchObject({ channel, ts: card.ts });
  expect(JSON.stringify(update.body)).toContain(`slack:${approver}`);
  expect(JSON.stringify(update.body)).not.toContain('kr1|approve|');
  const outcome = await eventually('the outcome in the thread', async () =>
    (await calls('chat.postMessage')).find((c) => /^Approved by/.test(c.body.text ?? '')),
  );
  expect(outcome.body).toMatchObject({ channel, thread_ts: mentionTs });
  expect(await restartedAt()).toBeDefined();
  await sleep(2000);
  const writes = await paymentWrites();
  expect(writes).toHaveLength(1);
  expect(writes[0]).toMatchObject({ actor: `slack:${approver}`, decision: 'allowed' });
  console.log(`Slack card updated: ${JSON.stringify(update.body.text ?? '').slice(0, 200)}`);
  console.log(`Slack outcome: ${outcome.body.text}`);
}, 120_000);
