// The ai-followup job: a report went out rule-based because the model was over budget or unavailable; try the
// model again later and, when it answers, reply in the report's thread. Never a second full message.
import { z } from 'zod';
import { redactDeep } from '../security/index.ts';
import { defineJobKind } from './kind.ts';
import { deliverOnce, runOnce } from './once.ts';
import { JobBase, type ReplyTarget } from './schema.ts';
import type { JobDeps, JobOutcome } from './types.ts';

/** The AI part of a report that went out without it (model over budget or unavailable), tried again later. */
export const AiFollowupJob = JobBase.extend({
  kind: z.literal('ai-followup'),
  reportId: z.string().min(1),
  /** 1 for the first follow-up; the last one allowed is MAX_AI_FOLLOWUPS. */
  attempt: z.number().int().min(1),
});
export type AiFollowupJob = z.infer<typeof AiFollowupJob>;

export const MAX_AI_FOLLOWUPS = 3;

/** Follow-ups go out no sooner than a second and no later than an hour, whatever the model asked for. */
export function followupDelaySeconds(retryAfterMs: number): number {
  return Math.min(3600, Math.max(1, Math.ceil(retryAfterMs / 1000)));
}

export function aiFollowupJob(
  parent: { id: string; cluster: string },
  reportId: string,
  replyTo: ReplyTarget[],
  attempt: number,
  now: Date,
): AiFollowupJob {
  // The id stays within the Job id alphabet and length, and is the same for a redelivered parent.
  const base = parent.id.replace(/-ai\d+$/, '').slice(0, 180);
  return {
    v: 1,
    kind: 'ai-followup',
    id: `${base}-ai${attempt}`,
    createdAt: now.toISOString(),
    cluster: parent.cluster,
    replyTo,
    reportId,
    attempt,
  };
}

/** The adapters this kind needs: a way to answer under a message that was already posted. */
export type AiFollowupDeps = JobDeps & Required<Pick<JobDeps, 'reply'>>;

export type AiFollowupOutcome =
  | JobOutcome
  | { status: 'skipped'; reason: string }
  | { status: 'rescheduled'; inSeconds: number };

export async function runAiFollowupJob(job: AiFollowupJob, deps: JobDeps): Promise<AiFollowupOutcome> {
  const { enrich, reply } = deps;
  if (!enrich) return { status: 'skipped', reason: 'no model configured' };
  if (!reply) return { status: 'skipped', reason: 'no chat to reply in' };
  return runOnce(deps.ledger, job.id, deps.lockSeconds ?? 120, async (): Promise<AiFollowupOutcome> => {
    const stored = await deps.reports.get(job.reportId);
    if (!stored || stored.ai) {
      return {
        status: 'skipped',
        reason: stored ? 'the report already has its AI part' : 'the report has expired',
      };
    }
    const reader = deps.readerFor(job.cluster, `report:${job.reportId}`);
    const enriched = await enrich(stored, reader);
    if (!enriched.report.ai) {
      if (
        enriched.retryAfterMs === undefined ||
        job.attempt >= MAX_AI_FOLLOWUPS ||
        !deps.scheduleAiFollowup
      ) {
        return { status: 'skipped', reason: 'the model did not answer' };
      }
      const inSeconds = followupDelaySeconds(enriched.retryAfterMs);
      const next = aiFollowupJob(job, job.reportId, job.replyTo, job.attempt + 1, deps.now?.() ?? new Date());
      await deps.scheduleAiFollowup(next, inSeconds);
      return { status: 'rescheduled', inSeconds };
    }
    const report = redactDeep(enriched.report);
    await deps.reports.save(report, deps.reportTtlSeconds ?? 7 * 86_400);
    const sent = await deliverOnce(deps.ledger, job.id, job.replyTo, (target) => reply(target, report));
    return { status: 'done', reportId: report.id, delivered: sent.map(({ key }) => key) };
  });
}

export const aiFollowup = defineJobKind({
  kind: 'ai-followup',
  schema: AiFollowupJob,
  run: runAiFollowupJob,
});
