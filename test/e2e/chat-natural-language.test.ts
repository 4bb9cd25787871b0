// A person talks to the bot in LINE in their own words: free text goes to the model (the stack's Gemini fake,
// scripted over HTTP) with the conversation's memory, and "restart it" then proposes the right Deployment — the
// cluster unchanged. Prints the conversation and the model's prompt tokens per turn for the note.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { GeminiRecordedRequest } from '../../infra/stack/gemini.ts';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
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

it('"that crashing one" and "restart it" in plain words: read through the model, proposed, nothing written', async () => {
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
  expect(restart).toContain('Proposed: Restart the rollout of Deployment shop/payment');
  expect(restart).toContain('Nothing changes until a person approves it.');

  const deployment = (await (
    await fetch(`${stack.info.cluster}/apis/apps/v1/namespaces/shop/deployments/payment`)
  ).json()) as { spec: { template: { metadata?: { annotations?: Record<string, string> } } } };
  expect(
    deployment.spec.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'],
  ).toBeUndefined();
  console.log(`LINE conversation in natural language:\n\n${transcript.join('\n')}`);
}, 180_000);
