// ArgoSyncFailed / ArgoDegraded: an Argo CD Application failed to sync, or is Degraded/Missing.
import type { K8sObject } from '../cluster/index.ts';
import { type AnalysisContext, refOf } from '../evidence/index.ts';
import type { Finding, RootCause } from '../report/index.ts';
import type { Analyzer } from './types.ts';

/** The first unhealthy resource the Application lists, as a root-cause pointer. */
function unhealthyResource(context: AnalysisContext, app: K8sObject): RootCause | undefined {
  const resources: {
    kind: string;
    name: string;
    namespace?: string;
    health?: { status?: string; message?: string };
  }[] = app.status?.resources ?? [];
  const bad = resources.find((r) => r.health && ['Degraded', 'Missing'].includes(r.health.status ?? ''));
  if (!bad) return undefined;
  const namespace = bad.namespace ?? app.spec?.destination?.namespace;
  const exists = context.find(bad.kind, namespace, bad.name);
  return {
    code: bad.health?.status === 'Missing' || !exists ? 'MissingConfig' : 'WorkloadUnavailable',
    object: { kind: bad.kind, ...(namespace ? { namespace } : {}), name: bad.name },
    detail: `${bad.kind} ${bad.name} is ${bad.health?.status}${bad.health?.message ? `: ${bad.health.message.slice(0, 120)}` : ''}`,
  };
}

export const argoApplications: Analyzer = {
  name: 'argo',
  reads: { Application: ['applications'] },
  analyze(context) {
    const findings: Finding[] = [];
    for (const app of context.list('applications')) {
      const ref = refOf(app);
      const operation = app.status?.operationState;
      if (operation && ['Failed', 'Error'].includes(operation.phase)) {
        const failed = (operation.syncResult?.resources ?? []).filter(
          (r: { status?: string }) => r.status === 'SyncFailed',
        ) as { kind: string; name: string; namespace?: string; message?: string }[];
        const first = failed[0];
        findings.push({
          code: 'ArgoSyncFailed',
          severity: 'critical',
          object: ref,
          ...(first
            ? {
                rootCause: {
                  code: 'MissingConfig' as const,
                  object: {
                    kind: first.kind,
                    ...(first.namespace ? { namespace: first.namespace } : {}),
                    name: first.name,
                  },
                  detail: `${first.kind} ${first.name}: ${String(first.message ?? '').slice(0, 160)}`,
                },
              }
            : {}),
          summary: `Argo CD Application ${ref.name} failed to sync${operation.syncResult?.revision ? ` revision ${String(operation.syncResult.revision).slice(0, 7)}` : ''}: ${String(first?.message ?? operation.message ?? '').slice(0, 160)}.`,
          evidence: [
            `operationState.phase ${operation.phase}: ${String(operation.message ?? '').slice(0, 160)}`,
            ...failed
              .slice(0, 3)
              .map((r) => `SyncFailed ${r.kind} ${r.name}: ${String(r.message ?? '').slice(0, 120)}`),
          ],
          suggestions: [
            `argocd app get ${ref.name}`,
            `argocd app sync ${ref.name} after fixing the manifest`,
          ],
        });
        continue;
      }
      const health = app.status?.health?.status;
      if (health === 'Degraded' || health === 'Missing') {
        const rootCause = unhealthyResource(context, app);
        findings.push({
          code: 'ArgoDegraded',
          severity: 'critical',
          object: ref,
          ...(rootCause ? { rootCause } : {}),
          summary: `Argo CD Application ${ref.name} is ${health}${rootCause ? `: ${rootCause.detail}` : ''}.`,
          evidence: [
            `health ${health}${app.status?.health?.message ? `: ${app.status.health.message}` : ''}`,
            `sync ${app.status?.sync?.status ?? '?'}`,
          ],
          suggestions: [
            `argocd app get ${ref.name}`,
            ...(rootCause?.object
              ? [
                  `kubectl -n ${rootCause.object.namespace} describe ${rootCause.object.kind.toLowerCase()} ${rootCause.object.name}`,
                ]
              : []),
          ],
        });
      }
    }
    return findings;
  },
};
