// The decision on an approval: its approvers only (the requester may cancel), once, even when presses race; a
// retried job continues with its own decision; an expired or unknown approval decides nothing.
import { describe, expect, it } from 'vitest';
import { decide, newApprovalId, requestApproval } from '../../lib/approvals/index.ts';
import type { Proposal } from '../../lib/report/index.ts';
import { MemoryKv, stores } from '../../lib/store/index.ts';

const NOW = new Date('2026-11-23T10:00:00Z');
const proposal: Proposal = {
  id: 'chat-1',
  action: 'restart',
  target: { kind: 'Deployment', namespace: 'store', name: 'checkout' },
  reason: 'asked in the chat (/restart)',
};

async function pending() {
  const { approvals } = stores(new MemoryKv());
  const asked = await requestApproval(approvals, proposal, {
    cluster: 'prod',
    requestedBy: 'line:UASKER',
    conversation: 'line:user:UASKER',
    replyTo: [{ channel: 'line', to: 'UASKER', replyToken: 'rt', receivedAt: 1 }],
    approvers: ['line:UBOSS', 'slack:UOPS'],
    ttlSeconds: 600,
    now: NOW,
  });
  if (!('approval' in asked)) throw new Error('restart is approvable');
  return { approvals, approval: asked.approval };
}

const press = (
  approvalId: string,
  by: string,
  jobId: string,
  decision: 'approve' | 'reject' = 'approve',
) => ({
  approvalId,
  decision,
  by,
  jobId,
  now: new Date(NOW.getTime() + 1000),
});

describe('requestApproval', () => {
  it('stores what pressing Approve does, until when, with an unguessable id and no spent reply token', async () => {
    const { approvals, approval } = await pending();
    expect(approval.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(approval.id).not.toBe(newApprovalId());
    expect(approval).toMatchObject({
      description: 'Restart the rollout of Deployment store/checkout (pods are replaced one by one)',
      expiresAt: '2026-11-23T10:10:00.000Z',
      approvers: ['line:UBOSS', 'slack:UOPS'],
      replyTo: [{ channel: 'line', to: 'UASKER' }],
    });
    expect(approval.replyTo[0]).not.toHaveProperty('replyToken');
    expect(await approvals.get(approval.id)).toEqual(approval);
  });

  it('advice-only actions get no approval: the command to run', async () => {
    const { approvals } = stores(new MemoryKv());
    const asked = await requestApproval(
      approvals,
      { ...proposal, action: 'rollback' },
      {
        cluster: 'prod',
        requestedBy: 'line:U',
        replyTo: [],
        approvers: ['line:UBOSS'],
        ttlSeconds: 600,
        now: NOW,
      },
    );
    expect(asked).toEqual({
      advice: 'kubectl -n store rollout undo deployment/checkout',
      description: expect.any(String),
    });
  });
});

describe('decide', () => {
  it('someone not listed is refused and nothing is taken', async () => {
    const { approvals, approval } = await pending();
    expect(await decide(approvals, press(approval.id, 'line:USTRANGER', 'job-1'))).toMatchObject({
      status: 'not-approver',
    });
    // The requester may cancel, never approve.
    expect(await decide(approvals, press(approval.id, 'line:UASKER', 'job-2'))).toMatchObject({
      status: 'not-approver',
    });
    expect(await approvals.get(approval.id)).toEqual(approval);
    expect(await approvals.decision(approval.id)).toBeUndefined();
  });

  it('of two racing approver presses exactly one decides; the other is told who decided', async () => {
    const { approvals, approval } = await pending();
    const results = await Promise.all([
      decide(approvals, press(approval.id, 'line:UBOSS', 'job-a')),
      decide(approvals, press(approval.id, 'slack:UOPS', 'job-b')),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['already-decided', 'decided']);
    const loser = results.find((r) => r.status === 'already-decided');
    const winner = results.find((r) => r.status === 'decided');
    if (loser?.status !== 'already-decided' || winner?.status !== 'decided') throw new Error('one each');
    expect(loser.previous.by).toBe(winner === results[0] ? 'line:UBOSS' : 'slack:UOPS');
    expect(await approvals.get(approval.id)).toBeUndefined();
  });

  it('a retry of the job that decided continues with its decision (a crash after the take)', async () => {
    const { approvals, approval } = await pending();
    expect(await decide(approvals, press(approval.id, 'line:UBOSS', 'job-a'))).toMatchObject({
      status: 'decided',
      resumed: false,
    });
    expect(await decide(approvals, press(approval.id, 'line:UBOSS', 'job-a'))).toMatchObject({
      status: 'decided',
      resumed: true,
      approval: { id: approval.id },
    });
    expect(await decide(approvals, press(approval.id, 'line:UBOSS', 'job-b'))).toMatchObject({
      status: 'already-decided',
      previous: { by: 'line:UBOSS', jobId: 'job-a', decision: 'approve' },
    });
  });

  it('the requester may reject (cancel) it', async () => {
    const { approvals, approval } = await pending();
    expect(await decide(approvals, press(approval.id, 'line:UASKER', 'job-1', 'reject'))).toMatchObject({
      status: 'decided',
      decision: 'reject',
    });
    expect(await decide(approvals, press(approval.id, 'line:UBOSS', 'job-2'))).toMatchObject({
      status: 'already-decided',
      previous: { decision: 'reject' },
    });
  });

  it('an expired or unknown approval decides nothing', async () => {
    const { approvals, approval } = await pending();
    const late = { ...press(approval.id, 'line:UBOSS', 'job-1'), now: new Date('2026-11-23T10:10:00Z') };
    expect(await decide(approvals, late)).toEqual({ status: 'expired' });
    expect(await approvals.get(approval.id)).toEqual(approval);
    expect(await decide(approvals, press('nope', 'line:UBOSS', 'job-2'))).toEqual({ status: 'expired' });
  });
});
