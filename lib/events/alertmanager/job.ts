// From an Alertmanager alert to a diagnose-alert Job: the dedup id and the incident it belongs to.
import type { DiagnoseAlertJob, IncidentUpdateJob, ReplyTarget } from '../../jobs/index.ts';
import { boundedSet, boundedText } from './bounds.ts';
import type { AlertmanagerAlert } from './payload.ts';
import { alertSubject, SUBJECT_LABELS, subjectKey } from './subject.ts';

/** The annotations a message quotes: kept first when a job must leave some out. */
const QUOTED_ANNOTATIONS = ['summary', 'description', 'message', 'runbook_url'] as const;

/**
 * What an alert groups under (see alertSubject): the named workload, `Workload` for a pod name folded to its
 * owner, the pod when its name does not fold, or the other object the labels name.
 */
export function alertWorkload(labels: Record<string, string>): { kind: string; name: string } | undefined {
  return alertSubject(labels).about;
}

/** `<cluster>/<namespace>/<subject>`: alerts about one workload, whatever their label shape, share it. */
export function incidentKey(cluster: string, labels: Record<string, string>): string {
  return `${cluster}/${alertSubject(labels).key}`;
}

/** The incident key of an object the cluster named (a pod's owner), in the same form as incidentKey's. */
export function objectIncidentKey(
  cluster: string,
  object: { kind: string; namespace?: string; name: string },
) {
  return `${cluster}/${subjectKey(object.namespace, object)}`;
}

/** Alertmanager's fingerprint + startsAt: the same firing of the same alert always gets the same id. */
export function alertJobId(alert: AlertmanagerAlert): string {
  return `am-${alert.fingerprint}-${Math.floor(Date.parse(alert.startsAt) / 1000)}`;
}

/**
 * The job of one alert, always small enough for the job route (about 50 KiB at most, see bounds.ts): the labels
 * and annotations bounded, and everything derived from the labels derived from the bounded ones.
 */
export function diagnoseAlertJob(
  alert: AlertmanagerAlert,
  options: { defaultCluster: string; replyTo: ReplyTarget[]; now: Date },
): DiagnoseAlertJob {
  const labels = boundedSet(alert.labels, { first: SUBJECT_LABELS });
  const annotations = boundedSet(alert.annotations, { first: QUOTED_ANNOTATIONS });
  const cluster = labels.cluster ?? options.defaultCluster;
  return {
    v: 1,
    kind: 'diagnose-alert',
    source: 'alertmanager',
    id: alertJobId(alert),
    createdAt: options.now.toISOString(),
    cluster,
    replyTo: options.replyTo,
    incidentKey: incidentKey(cluster, labels),
    ...(labels.namespace ? { namespace: labels.namespace } : {}),
    alert: {
      name: labels.alertname ?? 'unknown',
      status: alert.status,
      ...(labels.severity ? { severity: labels.severity } : {}),
      labels,
      annotations,
      startsAt: alert.startsAt,
      fingerprint: alert.fingerprint,
      ...(alert.generatorURL ? { generatorURL: boundedText(alert.generatorURL) } : {}),
    },
  };
}

/** A short, stable hash of text (FNV-1a, 32 bits): an incident key, which holds `/`, as part of a job id. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/**
 * The job that tells an incident's thread of a material change. Its id is the incident, the alert that caused it
 * and that alert's status and time, so Alertmanager's retry or QStash's redelivery posts it once.
 */
export function incidentUpdateJob(
  change: Pick<IncidentUpdateJob, 'incidentKey' | 'cluster' | 'change' | 'alerts'>,
  cause: AlertmanagerAlert,
  now: Date,
): IncidentUpdateJob {
  const at = cause.status === 'resolved' && cause.endsAt ? cause.endsAt : cause.startsAt;
  const seconds = Math.floor(Date.parse(at) / 1000);
  return {
    v: 1,
    kind: 'incident-update',
    source: 'alertmanager',
    id: `iu-${shortHash(change.incidentKey)}-${cause.fingerprint}-${cause.status}-${Number.isNaN(seconds) ? 0 : seconds}`,
    createdAt: now.toISOString(),
    cluster: change.cluster,
    replyTo: [],
    incidentKey: change.incidentKey,
    change: change.change,
    alerts: change.alerts.slice(0, 20),
    at: Number.isNaN(Date.parse(at)) ? now.toISOString() : at,
  };
}

/**
 * The job that diagnoses a long-firing incident again (INCIDENT_RECHECK_SECONDS), by one of its firing alerts. Its
 * id is the incident and the recheck interval it falls in, so every webhook of that interval asks for it once.
 */
export function incidentRecheckJob(
  alertJob: DiagnoseAlertJob,
  recheckSeconds: number,
  now: Date,
): IncidentUpdateJob {
  const slot = Math.floor(now.getTime() / 1000 / recheckSeconds);
  return {
    v: 1,
    kind: 'incident-update',
    source: 'alertmanager',
    id: `ir-${shortHash(alertJob.incidentKey)}-${slot}`,
    createdAt: now.toISOString(),
    cluster: alertJob.cluster,
    replyTo: [],
    incidentKey: alertJob.incidentKey,
    change: 'recheck',
    alerts: [
      {
        name: alertJob.alert.name,
        ...(alertJob.alert.severity ? { severity: alertJob.alert.severity } : {}),
      },
    ],
    at: now.toISOString(),
    alert: alertJob.alert,
  };
}
