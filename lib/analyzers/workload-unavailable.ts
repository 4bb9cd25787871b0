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
import type { Finding } from '../report/index.ts';
import type { Analyzer } from './types.ts';

function counts(workload: K8sObject): { desired: number; ready: number } {
  const status = workload.status ?? {};
  if (workload.kind === 'DaemonSet')
    return { desired: status.desiredNumberScheduled ?? 0, ready: status.numberReady ?? 0 };
  return { desired: workload.spec?.replicas ?? 1, ready: status.readyReplicas ?? 0 };
}

/** The replicas that are not ready, each with what holds it and for how long: `kafka-2 ContainerCreating for 30 min`. */
function stuckReplicas(context: AnalysisContext, workload: K8sObject): string[] {
  return context
    .podsOf(refOf(workload))
    .filter((pod) => !isReady(pod))
    .map((pod) => {
      const waiting = containerStatuses(pod).find((status) => status.state?.waiting)?.state?.waiting?.reason;
      const ready = (pod.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
      // Since it last became not ready, else since it was created.
      const since = ready?.lastTransitionTime ?? pod.metadata.creationTimestamp;
      const held = waiting ?? pod.status?.phase ?? 'not ready';
      return `${pod.metadata.name} ${held}${since ? ` for ${duration(context.age(since))}` : ''}`;
    })
    .sort();
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
      const named = ready > 0 && stuck.length > 0 ? `: ${stuck.slice(0, 3).join(', ')}` : '';
      findings.push({
        code: 'WorkloadUnavailable',
        severity: ready === 0 ? 'critical' : 'warning',
        object: ref,
        owner: ref,
        summary: `${describeRef(ref)} has ${ready}/${desired} ready replicas${named}.`,
        // The replicas go in the evidence only when the sentence does not already name them.
        evidence: [
          `${ref.kind} ${ref.name}: desired ${desired}, ready ${ready}`,
          ...(named ? [] : stuck.slice(0, 3)),
        ],
        suggestions: [`kubectl -n ${ref.namespace} describe ${ref.kind.toLowerCase()} ${ref.name}`],
      });
    }
    return findings;
  },
};
