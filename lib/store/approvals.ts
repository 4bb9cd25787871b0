// Pending approvals: an action the bot proposed, waiting for a person to press Approve. Each expires, and each
// is taken once: of two presses (or two deliveries of one press) only one gets it.
import { z } from 'zod';
import { ReplyTarget } from '../jobs/schema.ts';
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
});
export type PendingApproval = z.infer<typeof PendingApproval>;

export interface ApprovalStore {
  /** Stores a new approval until `ttlSeconds` from now; false when one with this id already exists. */
  create(approval: PendingApproval, ttlSeconds: number): Promise<boolean>;
  /** Removes and answers the approval: it succeeds once, later calls (and expired ones) answer undefined. */
  take(id: string): Promise<PendingApproval | undefined>;
  /** Reads without taking (to show what is pending). */
  get(id: string): Promise<PendingApproval | undefined>;
}

export function approvalStore(kv: Kv, prefix = 'kr'): ApprovalStore {
  const key = (id: string) => kvKey(prefix, 'approval', id);
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
  };
}
