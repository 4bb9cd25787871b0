// The health-report job: at each cluster's local slot the cron queues one (the id names the slot, so a doubled or
// retried tick queues nothing twice); the job scans the whole cluster, compares with the last digest and sends
// one message per target, stored as a `cron` Report for the report page.
import { z } from 'zod';
import { parseClusters } from '../cluster/index.ts';
import type { Config } from '../config/index.ts';
import { diagnose } from '../diagnosis/index.ts';
import {
  compareDigest,
  digestMessage,
  dueSlot,
  healthReportSchedules,
  readFigures,
  type Slot,
  slotJobId,
  tickSlot,
} from '../health/index.ts';
import type { Locale } from '../locale/index.ts';
import { routerFor } from '../routing/index.ts';
import { redactDeep } from '../security/index.ts';
import type { CronTick } from './kind.ts';
import { defineJobKind } from './kind.ts';
import { deliverOnce, runOnce } from './once.ts';
import { JobBase } from './schema.ts';
import type { AttemptInfo, JobDeps } from './types.ts';

export const HealthReportJob = JobBase.extend({
  kind: z.literal('health-report'),
  slot: z.object({ date: z.string(), time: z.string(), timezone: z.string() }),
  /** REPORT_QUIET: nothing is sent when all is clear. */
  quiet: z.boolean(),
});
export type HealthReportJob = z.infer<typeof HealthReportJob>;

export type HealthReportOutcome =
  | { status: 'done'; reportId: string; delivered: string[]; findings: number; allClear: boolean }
  | { status: 'duplicate' }
  | { status: 'busy' };

const REPORT_TTL_SECONDS = 7 * 86_400;
/** A digest older than this is not compared with: a report after a month off lists everything as new. */
const DIGEST_TTL_SECONDS = 30 * 86_400;

/** The clusters a default schedule covers: CLUSTERS' names, else the one cluster. */
function clusterNames(config: Config): string[] {
  if (!config.CLUSTERS) return [config.CLUSTER_NAME];
  // A bad CLUSTERS is reported (by name and field) where a reader is built; here it schedules the one cluster.
  try {
    return Object.keys(parseClusters(config.CLUSTERS));
  } catch {
    return [config.CLUSTER_NAME];
  }
}

/** The health-report jobs due at this tick: one per cluster whose local slot it is (every tick with the dev switch). */
export function healthReportJobs(tick: CronTick, config: Config): HealthReportJob[] {
  const jobs: HealthReportJob[] = [];
  const route = routerFor(config);
  for (const [cluster, schedule] of healthReportSchedules(config.HEALTH_REPORTS, clusterNames(config))) {
    const slot: Slot | undefined = config.HEALTH_REPORT_EVERY_TICK
      ? tickSlot(tick.at, schedule.timezone)
      : dueSlot(tick.at, schedule);
    if (!slot) continue;
    jobs.push({
      v: 1,
      kind: 'health-report',
      id: slotJobId(cluster, slot),
      createdAt: tick.at.toISOString(),
      cluster,
      // HEALTH_REPORTS' `to` wins; else ROUTES (source `cron`, no severity or namespace), else the alert destinations.
      replyTo: schedule.to ?? route({ source: 'cron', cluster }),
      slot,
      quiet: config.REPORT_QUIET,
    });
  }
  return jobs;
}

export async function runHealthReportJob(
  job: HealthReportJob,
  deps: JobDeps,
  _attempt: AttemptInfo = { finalAttempt: false },
): Promise<HealthReportOutcome> {
  return runOnce(deps.ledger, job.id, deps.lockSeconds ?? 300, () => digestAndSend(job, deps));
}

async function digestAndSend(job: HealthReportJob, deps: JobDeps): Promise<HealthReportOutcome> {
  const { digests, say } = deps;
  if (!digests || !say)
    throw new Error('the health-report job needs the digest store and a chat to say it in');
  const reader = deps.readerFor(job.cluster, 'cron:health-report');
  const reportId = `${job.id.replaceAll(':', '-')}-${crypto.randomUUID().slice(0, 6)}`;
  // A cluster that cannot be read throws: the queue retries, and its last failure is the job route's to report.
  let report = await diagnose({
    reader,
    cluster: job.cluster,
    source: 'cron',
    scope: { kind: 'cluster' },
    id: reportId,
  });
  const at = reader.stats.serverTime ?? deps.now?.().toISOString() ?? new Date().toISOString();
  const figures = await readFigures(reader, Date.parse(at));
  // Last line of defence before anything is stored or leaves: mask credentials that slipped into evidence.
  report = redactDeep(report);
  const digest = compareDigest(await digests.get(job.cluster), {
    cluster: job.cluster,
    reportId: report.id,
    at,
    findings: report.findings,
  });
  const message = digestMessage({ report, digest, figures, slot: job.slot });
  // Each chat reads the digest in its own configured language (else LOCALE).
  const messageFor = (lang: Locale | undefined) => {
    const locale = lang ?? deps.locale ?? 'en';
    return locale === 'en' ? message : digestMessage({ report, digest, figures, slot: job.slot, locale });
  };
  await deps.reports.save(report, deps.reportTtlSeconds ?? REPORT_TTL_SECONDS);
  const sent =
    job.quiet && message.allClear
      ? []
      : await deliverOnce(deps.ledger, job.id, job.replyTo, (target) => say(target, messageFor(target.lang)));
  // Saved after sending: a retry after a failed send compares with the same previous digest, not with itself.
  await digests.save(digest.state, DIGEST_TTL_SECONDS);
  return {
    status: 'done',
    reportId: report.id,
    delivered: sent.map(({ key }) => key),
    findings: report.findings.length,
    allClear: message.allClear,
  };
}

export const healthReport = defineJobKind({
  kind: 'health-report',
  schema: HealthReportJob,
  run: runHealthReportJob,
  scheduled: healthReportJobs,
});
