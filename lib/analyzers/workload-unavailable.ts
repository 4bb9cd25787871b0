// WorkloadUnavailable: a Deployment/StatefulSet/DaemonSet has fewer ready replicas than desired (not while a
// normal rollout is still within its deadline, not when deliberately scaled to zero).
import type { K8sObject } from '../cluster/index.ts';
import {
  type AnalysisContext,
  containerStatuses,
  describeRef,
  duration,
  isReady,
  ownerReads,
  refOf,
} from '../evidence/index.ts';
import { listText, type Text, verbatim } from '../i18n/index.ts';
import type { Finding } from '../report/index.ts';
import { sentences } from './texts.ts';
import type { Analyzer } from './types.ts';

function counts(workload: K8sObject): { desired: number; ready: number } {
  const status = workload.status ?? {};
  if (workload.kind === 'DaemonSet')
    return { desired: status.desiredNumberScheduled ?? 0, ready: status.numberReady ?? 0 };
  return { desired: workload.spec?.replicas ?? 1, ready: status.readyReplicas ?? 0 };
}

/** The replicas that are not ready, each with what holds it and for how long: `kafka-2 ContainerCreating for 30 min`. */
function stuckReplicas(context: AnalysisContext, workload: K8sObject): Text[] {
  return context
    .podsOf(refOf(workload))
    .filter((pod) => !isReady(pod))
    .map((pod) => {
      const waiting = containerStatuses(pod).find((status) => status.state?.waiting)?.state?.waiting?.reason;
      const ready = (pod.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
      // Since it last became not ready, else since it was created.
      const since = ready?.lastTransitionTime ?? pod.metadata.creationTimestamp;
      const held = waiting ?? pod.status?.phase ?? 'none';
      return {
        key: 'cluster.replicaHeld' as const,
        params: {
          pod: pod.metadata.name,
          held,
          since: since ? duration(context.age(since)) : 'none',
        },
      };
    })
    .sort((a, b) => (String(a.params.pod) < String(b.params.pod) ? -1 : 1));
}

function condition(workload: K8sObject, type: string) {
  return (workload.status?.conditions ?? []).find((c: { type: string }) => c.type === type);
}

export const workloadUnavailable: Analyzer = {
  name: 'workload-unavailable',
  reads: { Deployment: ['deployments'], StatefulSet: ['statefulSets'], DaemonSet: ['daemonSets'] },
  followUps: ownerReads, // a DaemonSet's pods, when the first read had no DaemonSets
  analyze(context) {
    const findings: Finding[] = [];
    for (const workload of [
      ...context.list('deployments'),
      ...context.list('statefulSets'),
      ...context.list('daemonSets'),
    ]) {
      const { desired, ready } = counts(workload);
      if (desired === 0 || ready >= desired) continue;
      if (workload.kind === 'Deployment') {
        const progressing = condition(workload, 'Progressing');
        const available = condition(workload, 'Available');
        // A rollout in progress, still meeting its availability budget, is normal.
        if (progressing?.status === 'True' && available?.status === 'True') continue;
      }
      // Just created or just changed: give the controller a few minutes.
      if (context.age(workload.metadata.creationTimestamp) < 5 * 60 * 1000) continue;
      const ref = refOf(workload);
      const stuck = stuckReplicas(context, workload);
      // A partly available workload names the replicas that are not (a whole outage names none: all of them are).
      const named = ready > 0 && stuck.length > 0;
      const summary: Text = {
        key: 'cluster.workloadReady',
        params: {
          workload: describeRef(ref),
          ready: String(ready),
          desired: String(desired),
          stuck: named ? listText('cluster.comma', stuck.slice(0, 3)) : 'none',
        },
      };
      // The replicas go in the evidence only when the sentence does not already name them.
      const evidence: Text[] = [
        {
          key: 'cluster.desiredReady',
          params: { kind: ref.kind, name: ref.name, desired: String(desired), ready: String(ready) },
        },
        ...(named ? [] : stuck.slice(0, 3)),
      ];
      findings.push({
        code: 'WorkloadUnavailable',
        severity: ready === 0 ? 'critical' : 'warning',
        object: ref,
        owner: ref,
        ...sentences(summary, evidence, [
          verbatim(`kubectl -n ${ref.namespace} describe ${ref.kind.toLowerCase()} ${ref.name}`),
        ]),
      });
    }
    return findings;
  },
};
