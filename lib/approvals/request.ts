// Asking for an approval: a proposal becomes a pending approval (random id, what it will do, who may approve it,
// until when). Advice-only actions (rollback) are never approvable: the answer is the command a person runs.
import { planProposal } from '../actions/index.ts';
import type { ReplyTarget } from '../jobs/schema.ts';
import type { Locale } from '../locale/index.ts';
import type { Proposal } from '../report/index.ts';
import type { ApprovalStore, PendingApproval } from '../store/index.ts';
import { newApprovalId } from './id.ts';

/** APPROVAL_TTL_SECONDS' default: ten minutes to press Approve. */
export const DEFAULT_APPROVAL_TTL_SECONDS = 600;

export interface ApprovalRequest {
  cluster: string;
  /** `line:U…`, `slack:U…`, `api:<session>`. */
  requestedBy: string;
  conversation?: string;
  /** Where the card goes and the outcome is told. */
  replyTo: ReplyTarget[];
  /** Who may approve it (APPROVERS for the cluster). */
  approvers: string[];
  ttlSeconds: number;
  now: Date;
  reportId?: string;
  /** The asker's language: the card and the outcome are said in it. */
  locale?: Locale;
}

export type ApprovalRequested =
  | { approval: PendingApproval }
  /** Advice only: nothing to approve, the command a person runs. */
  | { advice: string; description: string };

/** Stores a new pending approval for `proposal`; throws ActionError when the catalog cannot carry it out. */
export async function requestApproval(
  store: ApprovalStore,
  proposal: Proposal,
  request: ApprovalRequest,
): Promise<ApprovalRequested> {
  const plan = planProposal(proposal, request.now);
  if (!plan.executable) return { advice: plan.command, description: plan.description };
  const approval: PendingApproval = {
    id: newApprovalId(),
    action: proposal.action,
    target: proposal.target,
    cluster: request.cluster,
    ...(proposal.replicas !== undefined ? { replicas: proposal.replicas } : {}),
    ...(request.reportId ? { reportId: request.reportId, proposalId: proposal.id } : {}),
    description: plan.description,
    reason: proposal.reason,
    ...(proposal.reasonText ? { reasonText: proposal.reasonText } : {}),
    requestedBy: request.requestedBy,
    ...(request.conversation ? { conversation: request.conversation } : {}),
    // A reply token is single-use and spent on the card: the outcome, minutes later, goes by push.
    replyTo: request.replyTo.map(({ replyToken: _token, receivedAt: _at, ...target }) => target),
    approvers: request.approvers,
    createdAt: request.now.toISOString(),
    expiresAt: new Date(request.now.getTime() + request.ttlSeconds * 1000).toISOString(),
    ...(request.locale ? { locale: request.locale } : {}),
  };
  if (!(await store.create(approval, request.ttlSeconds)))
    throw new Error(`approval id ${approval.id} already exists`);
  return { approval };
}

/** The proposal an approval stands for, as the action catalog executes it. */
export const proposalOf = (approval: PendingApproval): Proposal => ({
  id: approval.proposalId ?? approval.id,
  action: approval.action as Proposal['action'],
  target: approval.target,
  ...(approval.replicas !== undefined ? { replicas: approval.replicas } : {}),
  reason: approval.reason,
  ...(approval.reasonText ? { reasonText: approval.reasonText } : {}),
});
