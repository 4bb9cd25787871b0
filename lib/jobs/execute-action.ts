// The execute-action job: a person pressed Approve or Reject on an approval card. The press only names the
// approval; what runs is what the store holds, only when the presser is one of its approvers, at most once.
import { z } from 'zod';
import { ActionError, type ActionTarget, executeProposal, watchRollout } from '../actions/index.ts';
import { approvalDescription, approvalMessage, decide, proposalOf } from '../approvals/index.ts';
import { type ApprovalMessage, channelNames, textMessage } from '../chat/index.ts';
import { ClusterWriteError, type K8sObject } from '../cluster/index.ts';
import { t, translator } from '../i18n/index.ts';
import { answerLocale, type Locale } from '../locale/index.ts';
import { redactText } from '../security/index.ts';
import type { PendingApproval } from '../store/index.ts';
import { DEFAULT_CHAT_MEMORY_TTL_SECONDS } from './converse.ts';
import { defineJobKind } from './kind.ts';
import { deliverOnce, runOnce, targetKey } from './once.ts';
import { JobBase, type ReplyTarget } from './schema.ts';
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
  job: ExecuteActionJob,
  deps: JobDeps,
  _attempt: AttemptInfo = { finalAttempt: false },
): Promise<ExecuteActionOutcome> {
  return runOnce(deps.ledger, job.id, deps.lockSeconds ?? 120, () => press(job, deps));
}

/** A card with no approval left to take the language from is answered in the presser's (profile, else LOCALE). */
async function presserLocale(job: ExecuteActionJob, deps: JobDeps): Promise<Locale> {
  return answerLocale({ profile: await deps.profileLanguage?.(job.by), configured: deps.locale });
}

/** `2026-11-23 10:05 UTC`, for people. */
const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

async function press(job: ExecuteActionJob, deps: JobDeps): Promise<ExecuteActionOutcome> {
  const { approvals, say } = deps;
  if (!approvals || !say)
    throw new Error('execute-action needs the approval store and a chat (JobDeps.approvals, say)');
  const by = `${job.by.channel}:${job.by.id}`;
  const now = deps.now?.() ?? new Date();
  // Each message of this job is sent once per chat, under its own ledger key, however often the job is retried.
  const tell = async (part: string, targets: ReplyTarget[], text: string) => {
    await deliverOnce(deps.ledger, `${job.id}:${part}`, targets, (target) =>
      say(target, textMessage(`${job.id}:${part}`, text)),
    );
  };
  const decided = await decide(approvals, {
    approvalId: job.approvalId,
    decision: job.decision,
    by,
    jobId: job.id,
    now,
  });
  const { approvalId } = job;
  if (decided.status === 'not-approver') {
    await tell(
      'refused',
      job.replyTo,
      t(decided.approval.locale ?? 'en', 'approval.notApprover', { by, cluster: decided.approval.cluster }),
    );
    return { status: 'refused', approvalId };
  }
  if (decided.status === 'expired') {
    await tell('expired', job.replyTo, t(await presserLocale(job, deps), 'chat.expired'));
    return { status: 'expired', approvalId };
  }
  if (decided.status === 'already-decided') {
    const { previous } = decided;
    await tell(
      'already',
      job.replyTo,
      t(await presserLocale(job, deps), 'chat.alreadyDecided', {
        decision: previous.decision,
        by: previous.by,
        at: when(previous.at),
      }),
    );
    return { status: 'already-decided', approvalId };
  }
  const { approval } = decided;
  const phrase = translator(approval.locale ?? 'en');
  const description = approvalDescription(approval);
  // The outcome goes where the card went and to whoever pressed, once per chat (the presser's fresh token first).
  const targets = uniqueTargets([...job.replyTo, ...approval.replyTo]);
  if (decided.decision === 'reject') {
    await updateCard(
      job,
      deps,
      approvalMessage(approval, 'rejected', { decidedBy: by, outcome: phrase('approval.nothingDone') }),
    );
    await tell('outcome', targets, phrase('approval.toldRejected', { by, description }));
    return { status: 'rejected', approvalId };
  }
  // Written at the decision's time, not this delivery's: a retry that writes again (it crashed before recording the
  // write) sets the same restartedAt, which starts no second rollout.
  const written = await write(job, deps, approval, by, new Date(decided.at));
  if ('failure' in written) {
    await updateCard(
      job,
      deps,
      approvalMessage(approval, 'failed', { decidedBy: by, outcome: written.failure }),
    );
    await tell(
      'outcome',
      targets,
      phrase('approval.toldFailed', { by, description, failure: written.failure }),
    );
    return { status: 'failed', approvalId };
  }
  const outcome = phrase('approval.toldDone', { by, description });
  await updateCard(
    job,
    deps,
    approvalMessage(approval, 'done', { decidedBy: by, outcome: phrase('approval.sent') }),
  );
  await tell('outcome', targets, outcome);
  const rollout = await watch(deps, approval, by, written, now);
  if (rollout) await tell('rollout', targets, rollout);
  await remember(job, deps, approval, [outcome, rollout ?? ''].join(' ').trim(), now);
  return { status: 'executed', approvalId };
}

type Written = { object?: K8sObject } | { failure: string };

/** Sends the write once: a retry after it was sent goes on to the messages and never writes again. */
async function write(
  job: ExecuteActionJob,
  deps: JobDeps,
  approval: PendingApproval,
  by: string,
  now: Date,
): Promise<Written> {
  if (await deps.ledger.wasDelivered(job.id, 'cluster-write')) return {};
  if (!deps.writerFor) throw new Error('execute-action needs a cluster writer (JobDeps.writerFor)');
  try {
    const result = await executeProposal(deps.writerFor(approval.cluster, by), proposalOf(approval), by, now);
    await deps.ledger.markDelivered(job.id, 'cluster-write');
    return result.object ? { object: result.object } : {};
  } catch (error) {
    if (error instanceof ClusterWriteError || error instanceof ActionError)
      return { failure: redactText(error.message).slice(0, 500) };
    throw error;
  }
}

/** Watches the rollout for up to ROLLOUT_WATCH_SECONDS; a rollout that cannot be read is said, never thrown. */
async function watch(
  deps: JobDeps,
  approval: PendingApproval,
  by: string,
  written: { object?: K8sObject },
  now: Date,
): Promise<string | undefined> {
  const seconds = deps.rolloutWatchSeconds ?? DEFAULT_ROLLOUT_WATCH_SECONDS;
  if (seconds <= 0) return undefined;
  try {
    const result = await watchRollout(
      deps.readerFor(approval.cluster, by),
      approval.action,
      approval.target as ActionTarget,
      { seconds, locale: approval.locale ?? 'en', ...(deps.sleep ? { sleep: deps.sleep } : {}) },
      approval.action === 'delete-pod'
        ? { ...(written.object ? { pod: written.object } : {}), at: now }
        : undefined,
    );
    return result?.text;
  } catch (error) {
    return t(approval.locale ?? 'en', 'chat.watchFailed', {
      error: redactText(String(error instanceof Error ? error.message : error)).slice(0, 300),
    });
  }
}

/** The conversation that asked learns the outcome ("did it restart?"), once; best effort, never fails the job. */
async function remember(
  job: ExecuteActionJob,
  deps: JobDeps,
  approval: PendingApproval,
  text: string,
  now: Date,
): Promise<void> {
  const { conversations } = deps;
  if (!conversations || !approval.conversation) return;
  try {
    if (await deps.ledger.wasDelivered(job.id, 'memory')) return;
    const stored = await conversations.get(approval.conversation);
    if (!stored) return;
    const turn = { role: 'assistant' as const, text, at: now.toISOString() };
    await conversations.set(
      { ...stored, turns: [...stored.turns, turn] },
      deps.chatMemoryTtlSeconds ?? DEFAULT_CHAT_MEMORY_TTL_SECONDS,
    );
    await deps.ledger.markDelivered(job.id, 'memory');
  } catch {
    // The outcome was told in the chat; a memory that cannot be written only forgets it.
  }
}

/** Replaces the pressed card (Slack edits it; LINE pushes a short note), once. */
async function updateCard(job: ExecuteActionJob, deps: JobDeps, message: ApprovalMessage): Promise<void> {
  if (!job.card || !deps.update) return;
  if (await deps.ledger.wasDelivered(job.id, 'card')) return;
  await deps.update(job.card, message);
  await deps.ledger.markDelivered(job.id, 'card');
}

function uniqueTargets(targets: ReplyTarget[]): ReplyTarget[] {
  const seen = new Set<string>();
  return targets.filter((target) => {
    const key = targetKey(target);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** ROLLOUT_WATCH_SECONDS' default. */
export const DEFAULT_ROLLOUT_WATCH_SECONDS = 60;

export const executeAction = defineJobKind({
  kind: 'execute-action',
  schema: ExecuteActionJob,
  run: runExecuteActionJob,
});
