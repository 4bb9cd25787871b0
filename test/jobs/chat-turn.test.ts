// The chat-turn job on the demo fixture with in-memory stores: the context carries "that crashing one" from one
// turn to the next, the reader acts as the chat user, a proposal writes nothing, and a redelivery answers once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFixtureHandler, loadFixture } from '../../infra/sim/index.ts';
import type { ChatMessage } from '../../lib/chat/index.ts';
import { RestClusterReader } from '../../lib/cluster/index.ts';
import { type ChatTurnJob, type JobDeps, type ReplyTarget, runChatTurnJob } from '../../lib/jobs/index.ts';
import { MemoryKv, stores } from '../../lib/store/index.ts';

const fixture = readFileSync(join(import.meta.dirname, '../fixtures/demo/crashloop.yaml'), 'utf8');
const person = `U${'0123456789abcdef'.repeat(2)}`;

function setup() {
  const store = stores(new MemoryKv());
  const handler = createFixtureHandler(loadFixture(fixture));
  const methods: string[] = [];
  const actors: string[] = [];
  const said: { target: ReplyTarget; message: ChatMessage }[] = [];
  const deps: JobDeps = {
    ledger: store.ledger,
    reports: store.reports,
    conversations: store.conversations,
    readerFor: (_cluster, actor) => {
      actors.push(actor);
      return new RestClusterReader({
        baseUrl: 'http://fixture.invalid',
        fetch: async (request) => {
          methods.push(request.method);
          return handler(request);
        },
      });
    },
    deliver: async () => undefined,
    say: async (target, message) => {
      said.push({ target, message });
      return undefined;
    },
    now: () => new Date('2026-11-23T10:00:00Z'),
  };
  let n = 0;
  const turn = (text: string, id = `line-01J${++n}`): ChatTurnJob => ({
    v: 1,
    kind: 'chat-turn',
    id,
    createdAt: '2026-11-23T10:00:00Z',
    cluster: 'demo',
    conversation: `line:user:${person}`,
    user: { channel: 'line', id: person },
    text,
    replyTo: [{ channel: 'line', to: person, replyToken: `token-${id}`, receivedAt: 1 }],
  });
  return { deps, store, methods, actors, said, turn };
}

const textOf = (message: ChatMessage | undefined) => (message?.type === 'text' ? message.text : undefined);

describe('chat-turn job', () => {
  it('answers each turn as text, remembering the conversation between them', async () => {
    const { deps, store, methods, actors, said, turn } = setup();
    expect(await runChatTurnJob(turn('/pods shop'), deps)).toMatchObject({
      status: 'answered',
      command: 'pods',
    });
    expect(textOf(said[0]?.message)).toMatch(/payment-7d9f8c6b5d-x7k2p\s+0\/1\s+CrashLoopBackOff/);
    // The reply token rides along to the LINE adapter.
    expect(said[0]?.target).toMatchObject({ channel: 'line', to: person, replyToken: 'token-line-01J1' });

    await runChatTurnJob(turn('/logs that crashing one --previous'), deps);
    expect(textOf(said[1]?.message)).toContain('ECONNREFUSED');

    const restart = await runChatTurnJob(turn('/restart payment'), deps);
    expect(restart).toMatchObject({ status: 'answered', command: 'restart', proposal: true });
    expect(textOf(said[2]?.message)).toBe(
      'Proposed: Restart the rollout of Deployment shop/payment (pods are replaced one by one).\nNothing changes until a person approves it.',
    );
    expect(new Set(methods)).toEqual(new Set(['GET']));
    expect(new Set(actors)).toEqual(new Set([`line:${person}`]));
    const conversation = await store.conversations.get(`line:user:${person}`);
    expect(conversation?.context?.namespace).toBe('shop');
    expect(conversation?.turns.map((t) => t.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
  });

  it('answers free text with the commands it understands (no model is asked)', async () => {
    const { deps, said, turn } = setup();
    await runChatTurnJob(turn('why is checkout slow?'), deps);
    expect(textOf(said[0]?.message)).toMatch(/^I understand these commands: /);
  });

  it('answers a redelivered turn once', async () => {
    const { deps, said, turn } = setup();
    const job = turn('/pods shop', 'line-01JSAME');
    await runChatTurnJob(job, deps);
    expect(await runChatTurnJob(job, deps)).toEqual({ status: 'duplicate' });
    expect(said).toHaveLength(1);
  });
});
