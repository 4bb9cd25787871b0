// WorkloadUnavailable: a Deployment/StatefulSet/DaemonSet has fewer ready replicas than desired (not while a
// normal rollout is still within its deadline, not when deliberately scaled to zero).
import type { K8sObject } from '../cluster/index.ts';
import { describeRef, ownerReads, refOf } from '../evidence/index.ts';
import type { Finding } from '../report/index.ts';
import type { Analyzer } from './types.ts';

function counts(workload: K8sObject): { desired: number; ready: number } {
  const status = workload.status ?? {};
  if (workload.kind === 'DaemonSet')
    return { desired: status.desiredNumberScheduled ?? 0, ready: status.numberReady ?? 0 };
  return { desired: workload.spec?.replicas ?? 1, ready: status.readyReplicas ?? 0 };
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
      findings.push({
        code: 'WorkloadUnavailable',
        severity: ready === 0 ? 'critical' : 'warning',
        object: ref,
        owner: ref,
        summary: `${describeRef(ref)} has ${ready}/${desired} ready replicas.`,
        evidence: [`${ref.kind} ${ref.name}: desired ${desired}, ready ${ready}`],
        suggestions: [`kubectl -n ${ref.namespace} describe ${ref.kind.toLowerCase()} ${ref.name}`],
      });
    }
    return findings;
  },
};
