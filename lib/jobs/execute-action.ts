// The execute-action job: a person pressed Approve or Reject on an approval card. The press only names the
// approval; what runs is what the store holds, only when the presser is one of its approvers, at most once.
import { z } from 'zod';
import { channelNames } from '../chat/index.ts';
import { defineJobKind } from './kind.ts';
import { JobBase } from './schema.ts';
import type { AttemptInfo, JobDeps } from './types.ts';

export const ExecuteActionJob = JobBase.extend({
  kind: z.literal('execute-action'),
  /** The approval the press names (untrusted until looked up). */
  approvalId: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/),
  decision: z.enum(['approve', 'reject']),
  /** Who pressed: checked against the approval's approvers; the action runs (and is audited) as them. */
  by: z.object({ channel: z.enum(channelNames), id: z.string().min(1).max(100) }),
  /** The card that was pressed, to update in place (Slack: channel + ts). */
  card: z
    .object({
      channel: z.enum(channelNames),
      to: z.string().min(1),
      id: z.string().min(1),
      thread: z.string().optional(),
    })
    .optional(),
});
export type ExecuteActionJob = z.infer<typeof ExecuteActionJob>;

export type ExecuteActionOutcome =
  | {
      status: 'executed' | 'rejected' | 'refused' | 'expired' | 'already-decided' | 'failed';
      approvalId: string;
    }
  | { status: 'duplicate' }
  | { status: 'busy' };

export async function runExecuteActionJob(
  _job: ExecuteActionJob,
  _deps: JobDeps,
  _attempt: AttemptInfo = { finalAttempt: false },
): Promise<ExecuteActionOutcome> {
  throw new Error('execute-action: not built yet');
}

export const executeAction = defineJobKind({
  kind: 'execute-action',
  schema: ExecuteActionJob,
  run: runExecuteActionJob,
});
