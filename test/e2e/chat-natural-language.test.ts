// A person talks to the bot in LINE in their own words: free text goes to the model (the stack's Gemini fake,
// scripted over HTTP) with the conversation's memory, and "restart it" then proposes the right Deployment — the
// cluster unchanged. Prints the conversation and the model's prompt tokens per turn for the note.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { GeminiRecordedRequest } from '../../infra/stack/gemini.ts';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { parsePress } from '../../lib/chat/index.ts';
import { eventually, type RecordedRequest, recorded } from '../support/messages.ts';

const person = `U${'7a6b5c4d3e2f1a0b'.repeat(2)}`;
const POD = 'payment-7d9f8c6b5d-x7k2p';
let stack: Stack;
let eventCounter = 0;

beforeAll(async () => {
  stack = await startStack();
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const sign = (body: string) =>
  createHmac('sha256', stack.info.secrets.lineChannelSecret).update(body).digest('base64');

const textEvent = (text: string, webhookEventId: string) => ({
  type: 'message',
  mode: 'active',
  timestamp: Date.now(),
  webhookEventId,
  deliveryContext: { isRedelivery: false },
  source: { type: 'user', userId: person },
  replyToken: `rt${webhookEventId.toLowerCase()}`,
  message: { id: String(Date.now()), type: 'text', quoteToken: 'q', text },
});

const statusOf = (request: RecordedRequest) => (request as RecordedRequest & { status?: number }).status;

async function answers(): Promise<string[]> {
  return (await recorded(stack.info.line))
    .filter((r) => ['/v2/bot/message/reply', '/v2/bot/message/push'].includes(r.path) && statusOf(r) === 200)
    .map((request) => (request.body.messages as { text?: string }[]).map((m) => m.text ?? '').join('\n'));
}

async function modelRequests(): Promise<GeminiRecordedRequest[]> {
  return (await (await fetch(`${stack.info.gemini}/__requests`)).json()) as GeminiRecordedRequest[];
}

async function script(steps: unknown[]): Promise<void> {
  const response = await fetch(`${stack.info.gemini}/__script`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(steps),
  });
  expect(response.status).toBe(200);
}

const transcript: string[] = [];

/** The Approve postback of the newest approval card LINE was asked to show (what the person's tap sends). */
async function newestApprove(): Promise<string> {
  const datas = (await recorded(stack.info.line))
    .filter((r) => statusOf(r) === 200)
    .flatMap((r) => (r.body.messages as { template?: { actions?: { data?: string }[] } }[] | undefined) ?? [])
    .flatMap((m) => m.template?.actions ?? [])
    .map((action) => action.data ?? '')
    .filter((data) => parsePress(data)?.press === 'approve');
  const newest = datas.at(-1);
  if (!newest) throw new Error('no approval card was sent');
  return newest;
}

/** A press of a postback button, as LINE delivers it. */
async function press(userId: string, data: string): Promise<void> {
  const webhookEventId = `01J${String(++eventCounter).padStart(8, '0')}NATURALTEST`;
  const body = JSON.stringify({
    destination: 'Ubot',
    events: [
      {
        type: 'postback',
        mode: 'active',
        timestamp: Date.now(),
        webhookEventId,
        deliveryContext: { isRedelivery: false },
        source: { type: 'user', userId },
        replyToken: `rt${webhookEventId.toLowerCase()}`,
        postback: { data },
      },
    ],
  });
  const response = await fetch(`${stack.info.worker}/events/line`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-line-signature': sign(body) },
    body,
  });
  expect(response.status).toBe(200);
}

async function restartedAt(): Promise<string | undefined> {
  const deployment = (await (
    await fetch(`${stack.info.cluster}/apis/apps/v1/namespaces/shop/deployments/payment`)
  ).json()) as { spec: { template: { metadata?: { annotations?: Record<string, string> } } } };
  return deployment.spec.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'];
}

/** Sends one message as the person and waits for the bot's answer; notes the model's prompt tokens for it. */
async function say(text: string): Promise<string> {
  const before = (await answers()).length;
  const modelBefore = (await modelRequests()).length;
  const body = JSON.stringify({
    destination: 'Ubot',
    events: [textEvent(text, `01J${String(++eventCounter).padStart(8, '0')}NATURALTEST`)],
  });
  const response = await fetch(`${stack.info.worker}/events/line`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-line-signature': sign(body) },
    body,
  });
  expect(response.status).toBe(200);
  const answer = await eventually(`the answer to ${text}`, async () => (await answers())[before], 60_000);
  const calls = (await modelRequests()).slice(modelBefore);
  const tokens = calls.map((call) => call.promptTokens);
  transcript.push(
    `> ${text}\n${answer}\n[model: ${calls.length} calls, prompt tokens ${tokens.join(' + ') || 0}]\n`,
  );
  return answer;
}

it('"that crashing one" and "restart it" in plain words: read through the model, an approval card, executed once by the approver', async () => {
  const pods = await say('/pods shop');
  expect(pods).toMatch(new RegExp(`${POD}\\s+0/1\\s+CrashLoopBackOff`));

  await script([
    {
      functionCalls: [
        { name: 'get_logs', args: { namespace: 'shop', pod: POD, previous: true, grep: 'ECONNREFUSED' } },
      ],
    },
    {
      answer: {
        summary: `${POD} exits because it cannot reach its database: connect ECONNREFUSED 10.96.112.40:3306.`,
        rootCause: 'Service shop/mysql has no endpoints: its selector app=mysql matches no pod.',
        evidence: ['Error: connect ECONNREFUSED 10.96.112.40:3306'],
        nextSteps: ['kubectl -n shop get endpoints mysql'],
        confidence: 'high',
      },
    },
  ]);
  const logs = await say('look at the log of that crashing one');
  expect(logs).toContain('ECONNREFUSED');
  const calls = await modelRequests();
  const first = JSON.stringify(calls.at(-2)?.body);
  // The model was given the pod the person had just seen, as data, with the conversation so far.
  expect(first).toContain(`Pod shop/${POD} CrashLoopBackOff`);
  expect(first).toContain('user: /pods shop');
  // The get_logs it asked for ran, and its answer reached it.
  expect(JSON.stringify(calls.at(-1)?.body)).toContain('ECONNREFUSED');

  const restart = await say('restart it');
  expect(restart).toContain('Approval needed: Restart the rollout of Deployment shop/payment');
  expect(restart).toContain('only an approver can approve');
  expect(await restartedAt()).toBeUndefined();

  // The person who asked is not an approver: their tap changes nothing. The approver's restarts it, once.
  const approve = await newestApprove();
  const before = (await answers()).length;
  await press(person, approve);
  await eventually('the refusal', async () =>
    (await answers()).slice(before).find((text) => text.includes('not an approver')),
  );
  expect(await restartedAt()).toBeUndefined();
  await press(stack.info.approvers.line, approve);
  const done = await eventually('the approver’s outcome', async () =>
    (await answers()).slice(before).find((text) => text.startsWith('Approved by')),
  );
  transcript.push(`[the approver taps Approve]\n${done}\n`);
  const annotation = await restartedAt();
  expect(annotation).toBeDefined();
  await press(stack.info.approvers.line, approve);
  await eventually('the second tap’s answer', async () =>
    (await answers()).slice(before).find((text) => text.startsWith('Already approved')),
  );
  expect(await restartedAt()).toBe(annotation);
  console.log(`LINE conversation in natural language:\n\n${transcript.join('\n')}`);
}, 180_000);
