// The person's chat profile language: asked of the chat once a day per person (kept in the store, "none" too, a
// failure not kept), and a turn with no /lang and only Latin commands is answered in it; a press on a card whose
// approval is gone is answered in the presser's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFixtureHandler, loadFixture } from '../../infra/sim/index.ts';
import type { ChatMessage } from '../../lib/chat/index.ts';
import { RestClusterReader } from '../../lib/cluster/index.ts';
import {
  type ChatTurnJob,
  type JobDeps,
  profileLanguage,
  runChatTurnJob,
  runExecuteActionJob,
} from '../../lib/jobs/index.ts';
import { MemoryKv, stores } from '../../lib/store/index.ts';

const person = `U${'0123456789abcdef'.repeat(2)}`;

describe('profile language lookup', () => {
  it('asks the chat once and keeps the answer, a profile without a language too', async () => {
    const asked: string[] = [];
    const lookup = profileLanguage({
      kv: new MemoryKv(),
      lookups: {
        line: async (id) => {
          asked.push(id);
          return id === person ? 'zh-TW' : undefined;
        },
      },
    });
    expect(await lookup({ channel: 'line', id: person })).toBe('zh-TW');
    expect(await lookup({ channel: 'line', id: person })).toBe('zh-TW');
    expect(await lookup({ channel: 'line', id: 'Uother' })).toBeUndefined();
    expect(await lookup({ channel: 'line', id: 'Uother' })).toBeUndefined();
    expect(asked).toEqual([person, 'Uother']);
    // A chat with no lookup configured says nothing.
    expect(await lookup({ channel: 'slack', id: 'U07' })).toBeUndefined();
  });

  it('never throws, and asks again after a failure', async () => {
    let calls = 0;
    const lookup = profileLanguage({
      kv: new MemoryKv(),
      lookups: {
        slack: async () => {
          calls++;
          if (calls === 1) throw new Error('ratelimited');
          return 'zh-CN';
        },
      },
    });
    expect(await lookup({ channel: 'slack', id: 'U07' })).toBeUndefined();
    expect(await lookup({ channel: 'slack', id: 'U07' })).toBe('zh-CN');
    expect(calls).toBe(2);
  });
});

function setup(profiles: Record<string, string>) {
  const store = stores(new MemoryKv());
  const fixture = readFileSync(join(import.meta.dirname, '../fixtures/demo/crashloop.yaml'), 'utf8');
  const handler = createFixtureHandler(loadFixture(fixture));
  const said: ChatMessage[] = [];
  const deps: JobDeps = {
    ledger: store.ledger,
    reports: store.reports,
    conversations: store.conversations,
    approvals: store.approvals,
    readerFor: () =>
      new RestClusterReader({
        baseUrl: 'http://fixture.invalid',
        fetch: async (request) => handler(request),
      }),
    deliver: async () => undefined,
    say: async (_target, message) => {
      said.push(message);
      return undefined;
    },
    profileLanguage: profileLanguage({ lookups: { line: async (id) => profiles[id] } }),
    now: () => new Date('2026-11-23T10:00:00Z'),
  };
  return { deps, said };
}

const textOf = (message: ChatMessage | undefined) => (message?.type === 'text' ? message.text : undefined);

describe('the language of the profile', () => {
  it('answers a Latin-only command in the profile language', async () => {
    const { deps, said } = setup({ [person]: 'zh-TW' });
    const turn: ChatTurnJob = {
      v: 1,
      kind: 'chat-turn',
      id: 'line-01JPROFILE1',
      createdAt: '2026-11-23T10:00:00Z',
      cluster: 'demo',
      conversation: `line:user:${person}`,
      user: { channel: 'line', id: person },
      text: '/pods shop',
      replyTo: [{ channel: 'line', to: person }],
    };
    await runChatTurnJob(turn, deps);
    expect(textOf(said[0])?.split('\n')[0]).toMatch(
      /^shop 裡有 \d+ 個 Pod；其中 \d+ 個未執行、未就緒或正在重啟$/,
    );
  });

  it('keeps /lang over the profile', async () => {
    const { deps, said } = setup({ [person]: 'zh-TW' });
    const turn = (id: string, text: string): ChatTurnJob => ({
      v: 1,
      kind: 'chat-turn',
      id,
      createdAt: '2026-11-23T10:00:00Z',
      cluster: 'demo',
      conversation: `line:user:${person}`,
      user: { channel: 'line', id: person },
      text,
      replyTo: [{ channel: 'line', to: person }],
    });
    await runChatTurnJob(turn('line-01JLANG1', '/lang en'), deps);
    await runChatTurnJob(turn('line-01JLANG2', '/pods shop'), deps);
    expect(textOf(said[1])?.split('\n')[0]).toMatch(
      /^\d+ pods in shop; \d+ not running\/ready or restarting$/,
    );
  });

  it('answers a press on a gone approval in the presser’s language', async () => {
    const { deps, said } = setup({ [person]: 'zh-CN' });
    const outcome = await runExecuteActionJob(
      {
        v: 1,
        kind: 'execute-action',
        id: 'line-01JPRESS1',
        createdAt: '2026-11-23T10:00:00Z',
        cluster: 'demo',
        approvalId: 'apr-gone',
        decision: 'approve',
        by: { channel: 'line', id: person },
        replyTo: [{ channel: 'line', to: person }],
      },
      deps,
    );
    expect(outcome).toMatchObject({ status: 'expired' });
    expect(textOf(said[0])).toBe('这个审批已过期（或不存在），没有做任何变更。请重新发起以获取新的卡片。');
  });
});
