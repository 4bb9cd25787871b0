// A zh-TW LINE conversation with no model, through the local stack and the LINE fake: /lang zh-TW, /pods,
// /logs --previous, /restart → the approval card → the approver's press → the outcome, every sentence in
// Traditional Chinese; only names, kinds, columns, log lines and commands stay as they are.
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { parsePress } from '../../lib/chat/index.ts';
import {
  type LineAnswer,
  lineAnswers,
  linePostbackEvent,
  lineTextEvent,
  lineWebhook,
  postLine,
} from '../support/chat-webhooks.ts';
import { eventually } from '../support/messages.ts';

const person = `U${'0a1b2c3d4e5f6071'.repeat(2)}`;
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

const nextId = () => `01J${String(++eventCounter).padStart(8, '0')}ZHTWTEST0000`;
const tokenOwners = new Map<string, string>();
const answers = () => lineAnswers(stack, tokenOwners);

async function answerTo(
  to: string,
  match: RegExp,
  event: { replyToken: string; source: { userId: string } },
): Promise<LineAnswer> {
  const before = (await answers()).length;
  tokenOwners.set(event.replyToken, event.source.userId);
  expect((await postLine(stack, lineWebhook(event))).status).toBe(200);
  return eventually(
    `an answer to ${to} matching ${match}`,
    async () => (await answers()).slice(before).find((a) => a.to === to && match.test(a.text)),
    60_000,
  );
}

const say = (text: string, match: RegExp) => answerTo(person, match, lineTextEvent(person, text, nextId()));

it('is Chinese end to end except names and commands', async () => {
  const lang = await say('/lang zh-TW', /繁體中文/);
  expect(lang.text).toBe('之後我會用繁體中文回覆。');

  const pods = await say('/pods store', /CrashLoopBackOff/);
  expect(pods.text.split('\n')[0]).toMatch(/^store 裡有 \d+ 個 Pod/);

  const logs = await say('/logs checkout-6b7c9d8f4-q2w8z store --previous', /ECONNREFUSED/);
  expect(logs.text).toContain('connect ECONNREFUSED 10.96.20.15:5432');

  const card = await say('/restart checkout store', /等待核准/);
  const lines = card.text.split('\n');
  expect(lines[0]).toBe('等待核准：重啟 Deployment store/checkout（Pod 會逐一替換）');
  expect(lines[1]).toMatch(/^叢集 \S+ · 命名空間 store · Deployment checkout$/);
  expect(lines[2]).toBe(`提出者 line:${person} — 在聊天中提出（/restart）`);
  expect(lines[3]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC 到期；只有核准者可以核准。$/);
  const template = card.messages.find((m) => m.type === 'template')?.template as
    | { text: string; actions: { label: string; data?: string }[] }
    | undefined;
  expect(template?.text).toBe('核准：重啟 Deployment store/checkout（Pod 會逐一替換）？');
  expect(template?.actions.map((action) => action.label)).toEqual(['核准', '拒絕']);
  const approve = parsePress(template?.actions[0]?.data);
  if (approve?.press !== 'approve') throw new Error('the card has an Approve postback');

  const done = await answerTo(
    approver,
    /已核准/,
    linePostbackEvent(approver, `kr1|approve|${approve.approval}`, nextId()),
  );
  expect(done.text).toBe(`line:${approver} 已核准。完成：重啟 Deployment store/checkout（Pod 會逐一替換）。`);
  await eventually('the outcome in the asker’s chat', async () =>
    (await answers()).find((a) => a.to === person && a.text.startsWith(`line:${approver} 已核准`)),
  );

  const seen = await answers();
  console.log(
    seen
      .filter((a) => a.to === person || a.to === approver)
      .map((a) => `[bot → ${a.to === person ? 'asker' : 'approver'}]\n${a.text}`)
      .join('\n\n'),
  );
}, 180_000);
