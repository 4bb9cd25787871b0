// The ai-followup job: a report went out rule-based because the model was over budget or unavailable; try the
// model again later and, when it answers, reply in the report's thread. Never a second full message.
import type { Report } from '../report/index.ts';
import { redactDeep } from '../security/index.ts';
import {
  aiFollowupJob,
  followupDelaySeconds,
  type JobDeps,
  type JobOutcome,
  MAX_AI_FOLLOWUPS,
} from './diagnose-alert.ts';
import { defineJobKind } from './kind.ts';
import { deliverOnce, runOnce } from './once.ts';
import { AiFollowupJob, type ReplyTarget } from './schema.ts';

export interface AiFollowupDeps extends JobDeps {
  /** Sends the AI part of `report` as a reply to the message the target already has. */
  reply(target: ReplyTarget, report: Report): Promise<void>;
}

export type AiFollowupOutcome =
  | JobOutcome
  | { status: 'skipped'; reason: string }
  | { status: 'rescheduled'; inSeconds: number };

export async function runAiFollowupJob(job: AiFollowupJob, deps: AiFollowupDeps): Promise<AiFollowupOutcome> {
  const enrich = deps.enrich;
  if (!enrich) return { status: 'skipped', reason: 'no model configured' };
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
    const sent = await deliverOnce(deps.ledger, job.id, job.replyTo, (target) => deps.reply(target, report));
    return { status: 'done', reportId: report.id, delivered: sent.map(({ key }) => key) };
  });
}

export const aiFollowup = defineJobKind({
  kind: 'ai-followup',
  schema: AiFollowupJob,
  run: (job, deps) => runAiFollowupJob(job, deps as AiFollowupDeps),
});
