// The diagnose-alert job: idempotent (one message per job however often it is delivered), read-only.
import type { ClusterReader } from '../cluster/index.ts';
import { diagnose, scopeFromAlert } from '../diagnosis/index.ts';
import type { Store } from '../memory/index.ts';
import type { Report } from '../report/index.ts';
import { redactDeep } from '../security/index.ts';
import type { DiagnoseAlertJob, ReplyTarget } from './schema.ts';

export interface DiagnoseAlertDeps {
  store: Store;
  /** A reader for the named cluster that acts (and is audited) as `actor`. */
  readerFor(cluster: string, actor: string): ClusterReader;
  /** Sends the report to one chat target. */
  deliver(target: ReplyTarget, report: Report): Promise<void>;
  /** Adds the AI part when a model is configured; must not throw (falls back to the rule-based report). */
  enrich?(report: Report, reader: ClusterReader): Promise<Report>;
  reportTtlSeconds?: number;
  /** How long one delivery may hold the job before another may take over. */
  lockSeconds?: number;
}

export type JobOutcome =
  | { status: 'done'; reportId: string; delivered: string[] }
  | { status: 'duplicate' }
  | { status: 'busy' };

const targetKey = (target: ReplyTarget) => `${target.channel}:${target.to}`;

export async function runDiagnoseAlertJob(
  job: DiagnoseAlertJob,
  deps: DiagnoseAlertDeps,
): Promise<JobOutcome> {
  const claim = await deps.store.claimJob(job.id, deps.lockSeconds ?? 120);
  if (claim === 'done') return { status: 'duplicate' };
  if (claim === 'running') return { status: 'busy' };
  try {
    const reader = deps.readerFor(job.cluster, `alert:${job.alert.name}`);
    let report = await diagnose({
      reader,
      cluster: job.cluster,
      source: 'alertmanager',
      scope: scopeFromAlert(job.alert.labels),
      alert: {
        name: job.alert.name,
        ...(job.alert.severity ? { severity: job.alert.severity } : {}),
        labels: job.alert.labels,
      },
      id: `${job.id}-${crypto.randomUUID().slice(0, 8)}`,
    });
    if (deps.enrich) report = await deps.enrich(report, reader);
    // Last line of defence before anything is stored or leaves: mask credentials that slipped into evidence.
    report = redactDeep(report);
    await deps.store.saveReport(report, deps.reportTtlSeconds ?? 7 * 86_400);
    const delivered: string[] = [];
    for (const target of job.replyTo) {
      const key = targetKey(target);
      // A retry after a partial failure skips the targets that already got the message.
      if (await deps.store.wasDelivered(job.id, key)) continue;
      await deps.deliver(target, report);
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
