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
  targetKey,
} from './diagnose-alert.ts';
import type { AiFollowupJob, ReplyTarget } from './schema.ts';

export interface AiFollowupDeps extends JobDeps {
  /** Sends the AI part of `report` as a reply to the message the target already has. */
  reply(target: ReplyTarget, report: Report): Promise<void>;
}

export type AiFollowupOutcome =
  | JobOutcome
  | { status: 'skipped'; reason: string }
  | { status: 'rescheduled'; inSeconds: number };

export async function runAiFollowupJob(job: AiFollowupJob, deps: AiFollowupDeps): Promise<AiFollowupOutcome> {
  if (!deps.enrich) return { status: 'skipped', reason: 'no model configured' };
  const claim = await deps.store.claimJob(job.id, deps.lockSeconds ?? 120);
  if (claim === 'done') return { status: 'duplicate' };
  if (claim === 'running') return { status: 'busy' };
  try {
    const stored = await deps.store.getReport(job.reportId);
    if (!stored || stored.ai) {
      await deps.store.finishJob(job.id);
      return {
        status: 'skipped',
        reason: stored ? 'the report already has its AI part' : 'the report has expired',
      };
    }
    const reader = deps.readerFor(job.cluster, `report:${job.reportId}`);
    const enriched = await deps.enrich(stored, reader);
    if (!enriched.report.ai) {
      let outcome: AiFollowupOutcome = { status: 'skipped', reason: 'the model did not answer' };
      if (enriched.retryAfterMs !== undefined && job.attempt < MAX_AI_FOLLOWUPS && deps.scheduleAiFollowup) {
        const inSeconds = followupDelaySeconds(enriched.retryAfterMs);
        const next = aiFollowupJob(
          job,
          job.reportId,
          job.replyTo,
          job.attempt + 1,
          deps.now?.() ?? new Date(),
        );
        await deps.scheduleAiFollowup(next, inSeconds);
        outcome = { status: 'rescheduled', inSeconds };
      }
      await deps.store.finishJob(job.id);
      return outcome;
    }
    const report = redactDeep(enriched.report);
    await deps.store.saveReport(report, deps.reportTtlSeconds ?? 7 * 86_400);
    const delivered: string[] = [];
    for (const target of job.replyTo) {
      const key = targetKey(target);
      if (await deps.store.wasDelivered(job.id, key)) continue;
      await deps.reply(target, report);
      await deps.store.markDelivered(job.id, key);
      delivered.push(key);
    }
    await deps.store.finishJob(job.id);
    return { status: 'done', reportId: report.id, delivered };
  } catch (error) {
    await deps.store.releaseJob(job.id);
    throw error;
  }
}
