// What an alert is about, from its labels: the object to diagnose, the subject it groups under (pods folded to
// their workload by Kubernetes' naming rules) and the incident key both come from here, and only from here.
import { foldName } from '../../cluster/index.ts';

export interface NamedObject {
  kind: string;
  name: string;
  namespace?: string;
}

/**
 * Labels that name an object, most specific first (kube-state-metrics, kubelet and blackbox label names).
 * `workload`: the kind runs pods, so alerts about it and about its pods are one incident.
 */
const objectLabels = [
  { label: 'pod', kind: 'Pod', namespaced: true, workload: true },
  { label: 'deployment', kind: 'Deployment', namespaced: true, workload: true },
  { label: 'statefulset', kind: 'StatefulSet', namespaced: true, workload: true },
  { label: 'daemonset', kind: 'DaemonSet', namespaced: true, workload: true },
  { label: 'replicaset', kind: 'ReplicaSet', namespaced: true, workload: true },
  { label: 'job_name', kind: 'Job', namespaced: true, workload: true },
  { label: 'cronjob', kind: 'CronJob', namespaced: true, workload: true },
  { label: 'persistentvolumeclaim', kind: 'PersistentVolumeClaim', namespaced: true, workload: false },
  { label: 'horizontalpodautoscaler', kind: 'HorizontalPodAutoscaler', namespaced: true, workload: false },
  { label: 'ingress', kind: 'Ingress', namespaced: true, workload: false },
  { label: 'resourcequota', kind: 'ResourceQuota', namespaced: true, workload: false },
  // Only an alert's own subject when it is not the scrape target's (see exporterService).
  { label: 'service', kind: 'Service', namespaced: true, workload: false },
  // kube-prometheus puts the node a pod runs on beside the pod: the pod, when there is one, decides.
  { label: 'node', kind: 'Node', namespaced: false, workload: false },
] as const;
// Never a subject: `job`, `instance`, `container`, `endpoint` name the scrape target (the exporter), not the object.

/** Every label what an alert is about is read from: a job keeps these first when it must leave some out. */
export const SUBJECT_LABELS = [
  'alertname',
  'severity',
  'cluster',
  'namespace',
  'exported_namespace',
  ...objectLabels.map((o) => o.label),
  'job',
] as const;

const workloadKinds = new Set<string>(objectLabels.filter((o) => o.workload).map((o) => o.kind));

/** Services of the monitoring stack itself: on an alert they are the exporter that reported it. */
const MONITORING = /kube-state-metrics|node-exporter|prometheus|kubelet|alertmanager/;
/** Exporters whose metrics describe other objects (their own pod on an alert is never what it is about). */
const EXPORTERS = /kube-state-metrics|node-exporter/;
const SCRAPE_JOBS =
  /^(kube-state-metrics|kubelet|node-exporter|apiserver|prometheus|alertmanager|kubernetes-.*|cadvisor)$/;

/** `service` is the scrape target kube-prometheus adds (kube-state-metrics…), not the alert's object. */
function exporterService(labels: Record<string, string>): boolean {
  const service = labels.service ?? '';
  const job = labels.job ?? '';
  return MONITORING.test(service) || service === job || SCRAPE_JOBS.test(job);
}

/** The exporter's own pod, added as a target label when the metric names none (KubeQuotaExceeded…). */
function exporterPod(labels: Record<string, string>): boolean {
  const { pod, service } = labels;
  return !!pod && !!service && EXPORTERS.test(service) && pod.startsWith(`${service}-`);
}

export interface AlertSubject {
  namespace?: string;
  /** The most specific object the labels name, in its namespace: what the diagnosis looks at. */
  object?: NamedObject;
  /**
   * What the alert groups under: the named workload, `Workload` when folded from a pod name, the pod when its
   * name does not fold, or the other object (PVC, quota, node, …). Undefined when the labels name nothing.
   */
  about?: { kind: string; name: string };
  /** `<namespace>/<Kind>/<name>` (`Workload/<name>` for every workload), else `<namespace>/alert/<alertname>`. */
  key: string;
}

/** The labels that may name the subject: the exporter's own service and pod are dropped. */
function subjectLabels(labels: Record<string, string>): Record<string, string> {
  const kept = { ...labels };
  if (exporterPod(labels)) delete kept.pod;
  if (exporterService(labels)) delete kept.service;
  return kept;
}

export function alertSubject(labels: Record<string, string>): AlertSubject {
  const kept = subjectLabels(labels);
  const namespace = labels.namespace || labels.exported_namespace || undefined;
  const found = objectLabels.find(({ label }) => kept[label]);
  const about = found && aboutOf(found.kind, kept[found.label] as string, kept);
  const object = objectLabels
    .filter(({ namespaced }) => !namespaced || namespace)
    .find(({ label }) => kept[label]);
  return {
    ...(namespace ? { namespace } : {}),
    ...(object
      ? {
          object: {
            kind: object.kind,
            ...(object.namespaced && namespace ? { namespace } : {}),
            name: kept[object.label] as string,
          },
        }
      : {}),
    ...(about ? { about } : {}),
    key: about ? subjectKey(namespace, about) : `${namespace ?? '_'}/alert/${labels.alertname ?? 'unknown'}`,
  };
}

/** A pod alert is about its workload: the owner label when the alert carries one, else the folded pod name. */
function aboutOf(kind: string, name: string, labels: Record<string, string>): { kind: string; name: string } {
  if (kind !== 'Pod') return { kind, name };
  const owner = objectLabels.find((o) => o.workload && o.kind !== 'Pod' && labels[o.label]);
  if (owner) return { kind: owner.kind, name: labels[owner.label] as string };
  const folded = foldName('Pod', name);
  return folded ? { kind: 'Workload', name: folded.name } : { kind: 'Pod', name };
}

/** The grouping key of an object: every workload kind (and a folded pod) shares `Workload/<name>`. */
export function subjectKey(namespace: string | undefined, object: { kind: string; name: string }): string {
  const kind = workloadKinds.has(object.kind) && object.kind !== 'Pod' ? 'Workload' : object.kind;
  const name =
    object.kind === 'ReplicaSet' ? (foldName('ReplicaSet', object.name)?.name ?? object.name) : object.name;
  return `${namespace ?? '_'}/${kind}/${name}`;
}
