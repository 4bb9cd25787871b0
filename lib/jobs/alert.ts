// From an Alertmanager alert to a diagnose-alert Job: the dedup id and the incident it belongs to.
import type { AlertmanagerAlert } from '../events/index.ts';
import type { DiagnoseAlertJob, ReplyTarget } from './schema.ts';

/** Workload labels of kube-state-metrics alerts, most specific owner first. */
const workloadLabels = [
  ['deployment', 'Deployment'],
  ['statefulset', 'StatefulSet'],
  ['daemonset', 'DaemonSet'],
  ['cronjob', 'CronJob'],
  ['job_name', 'Job'],
  ['horizontalpodautoscaler', 'HorizontalPodAutoscaler'],
  ['persistentvolumeclaim', 'PersistentVolumeClaim'],
  ['ingress', 'Ingress'],
] as const;

/**
 * Labels that name the subject only when no pod is named: on pod alerts kube-prometheus sets `service`,
 * `instance` and often `node` to the exporter that reported it (e.g. the kube-state-metrics Service).
 */
const fallbackLabels = [
  ['node', 'Node'],
  ['service', 'Service'],
] as const;

/** Kubernetes' random name suffixes and pod-template hashes use this vowel-free alphabet (rand.SafeEncodeString). */
const SAFE = '[bcdfghjklmnpqrstvwxz2456789]';

/**
 * The workload an alert is about. Pod names are folded to their owner by Kubernetes' naming rules
 * (Deployment `name-<hash>-<5>`, StatefulSet `name-<ordinal>`, DaemonSet/Job `name-<5>`), so a storm of
 * per-pod alerts becomes one incident.
 */
export function alertWorkload(labels: Record<string, string>): { kind: string; name: string } | undefined {
  for (const [label, kind] of workloadLabels) {
    const name = labels[label];
    if (name) return { kind, name };
  }
  const pod = labels.pod;
  if (!pod) {
    for (const [label, kind] of fallbackLabels) {
      const name = labels[label];
      if (name) return { kind, name };
    }
    return undefined;
  }
  const deployment = new RegExp(`^(.+)-${SAFE}{6,10}-${SAFE}{5}$`).exec(pod);
  if (deployment?.[1]) return { kind: 'Workload', name: deployment[1] };
  const ordinal = /^(.+)-\d+$/.exec(pod);
  if (ordinal?.[1]) return { kind: 'Workload', name: ordinal[1] };
  const generated = new RegExp(`^(.+)-${SAFE}{5}$`).exec(pod);
  if (generated?.[1]) return { kind: 'Workload', name: generated[1] };
  return { kind: 'Pod', name: pod };
}

export function incidentKey(cluster: string, labels: Record<string, string>): string {
  const namespace = labels.namespace ?? '_';
  const workload = alertWorkload(labels);
  const subject = workload ? `${workload.kind}/${workload.name}` : `alert/${labels.alertname ?? 'unknown'}`;
  return `${cluster}/${namespace}/${subject}`;
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
