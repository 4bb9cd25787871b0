// From an Alertmanager alert to a diagnose-alert Job: the dedup id and the incident it belongs to.
import type { DiagnoseAlertJob, ReplyTarget } from '../../jobs/index.ts';
import type { AlertmanagerAlert } from './payload.ts';
import { alertSubject, subjectKey } from './subject.ts';

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

export function diagnoseAlertJob(
  alert: AlertmanagerAlert,
  options: { defaultCluster: string; replyTo: ReplyTarget[]; now: Date },
): DiagnoseAlertJob {
  const cluster = alert.labels.cluster ?? options.defaultCluster;
  return {
    v: 1,
    kind: 'diagnose-alert',
    source: 'alertmanager',
    id: alertJobId(alert),
    createdAt: options.now.toISOString(),
    cluster,
    replyTo: options.replyTo,
    incidentKey: incidentKey(cluster, alert.labels),
    ...(alert.labels.namespace ? { namespace: alert.labels.namespace } : {}),
    alert: {
      name: alert.labels.alertname ?? 'unknown',
      status: alert.status,
      ...(alert.labels.severity ? { severity: alert.labels.severity } : {}),
      labels: alert.labels,
      annotations: alert.annotations,
      startsAt: alert.startsAt,
      fingerprint: alert.fingerprint,
      ...(alert.generatorURL ? { generatorURL: alert.generatorURL } : {}),
    },
  };
}
