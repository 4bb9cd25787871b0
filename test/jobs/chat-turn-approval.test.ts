// A write command with approvals configured: the chat-turn job answers with an approval card (the command's
// answer above it) naming exactly what will happen, stores the pending approval, and writes nothing. An alert
// message's propose press asks for the stored report's proposal, or says the report is gone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFixtureHandler, loadFixture } from '../../infra/sim/index.ts';
import type { ChatMessage } from '../../lib/chat/index.ts';
import { RestClusterReader } from '../../lib/cluster/index.ts';
import { type ChatTurnJob, converse, type JobDeps, runChatTurnJob } from '../../lib/jobs/index.ts';
import { MemoryKv, stores } from '../../lib/store/index.ts';

const fixture = readFileSync(join(import.meta.dirname, '../fixtures/chat/store.yaml'), 'utf8');
const person = 'UPERSON';

function setup() {
  const store = stores(new MemoryKv());
  const handler = createFixtureHandler(loadFixture(fixture));
  const methods: string[] = [];
  const said: ChatMessage[] = [];
  const deps: JobDeps = {
    ledger: store.ledger,
    reports: store.reports,
    conversations: store.conversations,
    approvals: store.approvals,
    approversFor: (cluster) => (cluster === 'demo' ? ['line:UBOSS'] : []),
    approvalTtlSeconds: 600,
    readerFor: () =>
      new RestClusterReader({
        baseUrl: 'http://fixture.invalid',
        fetch: async (request) => {
          methods.push(request.method);
          return handler(request);
        },
      }),
    deliver: async () => undefined,
    say: async (_target, message) => {
      said.push(message);
      return undefined;
    },
    now: () => new Date('2026-11-23T10:00:00Z'),
  };
  let n = 0;
  const turn = (text: string, extra: Partial<ChatTurnJob> = {}): ChatTurnJob => ({
    v: 1,
    kind: 'chat-turn',
    id: `line-T${++n}`,
    createdAt: '2026-11-23T10:00:00Z',
    cluster: 'demo',
    conversation: `line:user:${person}`,
    user: { channel: 'line', id: person },
    text,
    replyTo: [{ channel: 'line', to: person, replyToken: `token-${n}`, receivedAt: 1 }],
    ...extra,
  });
  return { deps, store, methods, said, turn };
}

describe('chat-turn with approvals', () => {
  it('/restart answers with a pending approval card and writes nothing', async () => {
    const { deps, store, methods, said, turn } = setup();
    await runChatTurnJob(turn('/pods store'), deps);
    expect(said[0]?.type === 'text' && said[0].text).toMatch(
      /checkout-6b7c9d8f4-q2w8z\s+0\/1\s+CrashLoopBackOff/,
    );
    await runChatTurnJob(turn('/logs checkout-6b7c9d8f4-q2w8z store --previous'), deps);
    expect(said[1]?.type === 'text' && said[1].text).toContain('ECONNREFUSED');
    expect(await runChatTurnJob(turn('/restart checkout store'), deps)).toMatchObject({
      status: 'answered',
      command: 'restart',
      proposal: true,
      approval: true,
    });
    const card = said[2];
    if (card?.type !== 'approval') throw new Error(`expected an approval card, got ${card?.type}`);
    expect(card).toMatchObject({
      state: 'pending',
      action: 'restart',
      target: { kind: 'Deployment', namespace: 'store', name: 'checkout' },
      cluster: 'demo',
      requestedBy: `line:${person}`,
      description: 'Restart the rollout of Deployment store/checkout (pods are replaced one by one)',
      expiresAt: '2026-11-23T10:10:00.000Z',
    });
    // The card states the proposal itself: the command's "Proposed: …" lines are not repeated above it.
    expect(card.text).toBeUndefined();
    expect(await store.approvals.get(card.approvalId)).toMatchObject({
      approvers: ['line:UBOSS'],
      conversation: `line:user:${person}`,
      replyTo: [{ channel: 'line', to: person }],
    });
    expect(new Set(methods)).toEqual(new Set(['GET']));
  });

  it('says so when nobody may approve on the cluster', async () => {
    const { deps, said, turn } = setup();
    await runChatTurnJob(turn('/restart checkout store', { cluster: 'other' }), deps);
    expect(said[0]?.type === 'approval' && said[0].text).toContain('Nobody is configured to approve writes');
  });

  it('a propose press asks for the stored report’s proposal; a gone report is said', async () => {
    const { deps, store, said, turn } = setup();
    // A stored report (the /diagnose of store) with the proposal an alert message's button would name.
    const diagnosed = (await converse(turn('/diagnose store'), deps)).report;
    if (!diagnosed) throw new Error('/diagnose answers a report');
    const proposal = {
      id: 'p1',
      action: 'restart' as const,
      target: { kind: 'Deployment', namespace: 'store', name: 'checkout' },
      reason: 'the database refused connections',
    };
    const report = { ...diagnosed, proposals: [proposal] };
    await deps.reports.save(report, 60);
    await runChatTurnJob(turn('', { press: { report: report.id, proposal: proposal.id } }), deps);
    const card = said[0];
    if (card?.type !== 'approval') throw new Error('expected an approval card');
    expect(await store.approvals.get(card.approvalId)).toMatchObject({
      reportId: report.id,
      proposalId: proposal.id,
      action: proposal.action,
    });
    await runChatTurnJob(turn('', { press: { report: 'gone', proposal: 'p1' } }), deps);
    expect(said[1]?.type === 'text' && said[1].text).toMatch(/That report \(gone\) or its proposal is gone/);
  });
});
