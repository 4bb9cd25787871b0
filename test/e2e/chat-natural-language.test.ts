// A person talks to the bot in LINE in their own words: free text goes to the model (the stack's Gemini fake,
// scripted over HTTP) with the conversation's memory, and "restart it" then proposes the right Deployment — the
// cluster unchanged. Prints the conversation and the model's prompt tokens per turn for the note.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { GeminiRecordedRequest } from '../../infra/stack/gemini.ts';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { parsePress } from '../../lib/chat/index.ts';
import {
  lineAnswers,
  linePostbackEvent,
  lineTextEvent,
  lineWebhook,
  postLine,
  restartedAt as restartedAtOf,
  statusOf,
} from '../support/chat-webhooks.ts';
import { eventually, recorded } from '../support/messages.ts';

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

const nextId = () => `01J${String(++eventCounter).padStart(8, '0')}NATURALTEST`;

const answers = async () => (await lineAnswers(stack)).map((answer) => answer.plainText);

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
    .filter((r) => statusOf(r) === 200 && r.path.startsWith('/v2/bot/message/'))
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
  const response = await postLine(stack, lineWebhook(linePostbackEvent(userId, data, nextId())));
  expect(response.status).toBe(200);
}

const restartedAt = () => restartedAtOf(stack, 'shop', 'payment');

/** Sends one message as the person and waits for the bot's answer; notes the model's prompt tokens for it. */
async function say(text: string): Promise<string> {
  const before = (await answers()).length;
  const modelBefore = (await modelRequests()).length;
  const response = await postLine(stack, lineWebhook(lineTextEvent(person, text, nextId())));
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
