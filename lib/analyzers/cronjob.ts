// CronJobFailing: a CronJob's latest Job failed (its pod log says why) or it has not run when due.
import type { K8sObject } from '../cluster/index.ts';
import {
  type AnalysisContext,
  describeRef,
  inTwoForms,
  nextRun,
  ownerReads,
  parseCron,
  policyReads,
  refOf,
} from '../evidence/index.ts';
import { type Text, verbatim } from '../i18n/index.ts';
import type { Finding } from '../report/index.ts';
import { EvidenceLines } from './history-text.ts';
import {
  causeEvidenceTexts,
  failedCondition,
  failedPodOf,
  type JobCause,
  jobCause,
  jobLogRequests,
  logsCommand,
  serviceAccountReads,
} from './job.ts';
import type { Analyzer } from './types.ts';

/** The CronJob's finished Jobs, newest first. */
function finishedJobs(context: AnalysisContext, cronJob: K8sObject): K8sObject[] {
  const finished = (job: K8sObject) =>
    (job.status?.conditions ?? []).some(
      (c: { type: string; status: string }) => ['Complete', 'Failed'].includes(c.type) && c.status === 'True',
    );
  return context
    .list('jobs')
    .filter(
      (job) =>
        job.metadata.namespace === cronJob.metadata.namespace &&
        job.metadata.ownerReferences?.some((o) => o.kind === 'CronJob' && o.name === cronJob.metadata.name) &&
        finished(job),
    )
    .sort((a, b) => String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)));
}

/**
 * The Job whose pod shows why the CronJob fails: the latest, or — when the latest's pods are gone (an OnFailure
 * Job's pods are deleted when it fails) — the newest earlier failed run that still has one.
 */
function evidenceJob(context: AnalysisContext, cronJob: K8sObject, latest: K8sObject): K8sObject {
  if (failedPodOf(context, latest)) return latest;
  return (
    finishedJobs(context, cronJob).find((job) => failedCondition(job) && failedPodOf(context, job)) ?? latest
  );
}

/** Why the latest Job failed: its own evidence, else an earlier run's pod (`from`) when the latest left none to read. */
function causeOf(
  context: AnalysisContext,
  cronJob: K8sObject,
  latest: K8sObject,
): JobCause & { from?: K8sObject } {
  const own = jobCause(context, latest);
  const earlier = evidenceJob(context, cronJob, latest);
  if (own.cause || earlier === latest) return own;
  const before = jobCause(context, earlier);
  if (!before.cause) return own;
  return {
    ...before,
    from: earlier,
    ...(() => {
      const notes = new EvidenceLines()
        .quote(own.notes, own.noteTexts)
        .say({ key: 'history.cronJobRunBefore', params: { job: earlier.metadata.name } })
        .quote(before.notes, before.noteTexts);
      return { notes: notes.lines, noteTexts: notes.texts };
    })(),
  };
}

/** When a CronJob should next have run after its last run, in ms; undefined when its schedule cannot be read. */
export function nextDue(cronJob: K8sObject, lastMs: number): number | undefined {
  try {
    const timeZone = typeof cronJob.spec?.timeZone === 'string' ? cronJob.spec.timeZone : undefined;
    return nextRun(parseCron(String(cronJob.spec?.schedule ?? '')), lastMs, timeZone);
  } catch {
    // The API server validates schedules (and zones); one it accepted but we cannot read is not a finding.
    return undefined;
  }
}

const failing = (context: AnalysisContext) =>
  context.list('cronJobs').flatMap((cronJob) => {
    if (cronJob.spec?.suspend) return []; // suspended on purpose
    const job = finishedJobs(context, cronJob)[0];
    return job && failedCondition(job) ? [{ cronJob, job }] : [];
  });

export const cronJobFailing: Analyzer = {
  name: 'cronjob',
  // A Job a CronJob started is reported as the CronJob failing.
  reads: { CronJob: ['jobs', 'cronJobs', 'pods'], Job: ['cronJobs'] },
  followUps: (context) => [...ownerReads(context), ...policyReads(context), ...serviceAccountReads(context)],
  logs(context) {
    return failing(context).flatMap(({ cronJob, job }) => {
      const pod = failedPodOf(context, evidenceJob(context, cronJob, job));
      return pod ? jobLogRequests(pod) : [];
    });
  },
  analyze(context) {
    const findings: Finding[] = failing(context).map(({ cronJob, job }) => {
      const ref = refOf(cronJob);
      const { pod, cause, notes, noteTexts, from } = causeOf(context, cronJob, job);
      const condition = failedCondition(job);
      const reason = condition.reason ?? 'Failed';
      const summary: Text = from
        ? {
            key: 'history.cronJobFailingBefore',
            params: {
              cronJob: describeRef(ref),
              job: job.metadata.name,
              reason,
              before: from.metadata.name,
              detail: String(cause?.rootCause.detail),
            },
          }
        : {
            key: 'history.cronJobFailing',
            params: {
              cronJob: describeRef(ref),
              job: job.metadata.name,
              reason,
              detail: cause?.rootCause.detail || 'none',
            },
          };
      const message = String(condition.message ?? '').slice(0, 120);
      const evidence = new EvidenceLines()
        .say({
          key: 'history.cronJobRunFailed',
          params: {
            job: job.metadata.name,
            reason: condition.reason || 'none',
            message: message.trim() ? message.trimEnd() : 'none',
          },
        })
        .quote(notes, noteTexts)
        .quote(cause?.evidence ?? [], causeEvidenceTexts(cause));
      const suggestions = [
        verbatim(pod ? logsCommand(pod) : `kubectl -n ${ref.namespace} describe job ${job.metadata.name}`),
      ];
      return {
        code: 'CronJobFailing',
        severity: 'critical',
        object: ref,
        owner: ref,
        ...(cause ? { rootCause: cause.rootCause } : {}),
        ...inTwoForms({ summary, evidence: evidence.texts, suggestions }),
      };
    });
    for (const cronJob of context.list('cronJobs')) {
      if (
        cronJob.spec?.suspend ||
        findings.some(
          (f) => f.object.name === cronJob.metadata.name && f.object.namespace === cronJob.metadata.namespace,
        )
      )
        continue;
      const last = cronJob.status?.lastScheduleTime ?? cronJob.metadata.creationTimestamp;
      if (!last) continue;
      const due = nextDue(cronJob, Date.parse(last));
      if (due === undefined) continue;
      // The controller may start a run up to startingDeadlineSeconds late; past that (and 10 minutes) it was missed.
      const deadlineMs = Math.max(10 * 60_000, Number(cronJob.spec?.startingDeadlineSeconds ?? 0) * 1000);
      const lateMs = context.now - due;
      if (lateMs <= deadlineMs) continue;
      const ref = refOf(cronJob);
      const summary: Text = {
        key: 'history.cronJobNotRun',
        params: { cronJob: describeRef(ref), last, schedule: String(cronJob.spec.schedule) },
      };
      const evidence = new EvidenceLines()
        .say({
          key: 'history.cronJobSchedule',
          params: {
            last: cronJob.status?.lastScheduleTime ?? 'never',
            schedule: String(cronJob.spec.schedule),
            timeZone: cronJob.spec?.timeZone ? String(cronJob.spec.timeZone) : 'none',
          },
        })
        .say({
          key: 'history.cronJobDue',
          params: { due: new Date(due).toISOString(), late: String(Math.round(lateMs / 60_000)) },
        });
      const suggestions: Text[] = [
        verbatim(`kubectl -n ${ref.namespace} describe cronjob ${ref.name}`),
        {
          key: 'history.cronJobCheck',
          params: { component: 'controller-manager', field: 'startingDeadlineSeconds' },
        },
      ];
      findings.push({
        code: 'CronJobFailing',
        severity: 'warning',
        object: ref,
        owner: ref,
        ...inTwoForms({ summary, evidence: evidence.texts, suggestions }),
      });
    }
    return findings;
  },
};
