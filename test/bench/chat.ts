// Chat benchmark (issue 10): the memory a 200-turn conversation keeps within its default budget and what bounding
// it costs per turn, then chat on the local stack — LINE and Slack turns from webhook POST to the answer recorded at
// the chat fake, and one approval from the approver's press to its "Approved by" answer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFixtureHandler, loadFixture } from '../../infra/sim/index.ts';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { parsePress } from '../../lib/chat/index.ts';
import { RestClusterReader } from '../../lib/cluster/index.ts';
import { DEFAULT_CHAT_MEMORY_TOKENS, memoryTokens, withinBudget } from '../../lib/conversation/index.ts';
import { converse, type JobDeps } from '../../lib/jobs/index.ts';
import { type Conversation, MemoryKv, stores } from '../../lib/store/index.ts';
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
import { eventually, type RecordedRequest, slackPosts } from '../support/messages.ts';
import { type BenchRow, row } from './table.ts';

const DEMO = join(import.meta.dirname, '../fixtures/demo/crashloop.yaml');

/** What people type in the memory run: lists, long logs, 繁體中文, references back (as test/conversation/memory). */
const MEMORY_SCRIPT = [
  '/pods shop',
  '/logs that crashing one --previous',
  '列出 pods shop',
  '看 log payment-7d9f8c6b5d-x7k2p shop',
  '/describe deploy payment shop',
  '/events shop',
  '/restart it',
  '/diagnose shop',
  '重啟 payment',
  '/help',
];
const MEMORY_TURNS = 200;

/** The stack run's cycle, each with what its answer says; the last command yields an approval card. */
const CHAT_CYCLE: { text: string; expected: RegExp }[] = [
  { text: '/pods shop', expected: /payment-\S+\s+0\/1\s+CrashLoopBackOff/ },
  { text: '/logs that crashing one shop --previous', expected: /log of shop\/payment-\S+ \(previous\)/ },
  { text: '/events shop', expected: /events, newest first/ },
  { text: '/describe deploy payment shop', expected: /^Deployment shop\/payment/ },
  {
    text: '/restart payment shop',
    expected: /Approval needed: Restart the rollout of Deployment shop\/payment/,
  },
];
const LINE_TURNS = 30;
const SLACK_TURNS = 10;
/**
 * LINE turns come from three people, one cycle each in turn: 30 turns from one person within a minute would pass
 * CHAT_TURNS_PER_MINUTE (20) and measure the rate limit's answer instead of the chat's.
 */
const LINE_PEOPLE = [1, 2, 3].map((n) => `U${`bench${n}`.padEnd(32, '0')}`);

const pad = (name: string) => name.padEnd(50);
const line = (name: string, value: string) => console.error(`${pad(name)}${value}`);

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
};

/** The rows of the current run, filled as each part measures. */
let rows: BenchRow[] = [];

/** p50/p95/max of latencies in ms, with how many were answered; the p50 and the answered count as rows. */
function latencyLine(
  name: string,
  rowName: string,
  answered: number[],
  sent: number,
  expected: number,
): void {
  rows.push(
    row(`${rowName} p50`, quantile(answered, 0.5), 'ms', { note: `${answered.length}/${sent} answered` }),
    row(`${rowName}: answered as expected`, expected, 'turns', { target: sent, compare: '>=' }),
  );
  const figures =
    answered.length > 0
      ? `; p50 ${quantile(answered, 0.5)} ms, p95 ${quantile(answered, 0.95)} ms, max ${Math.max(...answered)} ms`
      : '';
  line(name, `${answered.length}/${sent} answered (${expected} as expected)${figures}`);
}

export async function run(): Promise<BenchRow[]> {
  rows = [];
  console.error('\n## Chat (issue 10)\n');
  await memory();
  await onTheStack();
  return rows;
}

/** The answers of the real commands engine on the demo fixture, one per scripted turn. */
async function scriptedAnswers(): Promise<{ user: string; bot: string }[]> {
  const handler = createFixtureHandler(loadFixture(readFileSync(DEMO, 'utf8')));
  const store = stores(new MemoryKv());
  const deps: JobDeps = {
    ledger: store.ledger,
    reports: store.reports,
    conversations: store.conversations,
    readerFor: () =>
      new RestClusterReader({
        baseUrl: 'http://fixture.invalid',
        fetch: async (request) => handler(request),
      }),
    deliver: async () => undefined,
    now: () => new Date('2026-11-23T10:00:00Z'),
  };
  const exchanges: { user: string; bot: string }[] = [];
  for (let i = 0; i < MEMORY_TURNS; i++) {
    const text = MEMORY_SCRIPT[i % MEMORY_SCRIPT.length] ?? '/help';
    const user = { channel: 'line' as const, id: 'Ubench' };
    const answer = await converse(
      { id: `bench-${i}`, conversation: 'line:user:Ubench', user, text, cluster: 'demo' },
      deps,
    );
    exchanges.push({ user: text, bot: answer.text });
  }
  return exchanges;
}

async function memory(): Promise<void> {
  const exchanges = await scriptedAnswers();
  let conversation: Conversation = { id: 'line:user:Ubench', turns: [] };
  const micros: number[] = [];
  let maxTotal = 0;
  let answerTokens = 0;
  for (const [i, exchange] of exchanges.entries()) {
    const at = new Date(Date.UTC(2026, 10, 23, 10, 0, i)).toISOString();
    const turns = [
      ...conversation.turns,
      { role: 'user' as const, text: exchange.user, at },
      { role: 'assistant' as const, text: exchange.bot, at },
    ];
    answerTokens = Math.max(answerTokens, memoryTokens({ turns: [turns.at(-1)!] }).total);
    const started = performance.now();
    conversation = withinBudget({ ...conversation, turns });
    micros.push((performance.now() - started) * 1000);
    maxTotal = Math.max(maxTotal, memoryTokens(conversation).total);
  }
  const tokens = memoryTokens(conversation);
  const us = (value: number) => `${value.toFixed(0)} µs`;
  line('memory: budget (CHAT_MEMORY_TOKENS default)', `${DEFAULT_CHAT_MEMORY_TOKENS} tokens`);
  line(
    `memory: after ${MEMORY_TURNS} turns`,
    `${tokens.total} tokens (${conversation.turns.length} turns kept = ${tokens.turns} tokens, summary ${tokens.summary} tokens in ${conversation.summary?.length ?? 0} lines)`,
  );
  line(`memory: max over all ${MEMORY_TURNS} turns`, `${maxTotal} tokens`);
  rows.push(
    row(`chat memory: max over ${MEMORY_TURNS} turns`, maxTotal, 'tokens', {
      target: DEFAULT_CHAT_MEMORY_TOKENS,
      note: `after the last: ${tokens.total} tokens, ${conversation.turns.length} turns kept`,
    }),
  );
  line('memory: largest single answer', `${answerTokens} tokens (before the per-turn cut)`);
  line(
    'memory: withinBudget per call',
    `p50 ${us(quantile(micros, 0.5))}, p95 ${us(quantile(micros, 0.95))}`,
  );
}

async function onTheStack(): Promise<void> {
  const started = performance.now();
  const stack = await startStack();
  line('stack: started in', `${((performance.now() - started) / 1000).toFixed(1)} s`);
  try {
    const card = await lineTurns(stack);
    await slackTurns(stack);
    if (card) await approve(stack, card);
    else line('approval: press → "Approved by"', 'no approval card was answered; nothing pressed');
  } finally {
    await stack.stop();
  }
}

// LINE: reply tokens are `rt<event id>`, so a reply says whom it answered.
const owners = new Map<string, string>();
let lineEvents = 0;

const nextLineEventId = () => `01JBENCH${String(++lineEvents).padStart(8, '0')}CHATBENCH`;

/** Notes whom the event's reply token answers, then hands the event on. */
function owned<E extends { replyToken: string; source: { userId: string } }>(event: E): E {
  owners.set(event.replyToken, event.source.userId);
  return event;
}

/** Posts one LINE event and waits for the next answer to `to` (matching `match`); its latency in ms. */
async function lineAnswer(
  stack: Stack,
  to: string,
  event: unknown,
  match = /./,
): Promise<{ answer: LineAnswer; ms: number } | undefined> {
  const before = (await lineAnswers(stack, owners)).length;
  const sentAt = Date.now();
  const response = await postLine(stack, lineWebhook(event));
  if (response.status !== 200) return undefined;
  try {
    const answer = await eventually(
      'the LINE answer',
      async () =>
        (await lineAnswers(stack, owners)).slice(before).find((a) => a.to === to && match.test(a.text)),
      20_000,
    );
    return { answer, ms: Date.parse(answer.request.at) - sentAt };
  } catch {
    return undefined;
  }
}

/** 30 LINE turns one after another; the last approval card answered, for the press. */
async function lineTurns(stack: Stack): Promise<LineAnswer | undefined> {
  const ms: number[] = [];
  let card: LineAnswer | undefined;
  let rateLimited = 0;
  let expected = 0;
  for (let i = 0; i < LINE_TURNS; i++) {
    const person = LINE_PEOPLE[Math.floor(i / CHAT_CYCLE.length) % LINE_PEOPLE.length] as string;
    const { text, expected: says } = CHAT_CYCLE[i % CHAT_CYCLE.length]!;
    const answered = await lineAnswer(stack, person, owned(lineTextEvent(person, text, nextLineEventId())));
    if (!answered) continue;
    ms.push(answered.ms);
    if (says.test(answered.answer.text)) expected += 1;
    if (/in the last minute; I'll answer again/.test(answered.answer.text)) rateLimited += 1;
    if (answered.answer.messages.some((m) => m.type === 'template')) card = answered.answer;
  }
  latencyLine(
    `LINE: webhook → answer at the fake (${LINE_TURNS} turns)`,
    'chat turn: LINE webhook → answer',
    ms,
    LINE_TURNS,
    expected,
  );
  if (rateLimited > 0) line('LINE: answered with the rate limit', `${rateLimited}`);
  return card;
}

/** The approver presses Approve on the card; press → "Approved by" in the approver's chat. */
async function approve(stack: Stack, card: LineAnswer): Promise<void> {
  const template = card.messages.find((m) => m.type === 'template')?.template as
    | { actions?: { data?: string }[] }
    | undefined;
  const data = (template?.actions ?? [])
    .map((action) => action.data)
    .find((d) => parsePress(d)?.press === 'approve');
  const approver = stack.info.approvers.line;
  const answered = data
    ? await lineAnswer(
        stack,
        approver,
        owned(linePostbackEvent(approver, data, nextLineEventId())),
        /Approved by/,
      )
    : undefined;
  if (answered) rows.push(row('approval: press → "Approved by" answer', answered.ms, 'ms'));
  line(
    'approval: press → "Approved by" answer',
    answered
      ? `${answered.ms} ms (${/Done: Restart the rollout/.test(answered.answer.text) ? 'restart done' : 'restart NOT done'})`
      : 'not answered',
  );
}

/**
 * 10 Slack app_mention turns, one thread per cycle of commands (its follow-ups read that thread's memory, as
 * "that crashing one"); the answer is the next chat.postMessage Slack accepted in that thread.
 */
async function slackTurns(stack: Stack): Promise<void> {
  const ms: number[] = [];
  let expected = 0;
  let thread = '';
  const accepted = async () =>
    (await slackPosts(stack.info.slack)).filter((r) => (r as RecordedRequest & { ok?: boolean }).ok);
  for (let i = 0; i < SLACK_TURNS; i++) {
    const ts = `${1_700_000_000 + i}.000100`;
    if (i % CHAT_CYCLE.length === 0) thread = ts;
    const { text, expected: says } = CHAT_CYCLE[i % CHAT_CYCLE.length]!;
    const event = {
      type: 'app_mention',
      user: 'U07BENCHPERSON',
      text: `<@U0FAKEBOT> ${text}`,
      ts,
      channel: 'C0BENCH',
      ...(thread === ts ? {} : { thread_ts: thread }),
    };
    const body = slackEventDelivery(event, `Ev0BENCH${String(i).padStart(6, '0')}`);
    const before = (await accepted()).length;
    const sentAt = Date.now();
    const response = await postSlack(stack, body);
    if (response.status !== 200) continue;
    const answer = await eventually(
      'the Slack answer',
      async () => (await accepted()).slice(before).find((r) => r.body.thread_ts === thread),
      20_000,
    ).catch(() => undefined);
    if (!answer) continue;
    ms.push(Date.parse(answer.at) - sentAt);
    if (says.test(slackText(answer.body))) expected += 1;
  }
  latencyLine(
    `Slack: event → answer at the fake (${SLACK_TURNS} turns)`,
    'chat turn: Slack event → answer',
    ms,
    SLACK_TURNS,
    expected,
  );
}

/** A Slack message's text and its blocks' texts (an approval card says itself in blocks). */
const slackText = (body: { text?: string; blocks?: unknown }) =>
  `${body.text ?? ''}\n${JSON.stringify(body.blocks ?? [])}`;
