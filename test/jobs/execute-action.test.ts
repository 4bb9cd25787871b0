// The execute-action job through the real proxy and the fixture cluster: only an approver's press writes, as
// them, exactly once (two racing presses, a redelivery, a retry after a crash); a refusal, a rejection and an
// expired approval write nothing; a refused write is a failed card saying why; the rollout is watched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESTARTED_AT_ANNOTATION } from '../../lib/actions/index.ts';
import { requestApproval } from '../../lib/approvals/index.ts';
import type { ChatMessage, MessageRef } from '../../lib/chat/index.ts';
import { RestClusterReader, RestClusterWriter } from '../../lib/cluster/index.ts';
import {
  type ExecuteActionJob,
  type JobDeps,
  type ReplyTarget,
  runExecuteActionJob,
} from '../../lib/jobs/index.ts';
import type { Proposal } from '../../lib/report/index.ts';
import { MemoryKv, stores } from '../../lib/store/index.ts';
import { CURRENT_KEY, type Harness, startHarness } from '../proxy/harness.ts';

const ASKER = 'UASKER';
const APPROVER = 'UBOSS';
const NOW = new Date('2026-11-23T10:05:00Z');

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const restartProposal: Proposal = {
  id: 'chat-1',
  action: 'restart',
  target: { kind: 'Deployment', namespace: 'shop', name: 'payment' },
  reason: 'asked in the chat (/restart)',
};

// Each test writes at its own time: the proxy refuses a replay of an identical signed write.
let minute = 0;
function setup(options: { failSayOnce?: boolean; watchSeconds?: number } = {}) {
  const now = new Date(NOW.getTime() + 60_000 * minute++);
  const store = stores(new MemoryKv());
  const said: { target: ReplyTarget; message: ChatMessage }[] = [];
  const updated: { ref: MessageRef; message: ChatMessage }[] = [];
  const slept: number[] = [];
  let failNext = options.failSayOnce ?? false;
  const deps: JobDeps = {
    ledger: store.ledger,
    reports: store.reports,
    approvals: store.approvals,
    conversations: store.conversations,
    readerFor: (_cluster, actor) =>
      new RestClusterReader({ baseUrl: h.proxyUrl, signer: { secret: CURRENT_KEY, actor } }),
    writerFor: () => new RestClusterWriter({ baseUrl: h.proxyUrl, secret: CURRENT_KEY }),
    deliver: async () => undefined,
    say: async (target, message) => {
      if (failNext) {
        failNext = false;
        throw new Error('chat down');
      }
      said.push({ target, message });
      return undefined;
    },
    update: async (ref, message) => {
      updated.push({ ref, message });
    },
    rolloutWatchSeconds: options.watchSeconds ?? 0,
    sleep: async (ms) => {
      slept.push(ms);
    },
    now: () => now,
  };
  const ask = async (proposal: Proposal = restartProposal, ttlSeconds = 600, at = now) => {
    const asked = await requestApproval(store.approvals, proposal, {
      cluster: 'demo',
      requestedBy: `line:${ASKER}`,
      conversation: `line:user:${ASKER}`,
      replyTo: [{ channel: 'line', to: ASKER }],
      approvers: [`line:${APPROVER}`],
      ttlSeconds,
      now: at,
    });
    if (!('approval' in asked)) throw new Error('approvable');
    return asked.approval;
  };
  const pressJob = (
    approvalId: string,
    by: string,
    id: string,
    decision: 'approve' | 'reject' = 'approve',
  ): ExecuteActionJob => ({
    v: 1,
    kind: 'execute-action',
    id,
    createdAt: now.toISOString(),
    cluster: 'demo',
    approvalId,
    decision,
    by: { channel: 'line', id: by },
    card: { channel: 'slack', to: 'C1', id: '1700000000.000100' },
    replyTo: [{ channel: 'line', to: by, replyToken: `rt-${id}`, receivedAt: 1 }],
  });
  const texts = () =>
    said.map(
      ({ target, message }) => `${target.to}: ${message.type === 'text' ? message.text : message.type}`,
    );
  return { deps, store, said, updated, slept, ask, pressJob, texts, now };
}

const writes = () => h.audit.filter((line) => line.method !== 'GET' && line.event === 'recorded');
type Workload = { spec: { template: { metadata?: { annotations?: Record<string, string> } } } };
const restartedAt = async () =>
  ((await (await h.upstream('/apis/apps/v1/namespaces/shop/deployments/payment')).json()) as Workload).spec
    .template.metadata?.annotations?.[RESTARTED_AT_ANNOTATION];

describe('execute-action job', () => {
  it('refuses someone who is not an approver, politely, and changes nothing', async () => {
    const { deps, store, ask, pressJob, texts, updated } = setup();
    const approval = await ask();
    const before = writes().length;
    expect(await runExecuteActionJob(pressJob(approval.id, 'USTRANGER', 'line-1'), deps)).toEqual({
      status: 'refused',
      approvalId: approval.id,
    });
    expect(writes().length).toBe(before);
    expect(await store.approvals.get(approval.id)).toEqual(approval);
    expect(updated).toHaveLength(0);
    expect(texts()).toEqual([
      'USTRANGER: Sorry, you (line:USTRANGER) are not an approver for cluster demo, so nothing was done. Ask one of its approvers to press it.',
    ]);
  });

  it('executes as the approver exactly once when two presses race and one is redelivered', async () => {
    const { deps, store, ask, pressJob, texts, updated, now } = setup();
    const conversation = `line:user:${ASKER}`;
    await store.conversations.set(
      { id: conversation, turns: [{ role: 'user', text: '/restart payment', at: now.toISOString() }] },
      600,
    );
    const approval = await ask();
    const before = writes().length;
    const first = pressJob(approval.id, APPROVER, 'line-a');
    const [a, b] = await Promise.all([
      runExecuteActionJob(first, deps),
      runExecuteActionJob(pressJob(approval.id, APPROVER, 'line-b'), deps),
    ]);
    expect([a.status, b.status].sort()).toEqual(['already-decided', 'executed']);
    expect(await runExecuteActionJob(first, deps)).toEqual({ status: 'duplicate' });
    const written = writes().slice(before);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ actor: `line:${APPROVER}`, decision: 'allowed', name: 'payment' });
    expect(await restartedAt()).toBe(`${now.toISOString().slice(0, 19)}Z`);
    // The card turned done; the outcome went to the presser and to the chat that asked, once each.
    expect(updated.map(({ message }) => message.type === 'approval' && message.state)).toEqual(['done']);
    const winner = a.status === 'executed' ? 'line-a' : 'line-b';
    expect(texts()).toEqual(
      expect.arrayContaining([
        `${APPROVER}: Approved by line:${APPROVER}. Done: Restart the rollout of Deployment shop/payment (pods are replaced one by one).`,
        `${ASKER}: Approved by line:${APPROVER}. Done: Restart the rollout of Deployment shop/payment (pods are replaced one by one).`,
        `${APPROVER}: Already approved by line:${APPROVER} at ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC; nothing more was done.`,
      ]),
    );
    expect(texts()).toHaveLength(3);
    // The conversation that asked remembers the outcome, once.
    const remembered = (await store.conversations.get(conversation))?.turns.map((t) => t.text);
    expect(remembered).toEqual([
      '/restart payment',
      expect.stringMatching(/^Approved by line:UBOSS\. Done: Restart/),
    ]);
    expect(winner).toMatch(/^line-[ab]$/);
  });

  it('a retry after a crash past the write continues without writing again', async () => {
    const { deps, ask, pressJob, texts } = setup({ failSayOnce: true });
    const approval = await ask();
    const before = writes().length;
    const job = pressJob(approval.id, APPROVER, 'line-crash');
    await expect(runExecuteActionJob(job, deps)).rejects.toThrow('chat down');
    expect(await runExecuteActionJob(job, deps)).toEqual({ status: 'executed', approvalId: approval.id });
    expect(writes().slice(before)).toHaveLength(1);
    expect(texts().filter((t) => t.includes('Approved by'))).toHaveLength(2);
  });

  it('a rejection writes nothing and says so', async () => {
    const { deps, ask, pressJob, texts, updated } = setup();
    const approval = await ask();
    const before = writes().length;
    expect(
      await runExecuteActionJob(pressJob(approval.id, APPROVER, 'line-r', 'reject'), deps),
    ).toMatchObject({
      status: 'rejected',
    });
    expect(writes().length).toBe(before);
    expect(updated.map(({ message }) => message.type === 'approval' && message.state)).toEqual(['rejected']);
    expect(texts()[0]).toContain('Rejected by line:UBOSS');
  });

  it('an expired approval does nothing', async () => {
    const { deps, ask, pressJob, texts, now } = setup();
    const approval = await ask(restartProposal, 600, new Date(now.getTime() - 601_000));
    const before = writes().length;
    expect(await runExecuteActionJob(pressJob(approval.id, APPROVER, 'line-e'), deps)).toMatchObject({
      status: 'expired',
    });
    expect(writes().length).toBe(before);
    expect(texts()).toEqual([
      `${APPROVER}: This approval has expired (or never existed); nothing was done. Ask again to get a new card.`,
    ]);
  });

  it('a write the proxy refuses becomes a failed card saying why', async () => {
    const { deps, ask, pressJob, texts, updated } = setup();
    const approval = await ask({ ...restartProposal, action: 'scale', replicas: 500 });
    expect(await runExecuteActionJob(pressJob(approval.id, APPROVER, 'line-f'), deps)).toMatchObject({
      status: 'failed',
    });
    const card = updated[0]?.message;
    expect(card).toMatchObject({ type: 'approval', state: 'failed', decidedBy: `line:${APPROVER}` });
    expect(card?.type === 'approval' && card.outcome).toMatch(/policy/);
    expect(texts()[0]).toMatch(
      /^UBOSS: Approved by line:UBOSS, but it failed: Scale Deployment shop\/payment to 500/,
    );
  });

  it('watches the rollout and names the pod that is not ready and why', async () => {
    const { deps, ask, pressJob, texts, slept } = setup({ watchSeconds: 6 });
    const approval = await ask();
    await runExecuteActionJob(pressJob(approval.id, APPROVER, 'line-w'), deps);
    expect(slept).toEqual([2000, 2000, 2000]);
    const rollout = texts().filter((t) => t.includes('Rollout'));
    expect(rollout).toHaveLength(2);
    expect(rollout[0]).toMatch(
      /Rollout not finished: Deployment shop\/payment — .*Pod payment-7d9f-abcde is not ready: payment: CrashLoopBackOff/,
    );
    console.log(rollout[0]);
  });

  it('spreads a long watch over at most 12 looks (a Worker has a subrequest budget per invocation)', async () => {
    const { deps, ask, pressJob, slept } = setup({ watchSeconds: 60 });
    const approval = await ask();
    await runExecuteActionJob(pressJob(approval.id, APPROVER, 'line-long'), deps);
    expect(slept).toHaveLength(11);
    expect(slept.every((ms) => ms === 5454)).toBe(true);
  });
});
