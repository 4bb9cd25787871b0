// Pending approvals: an action the bot proposed, waiting for a person to press Approve. Each expires, and each
// is taken once: of two presses (or two deliveries of one press) only one gets it.
import { z } from 'zod';
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
  reportId: z.string().optional(),
  /** Who may approve it (chat user ids); empty means the configured allow-list decides alone. */
  approvers: z.array(z.string()).default([]),
  createdAt: z.string(),
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
