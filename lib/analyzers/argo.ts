// ArgoSyncFailed / ArgoDegraded: an Argo CD Application failed to sync, is Degraded/Missing, or drifted; the
// classifier (lib/argocd) names the resource, the field and the fix.
import { argoFinding, classify, stateOfApplication } from '../argocd/index.ts';
import type { K8sObject } from '../cluster/index.ts';
import type { AnalysisContext } from '../evidence/index.ts';
import type { Finding, RootCause } from '../report/index.ts';
import { said } from './texts.ts';
import type { Analyzer } from './types.ts';

/** The first unhealthy resource the Application lists, as a root-cause pointer (absent: config to add). */
function unhealthyResource(context: AnalysisContext, app: K8sObject): RootCause | undefined {
  const state = stateOfApplication(app);
  const bad = state.tracked.find((r) => ['Degraded', 'Missing'].includes(r.health?.status ?? ''));
  if (!bad) return undefined;
  const namespace = bad.namespace ?? state.destinationNamespace;
  const exists = context.find(bad.kind, namespace, bad.name);
  return {
    code: bad.health?.status === 'Missing' || !exists ? 'MissingConfig' : 'WorkloadUnavailable',
    object: { kind: bad.kind, ...(namespace ? { namespace } : {}), name: bad.name },
    ...said({
      key: 'cluster.argoResourceHealth',
      params: {
        kind: bad.kind,
        name: bad.name,
        status: String(bad.health?.status),
        message: bad.health?.message ? bad.health.message.slice(0, 120) : 'none',
      },
    }),
  };
}

export const argoApplications: Analyzer = {
  name: 'argo',
  reads: { Application: ['applications'] },
  analyze(context) {
    const findings: Finding[] = [];
    for (const app of context.list('applications')) {
      const state = stateOfApplication(app);
      const causes = classify(state);
      const degraded = causes[0]?.class === 'degraded' ? unhealthyResource(context, app) : undefined;
      // Drift alone is the diagnose-argo job's to report: a scan should not flag every app someone kubectl-edited.
      const finding = argoFinding(state, causes, degraded ? { rootCause: degraded } : {});
      if (finding && finding.severity === 'critical') findings.push(finding);
    }
    return findings;
  },
};
