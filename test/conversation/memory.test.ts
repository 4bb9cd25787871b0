// Conversation memory within its token budget: a 200-turn chat (English and 中文, long log answers) through the real
// commands engine on the demo fixture stays under CHAT_MEMORY_TOKENS after every turn, keeps the newest turns
// whole and the context intact, folds the oldest into an extractive summary, and two conversations never mix.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFixtureHandler, loadFixture } from '../../infra/sim/index.ts';
import { RestClusterReader } from '../../lib/cluster/index.ts';
import {
  countTokens,
  DEFAULT_CHAT_MEMORY_TOKENS,
  headWithin,
  historyFor,
  memoryTokens,
  summaryLine,
  withinBudget,
} from '../../lib/conversation/index.ts';
import { converse, type JobDeps, type Turn } from '../../lib/jobs/index.ts';
import { type Conversation, kvRun, MemoryKv, stores } from '../../lib/store/index.ts';

const fixture = readFileSync(join(import.meta.dirname, '../fixtures/demo/crashloop.yaml'), 'utf8');

function setup() {
  const kv = new MemoryKv();
  const store = stores(kv);
  const handler = createFixtureHandler(loadFixture(fixture));
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
  let n = 0;
  const turn = (conversation: string, text: string, id = `t-${++n}`): Turn => ({
    id,
    conversation,
    user: { channel: 'line', id: conversation.split(':').at(-1) ?? 'U' },
    text,
    cluster: 'demo',
  });
  return { kv, store, deps, turn };
}

/** What people type, over and over: lists, long logs, Chinese, references back. */
const script = [
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

describe('conversation memory', () => {
  it('counts a Han, Kana or Hangul character as a token and other text as four characters a token', () => {
    expect(countTokens('restart api-gateway')).toBe(5);
    expect(countTokens('重啟 api-gateway')).toBe(2 + 3);
    expect(countTokens('production 裡面有什麼?')).toBe(5 + 3);
    expect(countTokens('ログを見て')).toBe(5);
    expect(countTokens('파드 재시작')).toBe(5 + 1);
    const cut = headWithin('日誌'.repeat(1000), 100);
    expect(countTokens(cut)).toBeLessThanOrEqual(100);
    expect(cut.startsWith('日誌日誌')).toBe(true);
    expect(headWithin('short', 100)).toBe('short');
  });

  it('stays within its budget over 200 turns, newest turns whole, context kept, early commands summarised', async () => {
    const { store, deps, turn } = setup();
    const id = 'line:user:Ualice';
    let summarisedFirstCommand = false;
    for (let i = 0; i < 200; i++) {
      const text = script[i % script.length] ?? '/help';
      const answer = await converse(turn(id, text), deps);
      const stored = (await store.conversations.get(id)) as Conversation;
      const tokens = memoryTokens(stored);
      expect(tokens.total, `after turn ${i + 1}`).toBeLessThanOrEqual(DEFAULT_CHAT_MEMORY_TOKENS);
      expect(tokens.summary).toBeLessThanOrEqual(DEFAULT_CHAT_MEMORY_TOKENS / 4);
      // The newest exchange is there as said (a phone-sized answer is under the per-turn cut).
      expect(stored.turns.at(-2)?.text).toBe(text);
      expect(stored.turns.at(-1)?.text).toBe(answer.text);
      if (stored.summary?.includes('user: /pods shop')) summarisedFirstCommand = true;
    }
    const stored = (await store.conversations.get(id)) as Conversation;
    // The first command was folded into the summary before newer lines pushed it out.
    expect(summarisedFirstCommand).toBe(true);
    // The summary names commands older than the turns kept, one short line each.
    expect(stored.summary?.some((line) => /^user: (\/|列出|看 log|重啟)/.test(line))).toBe(true);
    expect(stored.summary?.every((line) => [...line].length <= 80)).toBe(true);
    expect(stored.turns.length).toBeGreaterThan(2);
    // The structured context is not history: the namespace and the objects last listed survive every fold.
    expect(stored.context?.namespace).toBe('shop');
    expect(stored.context?.lastObjects.length).toBeGreaterThan(0);
    // …so a reference still resolves after 200 turns.
    expect((await converse(turn(id, '/restart that crashing one'), deps)).proposal?.target.name).toBe(
      'payment',
    );
    const tokens = memoryTokens(stored);
    console.log(
      `memory after 200 turns: ${tokens.total} tokens (${stored.turns.length} turns kept, summary ${tokens.summary} tokens)`,
    );
  });

  it('cuts a single enormous turn to its head and keeps the question beside it', () => {
    const log = Array.from(
      { length: 2000 },
      (_, i) => `2026-11-23T10:00:${i} 連線失敗 connect ECONNREFUSED`,
    ).join('\n');
    const conversation = withinBudget(
      {
        id: 'api:s1',
        turns: [
          { role: 'user', text: '/logs payment --previous', at: 'x' },
          { role: 'assistant', text: log, at: 'x' },
        ],
      },
      2000,
    );
    expect(conversation.turns.map((t) => t.role)).toEqual(['user', 'assistant']);
    expect(conversation.turns[1]?.text.startsWith('2026-11-23T10:00:0 連線失敗')).toBe(true);
    expect(conversation.turns[1]?.text.endsWith('…')).toBe(true);
    expect(memoryTokens(conversation).total).toBeLessThanOrEqual(2000);
  });

  it('gives the agent the summary first, then the turns kept', () => {
    const history = historyFor({
      turns: [{ role: 'user', text: '重啟 api-gateway', at: 'x' }],
      summary: ['user: /pods store', 'bot: 6 pods in store; 1 not running/ready or restarting'],
    });
    expect(history).toEqual([
      {
        from: 'bot',
        text: 'Earlier in this conversation:\nuser: /pods store\nbot: 6 pods in store; 1 not running/ready or restarting',
      },
      { from: 'user', text: '重啟 api-gateway' },
    ]);
    expect(historyFor(undefined)).toEqual([]);
    expect(summaryLine({ role: 'assistant', text: `\n  ${'x'.repeat(200)}\nmore`, at: 'x' })).toMatch(
      /^bot: x{74}…$/,
    );
  });

  it('keeps two conversations apart: neither sees the other’s turns or context', async () => {
    const { store, deps, turn } = setup();
    await converse(turn('line:user:Ualice', '/pods shop'), deps);
    await converse(turn('line:user:Ubob', '/help'), deps);
    await converse(turn('line:user:Ualice', '/logs that crashing one --previous'), deps);
    const bobAnswer = await converse(turn('line:user:Ubob', '/logs that crashing one --previous'), deps);
    const alice = await store.conversations.get('line:user:Ualice');
    const bob = await store.conversations.get('line:user:Ubob');
    expect(alice?.turns.filter((t) => t.role === 'user').map((t) => t.text)).toEqual([
      '/pods shop',
      '/logs that crashing one --previous',
    ]);
    expect(bob?.turns.filter((t) => t.role === 'user').map((t) => t.text)).toEqual([
      '/help',
      '/logs that crashing one --previous',
    ]);
    // Bob never listed pods: "that crashing one" means nothing to him.
    expect(bobAnswer.text).not.toContain('ECONNREFUSED');
    expect(bob?.context?.lastObjects ?? []).toEqual([]);
    expect(alice?.context?.namespace).toBe('shop');
  });

  it('reads a conversation stored before summaries, and says a retried turn once', async () => {
    const { kv, store, deps, turn } = setup();
    const id = 'line:group:Cold';
    const old = {
      id,
      turns: Array.from({ length: 20 }, (_, i) => ({
        role: i % 2 === 0 ? 'user' : 'assistant',
        text: `${'old line '.repeat(60)}${i}`,
        at: '2026-11-23T09:00:00Z',
      })),
      context: { namespace: 'shop', lastObjects: [] },
    };
    await kvRun(kv, ['set', `kr:conversation:${id}`, JSON.stringify(old), { ex: 3600 }]);
    const retried = turn(id, '/pods', 'line-01JRETRY');
    await converse(retried, deps);
    await converse(retried, deps);
    const stored = (await store.conversations.get(id)) as Conversation;
    expect(memoryTokens(stored).total).toBeLessThanOrEqual(DEFAULT_CHAT_MEMORY_TOKENS);
    expect(stored.summary?.[0]).toMatch(/^(user|bot): old line/);
    expect(stored.turns.filter((t) => t.text === '/pods')).toHaveLength(1);
    expect(stored.turns.at(-1)?.text).toMatch(/pods in shop/);
  });
});
