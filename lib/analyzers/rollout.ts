// RolloutStuck: a Deployment's rollout passed its progress deadline; names the new ReplicaSet and what blocks it.
import type { K8sObject } from '../cluster/index.ts';
import { type AnalysisContext, describeRef, refOf } from '../evidence/index.ts';
import { type ListItem, render, type Text, verbatim } from '../i18n/index.ts';
import type { Finding, RootCause } from '../report/index.ts';
import { pullCause, pullingContainer } from './image-pull.ts';
import { said, sentences } from './texts.ts';
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
      // What blocks the new ReplicaSet, said without it (the headline names it already).
      let blocked: ListItem | undefined;
      const pulling = pods.find((pod) => pullingContainer(pod));
      if (pulling) {
        const cause = pullCause(context, pulling, pullingContainer(pulling)!).rootCause;
        blocked =
          cause.detailText && render(cause.detailText, 'en') === cause.detail
            ? cause.detailText
            : (cause.detail ?? '');
        rootCause = {
          ...cause,
          ...said({
            key: 'cluster.newReplicaSet',
            params: { rs: String(rs?.metadata.name), detail: blocked },
          }),
        };
      }
      const quota = rs ? context.eventsFor(refOf(rs)).find((e) => e.reason === 'FailedCreate') : undefined;
      if (!rootCause && quota && /exceeded quota/i.test(quota.message)) {
        const name = /exceeded quota: ([\w.-]+)/i.exec(quota.message)?.[1];
        const detail: Text = {
          key: 'cluster.newReplicaSetCannotCreate',
          params: { rs: String(rs?.metadata.name), message: quota.message.slice(0, 160) },
        };
        blocked = detail;
        rootCause = {
          code: 'QuotaExceeded',
          ...(name ? { object: { kind: 'ResourceQuota', namespace: ref.namespace!, name } } : {}),
          ...said(detail),
        };
      }
      const status = deployment.status ?? {};
      const image = rs?.spec?.template?.spec?.containers?.map((c: { image: string }) => c.image).join(', ');
      const summary: Text = {
        key: 'cluster.rolloutStuck',
        params: {
          deployment: describeRef(ref),
          rs: rs?.metadata.name ?? 'none',
          image: image || 'none',
          cause: rootCause?.detail ? (blocked ?? 'none') : 'none',
        },
      };
      const evidence: Text[] = [
        verbatim(
          `Progressing=False ProgressDeadlineExceeded: ${String(progressing.message ?? '').slice(0, 160)}`,
        ),
        {
          key: 'cluster.replicaCounts',
          params: {
            replicas: String(deployment.spec?.replicas ?? 1),
            updated: String(status.updatedReplicas ?? 0),
            available: String(status.availableReplicas ?? 0),
          },
        },
      ];
      const suggestions: Text[] = [
        verbatim(`kubectl -n ${ref.namespace} rollout status deployment/${ref.name}`),
        {
          key: 'cluster.rollbackCommand',
          params: { command: `kubectl -n ${ref.namespace} rollout undo deployment/${ref.name}` },
        },
      ];
      findings.push({
        code: 'RolloutStuck',
        severity: (status.availableReplicas ?? 0) === 0 ? 'critical' : 'warning',
        object: ref,
        owner: ref,
        ...(rootCause ? { rootCause } : {}),
        ...sentences(summary, evidence, suggestions),
      });
    }
    return findings;
  },
};
