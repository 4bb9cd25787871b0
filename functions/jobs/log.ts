// The line each finished job logs (its summary, from lib/jobs/summary.ts), and in dev the report nobody received:
// with QUEUE=inline and no chat target, the message is printed as the text a person would have read.
import { chatMessageAsText, reportMessage } from '../../lib/chat/index.ts';
import { type Job, type JobRunOutcome, jobSummary } from '../../lib/jobs/index.ts';
import type { ReportStore } from '../../lib/store/index.ts';

/** `reports` only in dev (QUEUE=inline): there an undelivered report is printed, never in production logs. */
export async function logJob(job: Job, outcome: JobRunOutcome, reports?: ReportStore): Promise<void> {
  console.log(
    JSON.stringify({ msg: 'job', kind: job.kind, id: job.id, summary: jobSummary(job, outcome), outcome }),
  );
  if (!reports || outcome.status !== 'done' || outcome.delivered.length > 0 || job.replyTo.length > 0) return;
  const report = await reports.get(outcome.reportId).catch(() => undefined);
  if (!report) return;
  console.log(
    `── report ${report.id}, sent to no chat (QUEUE=inline): ──\n${chatMessageAsText(reportMessage(report))}`,
  );
}
