// A zh-TW LINE conversation with no model, through the local stack and the LINE fake: the person's LINE profile says
// zh-TW (no /lang, only Latin commands), /pods, /logs --previous, /restart → the approval card → the approver's press
// → the outcome and the rollout, every sentence in Traditional Chinese; only names, kinds, columns, log lines and
// commands stay as they are. And a Slack user whose Slack locale is zh-CN is answered in Simplified Chinese.
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
  postSlack,
  slackEventDelivery,
} from '../support/chat-webhooks.ts';
import { eventually, slackPosts } from '../support/messages.ts';
import { untranslated } from '../support/untranslated.ts';

const person = `U${'0a1b2c3d4e5f6071'.repeat(2)}`;
const slackPerson = 'U07ZHCNPERSON';
/** The names the answers may hold: the fixture's namespace, workloads and containers, the cluster. */
const names = ['store', 'checkout', 'cart', 'line'];

/** Each line's English words, the log text (after a /logs head) and table rows (names, statuses) aside. */
function englishIn(text: string, kept: readonly string[] = []): string[] {
  return text
    .split('\n')
    .filter((line) => !kept.includes(line))
    .flatMap((line) => untranslated(line, [...names, stack.info.clusterName]) ?? []);
}
const fixturePath = resolve(import.meta.dirname, '../fixtures/chat/store.yaml');
let stack: Stack;
let approver: string;
let eventCounter = 0;

beforeAll(async () => {
  stack = await startStack({ fixturePath });
  approver = stack.info.approvers.line;
  // What LINE's profile and Slack's users.info would say of these people.
  const set = (url: string, body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  expect((await set(`${stack.info.line}/__profiles`, { [person]: { language: 'zh-TW' } })).status).toBe(204);
  expect((await set(`${stack.info.slack}/__users`, { [slackPerson]: { locale: 'zh-CN' } })).status).toBe(204);
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

it('is Chinese end to end except names and commands, in the language of the LINE profile', async () => {
  const pods = await say('/pods store', /CrashLoopBackOff/);
  const [podsHead = '', columns = '', ...rows] = pods.text.split('\n');
  expect(podsHead).toMatch(/^store 裡有 \d+ 個 Pod；其中 \d+ 個未執行、未就緒或正在重啟$/);
  expect(englishIn(pods.text, [columns, ...rows])).toEqual([]);

  const logs = await say('/logs checkout-6b7c9d8f4-q2w8z store --previous', /ECONNREFUSED/);
  expect(logs.text).toContain('connect ECONNREFUSED 10.96.20.15:5432');
  const [logHead = '', ...logLines] = logs.text.split('\n');
  expect(logHead).toMatch(/^store\/checkout-6b7c9d8f4-q2w8z 的上一個實例日誌：\d+ 行$/);
  expect(englishIn(logs.text, logLines)).toEqual([]);

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

  // The rollout watch (ROLLOUT_WATCH_SECONDS=3 in the stack) says how the restart went, in the asker's language.
  const rollout = await eventually('the rollout in the asker’s chat', async () =>
    (await answers()).find((a) => a.to === person && /^滾動更新/.test(a.text)),
  );
  expect(rollout.text).toMatch(/^滾動更新(完成|尚未完成)：Deployment store\/checkout/);
  const seen = await answers();
  const said = seen.filter((a) => a.to === person || a.to === approver);
  // Every message after the /logs answer (whose log text is the cluster's) holds no English word.
  for (const answer of said.filter((a) => a !== pods && a !== logs))
    expect(englishIn(answer.text), answer.text).toEqual([]);
  console.log(
    seen
      .filter((a) => a.to === person || a.to === approver)
      .map((a) => `[bot → ${a.to === person ? 'asker' : 'approver'}]\n${a.text}`)
      .join('\n\n'),
  );
}, 180_000);

it('answers a Slack user whose Slack locale is zh-CN in Simplified Chinese', async () => {
  const channel = 'C0ZHCNTEAM';
  const before = (await slackPosts(stack.info.slack)).length;
  const delivery = slackEventDelivery(
    {
      type: 'app_mention',
      user: slackPerson,
      text: '<@U0FAKEBOT> /pods store',
      ts: '1700000001.000100',
      channel,
    },
    'Ev0ZHCN000001',
  );
  expect((await postSlack(stack, delivery)).status).toBe(200);
  const answer = await eventually(
    'the answer in Slack',
    async () =>
      (await slackPosts(stack.info.slack)).slice(before).find((post) => post.body.channel === channel),
    60_000,
  );
  const text = String(answer.body.text);
  expect(text.split('\n')[0]).toMatch(/^store 中有 \d+ 个 Pod；其中 \d+ 个未运行、未就绪或正在重启$/);
  console.log(`[bot → Slack zh-CN]\n${text}`);
}, 120_000);
