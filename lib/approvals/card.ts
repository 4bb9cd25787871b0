// The approval card of a pending approval, in any state: what it does, where, who asked, and once decided who
// decided and what happened. Serializers (Slack blocks, LINE) decide only how it looks.
import type { ApprovalMessage, ApprovalState } from '../chat/index.ts';
import type { PendingApproval } from '../store/index.ts';

export interface CardDetails {
  /** The command's answer above the card. */
  text?: string;
  decidedBy?: string;
  outcome?: string;
}

const notificationHeading: Record<ApprovalState, string> = {
  pending: 'Approval needed',
  approved: 'Approved',
  rejected: 'Rejected',
  expired: 'Expired',
  done: 'Done',
  failed: 'Failed',
};

export function approvalMessage(
  approval: PendingApproval,
  state: ApprovalState,
  details: CardDetails = {},
): ApprovalMessage {
  const { target } = approval;
  return {
    type: 'approval',
    reportId: approval.id,
    approvalId: approval.id,
    state,
    ...(details.text ? { text: details.text } : {}),
    description: approval.description,
    action: approval.action,
    target: {
      kind: target.kind,
      ...(target.namespace ? { namespace: target.namespace } : {}),
      name: target.name,
    },
    cluster: approval.cluster,
    reason: approval.reason,
    requestedBy: approval.requestedBy,
    expiresAt: approval.expiresAt ?? approval.createdAt,
    ...(details.decidedBy ? { decidedBy: details.decidedBy } : {}),
    ...(details.outcome ? { outcome: details.outcome } : {}),
    // Why it failed is what a notification of a failure must say; the other states are told by their name.
    notification: `${notificationHeading[state]}: ${approval.description}${state === 'failed' && details.outcome ? ` — ${details.outcome}` : ''}`,
  };
}
