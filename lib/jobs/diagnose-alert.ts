// The diagnose-alert job: idempotent (one message per job however often it is delivered), read-only, and never
// silent: a cluster it cannot read, or Redis down on the last delivery, still ends in a message.

import { z } from 'zod';
import { type MessageRef, reportMessage, textMessage } from '../chat/index.ts';
import { type ClusterReader, type K8sObject, resources } from '../cluster/index.ts';
import { diagnose, scopeFromAlert } from '../diagnosis/index.ts';
import { alertSubject, joinedAlert, objectIncidentKey } from '../events/index.ts';
import { t } from '../i18n/index.ts';
import type { ObjectRef, Report } from '../report/index.ts';
import { redactDeep } from '../security/index.ts';
import { INCIDENT_THREAD_TTL_SECONDS, type IncidentThread, severityRank } from '../store/index.ts';
import { aiFollowupJob, followupDelaySeconds } from './ai-followup.ts';
import { isPermanent } from './failure.ts';
import { type DedupState, guardedStores } from './guarded-stores.ts';
import {
  changeLine,
  diagnosedCause,
  type IncidentUpdateJob,
  lineLocale,
  threadTargets,
} from './incident-update.ts';
import { defineJobKind } from './kind.ts';
import { deliverOnce, runOnce } from './once.ts';
import { JobAlert, JobBase, type ReplyTarget } from './schema.ts';
import { reportSubject } from './summary.ts';
import type { AttemptInfo, JobDeps, JobOutcome } from './types.ts';

export const DiagnoseAlertJob = JobBase.extend({
  kind: z.literal('diagnose-alert'),
  source: z.literal('alertmanager'),
  /** The incident this job speaks for: later alerts about the same workload join it instead of paging again. */
  incidentKey: z.string(),
  namespace: z.string().optional(),
  alert: JobAlert,
});
export type DiagnoseAlertJob = z.infer<typeof DiagnoseAlertJob>;

const REPORT_TTL_SECONDS = 7 * 86_400;
/** INCIDENT_WINDOW_SECONDS' default. */
const DEFAULT_INCIDENT_WINDOW_SECONDS = 900;

/** What an undiagnosed message needs of its job: the cluster and the alert. */
type AlertOfJob = Pick<DiagnoseAlertJob, 'cluster'> & {
  alert: Pick<JobAlert, 'name' | 'severity' | 'labels' | 'annotations'>;
};

/** What goes out when there is no diagnosis: the alert itself and why (`why` ends "No diagnosis: …"). */
export function undiagnosedReport(job: AlertOfJob, reportId: string, why: string, now: Date): Report {
  const said = job.alert.annotations.summary ?? job.alert.annotations.description ?? job.alert.name;
  return {
    id: reportId,
    source: 'alertmanager',
    cluster: job.cluster,
    scope: scopeFromAlert(job.alert.labels),
    startedAt: now.toISOString(),
    alert: alertOf(job),
    findings: [],
    summary: `No diagnosis: ${why}. The alert says: ${said}`,
    proposals: [],
  };
}

/** What goes out when the cluster could not be read at all: the alert itself and why there is no diagnosis. */
export function unreadableClusterReport(
  job: DiagnoseAlertJob,
  reportId: string,
  error: unknown,
  now: Date,
): Report {
  const reason = (error instanceof Error ? error.message : String(error)).slice(0, 300);
  return undiagnosedReport(job, reportId, `cluster ${job.cluster} could not be read (${reason})`, now);
}

function alertOf(job: AlertOfJob): NonNullable<Report['alert']> {
  return {
    name: job.alert.name,
    ...(job.alert.severity ? { severity: job.alert.severity } : {}),
    labels: job.alert.labels,
  };
}

/** The line a message gets when its last delivery could not reach Redis: nothing recorded that it was sent. */
export const DEDUP_UNAVAILABLE_NOTE =
  'Dedup was unavailable (Redis could not be reached), so this message may repeat one already sent.';

const withDedupNote = (report: Report): Report => ({
  ...report,
  summary: `${report.summary} ${DEDUP_UNAVAILABLE_NOTE}`,
});

export async function runDiagnoseAlertJob(
  job: DiagnoseAlertJob,
  deps: JobDeps,
  attempt: AttemptInfo = { finalAttempt: false },
): Promise<JobOutcome> {
  const dedup: DedupState = { unavailable: false };
  const guarded: JobDeps = { ...deps, ...guardedStores(deps, attempt.finalAttempt, dedup) };
  try {
    return await runOnce(guarded.ledger, job.id, deps.lockSeconds ?? 120, () =>
      diagnoseAndSend(job, guarded, attempt, dedup),
    );
  } catch (error) {
    // Failed for good (the message itself could not be sent): the incident must not swallow later alerts.
    if (attempt.finalAttempt) await releaseIncident(job, guarded);
    throw error;
  }
}

/** Best effort: a claim left behind expires with its window anyway. */
async function releaseIncident(job: DiagnoseAlertJob, deps: JobDeps): Promise<void> {
  await deps.incidents?.release(job.incidentKey, job.id).catch(() => undefined);
}

async function diagnoseAndSend(
  job: DiagnoseAlertJob,
  deps: JobDeps,
  attempt: AttemptInfo,
  dedup: DedupState,
): Promise<JobOutcome> {
  const reportId = `${job.id}-${crypto.randomUUID().slice(0, 8)}`;
  let report: Report;
  let retryAfterMs: number | undefined;
  let diagnosed = true;
  try {
    const reader = deps.readerFor(job.cluster, `alert:${job.alert.name}`);
    report = await diagnose({
      reader,
      cluster: job.cluster,
      source: 'alertmanager',
      scope: scopeFromAlert(job.alert.labels),
      alert: alertOf(job),
      id: reportId,
      // What changed is judged against when the alert began firing.
      troubleSince: job.alert.startsAt,
      ...(deps.changeWindowMinutes ? { changeWindowMinutes: deps.changeWindowMinutes } : {}),
    });
    // Before the model is asked: an alert that joins another job's incident sends nothing, so needs no AI part.
    const grouped = await confirmOwner(job, reader, deps);
    if (grouped) return grouped;
    // Without Redis the model's shared budget cannot be kept, nor a follow-up find the report: rule-based only.
    if (deps.enrich && !dedup.unavailable) ({ report, retryAfterMs } = await deps.enrich(report, reader));
  } catch (error) {
    // Retries may still reach the cluster, unless it refused in a way no retry changes (a 400, a policy denial);
    // the last attempt, or such a refusal, tells the person on call instead of going quiet.
    if (!attempt.finalAttempt && !isPermanent(error)) throw error;
    report = unreadableClusterReport(job, reportId, error, deps.now?.() ?? new Date());
    diagnosed = false;
  }
  // Last line of defence before anything is stored or leaves: mask credentials that slipped into evidence.
  report = redactDeep(report);
  await deps.reports.save(report, deps.reportTtlSeconds ?? REPORT_TTL_SECONDS);
  // A resolved incident of this workload that fires again reopens its own thread (Slack) instead of a new message.
  const earlier = await deps.incidents?.thread(job.incidentKey);
  const reopening = earlier?.status === 'resolved' ? earlier : undefined;
  // A retry after a partial failure skips the targets that already got the message. Whether the ledger answered
  // is known only once it was asked, so the note is added per target.
  const sent = await deliverOnce(deps.ledger, job.id, job.replyTo, async (target) => {
    const sending = dedup.unavailable ? withDedupNote(report) : report;
    const ref = reopening && threadOf(reopening, target);
    if (!ref || !deps.update || !deps.say) return deps.deliver(target, sending);
    // The first message turns back to firing, and one line in its thread notifies that it fires again.
    await deps.update(ref, reportMessage(sending, target.lang ?? deps.locale));
    await deps.say(
      { channel: ref.channel, to: ref.to, thread: ref.id, notify: true },
      textMessage(
        job.id,
        t(lineLocale(target, deps), 'incident.firingAgain', { title: reportMessage(sending).title }),
      ),
    );
    return ref;
  });
  // Only a diagnosed message becomes the incident's thread: without one, the next alert diagnoses anew (below).
  if (diagnosed) await recordThread(job, report, sent, earlier, deps, attempt);
  // No diagnosis came of it: the next alert about the workload opens an incident of its own (and may get one).
  if (!diagnosed) await releaseIncident(job, deps);
  // The follow-up answers each message that was posted (in its thread, where the chat has threads).
  const threads = sent.map(({ target, result }) =>
    result
      ? {
          channel: result.channel,
          to: result.to,
          thread: result.thread ?? result.id,
          // The follow-up is said in the same language as the message it answers.
          ...(target.lang ? { lang: target.lang } : {}),
        }
      : target,
  );
  let aiFollowup: number | undefined;
  if (retryAfterMs !== undefined && deps.scheduleAiFollowup && threads.length > 0) {
    aiFollowup = followupDelaySeconds(retryAfterMs);
    await deps.scheduleAiFollowup(
      aiFollowupJob(job, report.id, threads, 1, deps.now?.() ?? new Date()),
      aiFollowup,
    );
  }
  return {
    status: 'done',
    reportId: report.id,
    delivered: sent.map(({ key }) => key),
    findings: report.findings.length,
    subject: reportSubject(report),
    ...(aiFollowup ? { aiFollowup } : {}),
    ...(diagnosed ? {} : { diagnosed: false }),
    ...(dedup.unavailable ? { dedupUnavailable: true } : {}),
  };
}

/** The Slack message of a resolved incident a target had, to reopen in place. */
function threadOf(thread: IncidentThread, target: ReplyTarget): MessageRef | undefined {
  const ref = thread.refs.find((r) => r.channel === target.channel && r.to === target.to && r.id);
  if (target.channel !== 'slack' || !ref?.id) return undefined;
  return { channel: 'slack', to: ref.to, id: ref.thread ?? ref.id };
}

/**
 * Where the incident's message went, so later alerts update its thread and the last resolve turns it green.
 * Refs of an earlier delivery of this job (a partial failure) are kept; best effort on the last delivery.
 */
async function recordThread(
  job: DiagnoseAlertJob,
  report: Report,
  sent: { target: ReplyTarget; result: MessageRef | undefined }[],
  earlier: IncidentThread | undefined,
  deps: JobDeps,
  attempt: AttemptInfo,
): Promise<void> {
  if (!deps.incidents || sent.length === 0) return;
  const refs = sent.map(({ target, result }) => ({
    channel: target.channel,
    to: result?.to ?? target.to,
    ...(result?.id ? { id: result.id } : {}),
    ...(result?.thread ? { thread: result.thread } : {}),
    ...(target.lang ? { lang: target.lang } : {}),
  }));
  const kept = (earlier?.refs ?? []).filter(
    (k) => !refs.some((r) => r.channel === k.channel && r.to === k.to),
  );
  const thread: IncidentThread = {
    reportId: report.id,
    title: reportMessage(report).title,
    openedAt: job.alert.startsAt,
    status: 'firing',
    names: [job.alert.name],
    ...(job.alert.severity ? { severity: job.alert.severity } : {}),
    refs: [...kept, ...refs],
    // What a recheck compares its diagnosis with (INCIDENT_RECHECK_SECONDS).
    ...diagnosedCause(report, deps.now?.() ?? new Date()),
  };
  const saving = (async () => {
    await deps.incidents?.saveThread(job.incidentKey, thread, INCIDENT_THREAD_TTL_SECONDS);
    await catchUp(job, thread, deps);
  })();
  // The message went out; an incident without its thread is better than a job failed after sending.
  if (attempt.finalAttempt) await saving.catch(() => undefined);
  else await saving;
}

/** Alert names that joined while the message was being made (ingest had no thread to tell): one line for them. */
async function catchUp(job: DiagnoseAlertJob, thread: IncidentThread, deps: JobDeps): Promise<void> {
  const firing = Object.values((await deps.incidents?.firing(job.incidentKey)) ?? {});
  const fresh = firing.filter(
    (a, i) => !thread.names.includes(a.name) && firing.findIndex((f) => f.name === a.name) === i,
  );
  // Ingest decides what is new from the thread alone, so it records every name and the highest severity that fired
  // while the message was made, even one not worth a line (a known name at a higher severity).
  const severity = [thread.severity, ...firing.map((a) => a.severity)].reduce((a, b) =>
    severityRank(b) > severityRank(a) ? b : a,
  );
  const told = {
    ...thread,
    names: [...thread.names, ...fresh.map((a) => a.name)],
    ...(severity ? { severity } : {}),
  };
  if (fresh.length === 0 || !deps.say) {
    if (fresh.length > 0 || severity !== thread.severity)
      await deps.incidents?.saveThread(job.incidentKey, told, INCIDENT_THREAD_TTL_SECONDS);
    return;
  }
  const escalated = fresh.filter((a) => severityRank(a.severity) > severityRank(thread.severity));
  const update: IncidentUpdateJob = {
    ...incidentUpdateBase(job),
    change: escalated.length > 0 ? 'escalation' : 'alert',
    alerts: (escalated.length > 0 ? escalated : fresh).slice(0, 20),
  };
  for (const target of threadTargets(thread, update.change === 'escalation'))
    await deps.say(
      target,
      textMessage(`${job.id}-joined`, changeLine(update, firing.length, thread, lineLocale(target, deps))),
    );
  await deps.incidents?.saveThread(job.incidentKey, told, INCIDENT_THREAD_TTL_SECONDS);
}

const incidentUpdateBase = (job: DiagnoseAlertJob) => ({
  v: 1 as const,
  kind: 'incident-update' as const,
  source: 'alertmanager' as const,
  id: `${job.id}-joined`,
  createdAt: job.createdAt,
  cluster: job.cluster,
  replyTo: [],
  incidentKey: job.incidentKey,
  at: job.alert.startsAt,
});

/** Owners that are owned in turn: a Deployment's ReplicaSet, a CronJob's Job. */
const OWNED_OWNERS = { ReplicaSet: resources.replicaSets, Job: resources.jobs } as const;

/** The top workload that owns a pod, read from the cluster: its controller ownerReferences, followed up. */
export async function podOwner(
  reader: ClusterReader,
  namespace: string,
  pod: string,
): Promise<ObjectRef | undefined> {
  let object: K8sObject | undefined = await reader.get(resources.pods, namespace, pod);
  let owner: ObjectRef | undefined;
  for (let depth = 0; object && depth < 3; depth++) {
    const controller = object.metadata.ownerReferences?.find((ref) => ref.controller);
    if (!controller) break;
    owner = { kind: controller.kind, namespace, name: controller.name };
    const resource = OWNED_OWNERS[controller.kind as keyof typeof OWNED_OWNERS];
    object = resource ? await reader.get(resource, namespace, controller.name) : undefined;
  }
  return owner;
}

/**
 * A pod whose name did not fold opened an incident of its own. When the cluster names its owner and an
 * incident for that owner is already open under another job, this alert joins it and nothing is sent;
 * otherwise the job claims the owner's incident too, so later alerts about the owner join this one.
 */
async function confirmOwner(
  job: DiagnoseAlertJob,
  reader: ClusterReader,
  deps: JobDeps,
): Promise<JobOutcome | undefined> {
  const subject = alertSubject(job.alert.labels);
  if (!deps.incidents || subject.about?.kind !== 'Pod' || !subject.namespace) return undefined;
  const owner = await podOwner(reader, subject.namespace, subject.about.name).catch(() => undefined);
  if (!owner) return undefined;
  const incident = objectIncidentKey(job.cluster, owner);
  if (incident === job.incidentKey) return undefined;
  const window = deps.incidentWindowSeconds ?? DEFAULT_INCIDENT_WINDOW_SECONDS;
  const claim = await deps.incidents.claim(incident, job.id, window);
  if (claim.claimed) return undefined;
  await deps.incidents.join([{ key: incident, alert: joinedAlert(job.alert) }], window);
  return { status: 'grouped', incident, jobId: claim.jobId };
}

export const diagnoseAlert = defineJobKind({
  kind: 'diagnose-alert',
  schema: DiagnoseAlertJob,
  run: runDiagnoseAlertJob,
});
