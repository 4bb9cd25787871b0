// Maps an alert's labels to what to diagnose: the most specific object the labels name, in its namespace.
import type { ObjectRef, Scope } from '../report/index.ts';

/** Label → kind, most specific first (kube-state-metrics and kubelet label names). */
const LABELS: [label: string, kind: string, namespaced: boolean][] = [
  ['pod', 'Pod', true],
  ['deployment', 'Deployment', true],
  ['statefulset', 'StatefulSet', true],
  ['daemonset', 'DaemonSet', true],
  ['job_name', 'Job', true],
  ['cronjob', 'CronJob', true],
  ['persistentvolumeclaim', 'PersistentVolumeClaim', true],
  ['horizontalpodautoscaler', 'HorizontalPodAutoscaler', true],
  ['ingress', 'Ingress', true],
  ['service', 'Service', true],
  ['node', 'Node', false],
  // `job` is usually Prometheus's scrape job; read it as a Job only when nothing more specific is there.
  ['job', 'Job', true],
];

const MONITORING_SERVICE = /kube-state-metrics|prometheus|node-exporter|kubelet|alertmanager/;
const SCRAPE_JOBS =
  /^(kube-state-metrics|kubelet|node-exporter|apiserver|prometheus|alertmanager|kubernetes-.*|cadvisor)$/;

export function scopeFromAlert(labels: Record<string, string>): Scope {
  const namespace = labels.namespace || labels.exported_namespace || undefined;
  for (const [label, kind, namespaced] of LABELS) {
    const name = labels[label];
    if (!name) continue;
    if (label === 'job' && (SCRAPE_JOBS.test(name) || !namespace)) continue;
    // kube-prometheus adds the scrape target's Service (kube-state-metrics…) as `service`: not the object.
    if (label === 'service' && (MONITORING_SERVICE.test(name) || name === labels.job)) continue;
    if (namespaced && !namespace) continue;
    const object: ObjectRef = { kind, ...(namespaced && namespace ? { namespace } : {}), name };
    return { kind: 'alert', ...(namespace ? { namespace } : {}), object };
  }
  return namespace ? { kind: 'alert', namespace } : { kind: 'cluster' };
}

/** What to diagnose: the alert's object when there is an alert, else the namespace, else the whole cluster. */
export function scopeFor(options: {
  alertLabels?: Record<string, string> | undefined;
  namespace?: string | undefined;
}): Scope {
  if (options.alertLabels) return scopeFromAlert(options.alertLabels);
  return options.namespace ? { kind: 'namespace', namespace: options.namespace } : { kind: 'cluster' };
}
