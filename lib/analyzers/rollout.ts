// RolloutStuck: a Deployment's rollout passed its progress deadline; names the new ReplicaSet and what blocks it.
import type { K8sObject } from '../cluster/index.ts';
import { type AnalysisContext, describeRef, refOf } from '../evidence/index.ts';
import type { Finding, RootCause } from '../report/index.ts';
import { pullCause, pullingContainer } from './image-pull.ts';
import type { Analyzer } from './types.ts';

function newestReplicaSet(context: AnalysisContext, deployment: K8sObject): K8sObject | undefined {
  const revision = (rs: K8sObject) =>
    Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  return context
    .list('replicaSets')
    .filter(
      (rs) =>
        rs.metadata.namespace === deployment.metadata.namespace &&
        rs.metadata.ownerReferences?.some(
          (ref) => ref.kind === 'Deployment' && ref.name === deployment.metadata.name,
        ),
    )
    .sort((a, b) => revision(b) - revision(a))[0];
}

export const rolloutStuck: Analyzer = {
  name: 'rollout',
  reads: { Deployment: ['deployments', 'replicaSets', 'pods', 'events'] },
  analyze(context) {
    const findings: Finding[] = [];
    for (const deployment of context.list('deployments')) {
      const progressing = (deployment.status?.conditions ?? []).find(
        (c: { type: string }) => c.type === 'Progressing',
      );
      if (progressing?.status !== 'False' || progressing.reason !== 'ProgressDeadlineExceeded') continue;
      const ref = refOf(deployment);
      const rs = newestReplicaSet(context, deployment);
      const pods = rs
        ? context
            .list('pods')
            .filter(
              (pod) =>
                pod.metadata.namespace === ref.namespace &&
                pod.metadata.ownerReferences?.some(
                  (o) => o.kind === 'ReplicaSet' && o.name === rs.metadata.name,
                ),
            )
        : [];
      let rootCause: RootCause | undefined;
      const pulling = pods.find((pod) => pullingContainer(pod));
      if (pulling) {
        const cause = pullCause(context, pulling, pullingContainer(pulling)!).rootCause;
        rootCause = { ...cause, detail: `new ReplicaSet ${rs?.metadata.name}: ${cause.detail}` };
      }
      const quota = rs ? context.eventsFor(refOf(rs)).find((e) => e.reason === 'FailedCreate') : undefined;
      if (!rootCause && quota && /exceeded quota/i.test(quota.message)) {
        const name = /exceeded quota: ([\w.-]+)/i.exec(quota.message)?.[1];
        rootCause = {
          code: 'QuotaExceeded',
          ...(name ? { object: { kind: 'ResourceQuota', namespace: ref.namespace!, name } } : {}),
          detail: `new ReplicaSet ${rs?.metadata.name} cannot create pods: ${quota.message.slice(0, 160)}`,
        };
      }
      const status = deployment.status ?? {};
      const image = rs?.spec?.template?.spec?.containers?.map((c: { image: string }) => c.image).join(', ');
      findings.push({
        code: 'RolloutStuck',
        severity: (status.availableReplicas ?? 0) === 0 ? 'critical' : 'warning',
        object: ref,
        owner: ref,
        ...(rootCause ? { rootCause } : {}),
        summary: `The rollout of ${describeRef(ref)} is stuck${rs ? ` on ReplicaSet ${rs.metadata.name}${image ? ` (${image})` : ''}` : ''}${rootCause?.detail ? `: ${rootCause.detail.replace(/^new ReplicaSet [\w.-]+: /, '')}` : ''}.`,
        evidence: [
          `Progressing=False ProgressDeadlineExceeded: ${String(progressing.message ?? '').slice(0, 160)}`,
          `replicas ${deployment.spec?.replicas ?? 1}, updated ${status.updatedReplicas ?? 0}, available ${status.availableReplicas ?? 0}`,
        ],
        suggestions: [
          `kubectl -n ${ref.namespace} rollout status deployment/${ref.name}`,
          `kubectl -n ${ref.namespace} rollout undo deployment/${ref.name} (back to the last good ReplicaSet)`,
        ],
      });
    }
    return findings;
  },
};
