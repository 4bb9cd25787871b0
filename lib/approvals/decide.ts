// The single-use decision on an approval: only its approvers may approve or reject it (its requester may also
// reject, to cancel), and of every press only the first approver's counts. A retry of the job that decided
// continues with its decision; any other press is told who decided and when.
import type { ApprovalDecision, ApprovalStore, PendingApproval } from '../store/index.ts';

export interface ApprovalPress {
  approvalId: string;
  decision: 'approve' | 'reject';
  /** Who pressed, as `<channel>:<id>`. */
  by: string;
  /** The execute-action job handling the press. */
  jobId: string;
  now: Date;
}

export type Decided =
  /** This press decides (or, `resumed`, a retry of the job that did). */
  | {
      status: 'decided';
      decision: 'approve' | 'reject';
      approval: PendingApproval;
      at: string;
      resumed: boolean;
    }
  /** The presser may not decide: nothing was taken. */
  | { status: 'not-approver'; approval: PendingApproval }
  /** Another press decided first. */
  | { status: 'already-decided'; previous: ApprovalDecision }
  /** Expired, or never existed. */
  | { status: 'expired' };

const mayDecide = (approval: PendingApproval, press: ApprovalPress) =>
  approval.approvers.includes(press.by) || (press.decision === 'reject' && approval.requestedBy === press.by);

function fromRecord(record: ApprovalDecision, press: ApprovalPress): Decided {
  if (record.jobId === press.jobId)
    return {
      status: 'decided',
      decision: record.decision,
      approval: record.approval,
      at: record.at,
      resumed: true,
    };
  if (!mayDecide(record.approval, press)) return { status: 'not-approver', approval: record.approval };
  return { status: 'already-decided', previous: record };
}

export async function decide(store: ApprovalStore, press: ApprovalPress): Promise<Decided> {
  const approval = await store.get(press.approvalId);
  if (!approval) {
    const record = await store.decision(press.approvalId);
    return record ? fromRecord(record, press) : { status: 'expired' };
  }
  if (approval.expiresAt && Date.parse(approval.expiresAt) <= press.now.getTime())
    return { status: 'expired' };
  if (!mayDecide(approval, press)) return { status: 'not-approver', approval };
  const at = press.now.toISOString();
  // The decision record is written only if absent (SET NX): of two racing presses exactly one writes it, and the
  // loser reads the winner's. Then the approval is taken (GETDEL), so nothing can decide it again.
  const record: ApprovalDecision = {
    decision: press.decision,
    by: press.by,
    jobId: press.jobId,
    at,
    approval,
  };
  if (!(await store.recordDecision(record))) {
    const winner = await store.decision(press.approvalId);
    if (!winner) return { status: 'expired' };
    if (winner.jobId !== press.jobId) return fromRecord(winner, press);
    await store.take(press.approvalId);
    return {
      status: 'decided',
      decision: winner.decision,
      approval: winner.approval,
      at: winner.at,
      resumed: true,
    };
  }
  await store.take(press.approvalId);
  return { status: 'decided', decision: press.decision, approval, at, resumed: false };
}
