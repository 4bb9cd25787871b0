// Pending approvals: an action the bot proposed, waiting for a person to press Approve. Each expires, and each
// is taken once: of two presses (or two deliveries of one press) only one gets it.
import { z } from 'zod';
import { Text } from '../i18n/index.ts';
import { ReplyTarget } from '../jobs/schema.ts';
import { locales } from '../locale/index.ts';
import { ObjectRef } from '../report/index.ts';
import { type Kv, kvKey, kvRun, ttl } from './kv.ts';

export const PendingApproval = z.object({
  /** Unguessable: it travels in the chat button's value. */
  id: z.string().min(1),
  /** The proposal's action (restart, scale, …) and what it acts on. */
  action: z.string().min(1),
  target: ObjectRef,
  cluster: z.string(),
  replicas: z.number().int().min(0).optional(),
  /** The report (and its proposal) the approval came from, when it came from an alert's action button. */
  reportId: z.string().optional(),
  proposalId: z.string().optional(),
  /** What pressing Approve does, in one line (the action catalog's description). */
  description: z.string().default(''),
  /** Why it was proposed (a finding, or the words that asked). */
  reason: z.string().default(''),
  /** `reason` language-neutral, when the proposal had it: the card says it in `locale`. */
  reasonText: Text.optional(),
  /** Who asked: `line:U…`, `slack:U…`, `api:<session>`. */
  requestedBy: z.string().default(''),
  /** The conversation it was asked in, whose memory learns the outcome. */
  conversation: z.string().optional(),
  /** Where the card went and where the outcome is told. */
  replyTo: z.array(ReplyTarget).default([]),
  /** Who may approve it (`line:U…`, `slack:U…`), from APPROVERS for the cluster when it was created. */
  approvers: z.array(z.string()).default([]),
  createdAt: z.string(),
  /** ISO time it stops being approvable (the store also forgets it then). */
  expiresAt: z.string().optional(),
  /** The language of the person who asked: the card and its outcome are said in it (default en). */
  locale: z.enum(locales).optional(),
});
export type PendingApproval = z.infer<typeof PendingApproval>;

/** How long a decision is remembered: a late press answers who decided, a retried job continues with it. */
export const DECISION_TTL_SECONDS = 86_400;

/** The decision on an approval, kept after the approval itself is taken (`kr:approval-decision:<id>`). */
export const ApprovalDecision = z.object({
  decision: z.enum(['approve', 'reject']),
  /** Who decided: `line:U…`, `slack:U…`. */
  by: z.string(),
  /** The execute-action job that decided: its retry continues, any other job is told it was already decided. */
  jobId: z.string(),
  /** ISO time of the decision. */
  at: z.string(),
  approval: PendingApproval,
});
export type ApprovalDecision = z.infer<typeof ApprovalDecision>;

export interface ApprovalStore {
  /** Stores a new approval until `ttlSeconds` from now; false when one with this id already exists. */
  create(approval: PendingApproval, ttlSeconds: number): Promise<boolean>;
  /** Removes and answers the approval: it succeeds once, later calls (and expired ones) answer undefined. */
  take(id: string): Promise<PendingApproval | undefined>;
  /** Reads without taking (to show what is pending). */
  get(id: string): Promise<PendingApproval | undefined>;
  /** Records the decision unless one exists: of two presses only one records it (true), whichever comes first. */
  recordDecision(decision: ApprovalDecision, ttlSeconds?: number): Promise<boolean>;
  /** The decision recorded on an approval, if any (for a day after it). */
  decision(id: string): Promise<ApprovalDecision | undefined>;
}

export function approvalStore(kv: Kv, prefix = 'kr'): ApprovalStore {
  const key = (id: string) => kvKey(prefix, 'approval', id);
  const decisionKey = (id: string) => kvKey(prefix, 'approval-decision', id);
  const parse = (value: string | null) =>
    value === null ? undefined : PendingApproval.parse(JSON.parse(value));
  return {
    async create(approval, ttlSeconds) {
      const value = JSON.stringify(PendingApproval.parse(approval));
      return kvRun(kv, ['set', key(approval.id), value, { nx: true, ex: ttl(ttlSeconds) }]);
    },
    // GETDEL is one atomic command: two takes racing cannot both read the value.
    take: async (id) => parse(await kvRun(kv, ['getdel', key(id)])),
    get: async (id) => parse(await kvRun(kv, ['get', key(id)])),
    async recordDecision(decision, ttlSeconds = DECISION_TTL_SECONDS) {
      const value = JSON.stringify(ApprovalDecision.parse(decision));
      const id = decision.approval.id;
      return kvRun(kv, ['set', decisionKey(id), value, { nx: true, ex: ttl(ttlSeconds) }]);
    },
    async decision(id) {
      const value = await kvRun(kv, ['get', decisionKey(id)]);
      return value === null ? undefined : ApprovalDecision.parse(JSON.parse(value));
    },
  };
}
