// ServiceNoEndpoints: a Service with a selector but no ready endpoint, and why (selector, readiness, scale).
import { describeRef, explainNoEndpoints, refOf } from '../evidence/index.ts';
import type { Finding } from '../report/index.ts';
import type { Analyzer } from './types.ts';

export const serviceNoEndpoints: Analyzer = {
  name: 'service-endpoints',
  reads: { Service: ['services', 'endpoints', 'pods', 'deployments', 'statefulSets'] },
  analyze(context) {
    const findings: Finding[] = [];
    for (const service of context.list('services')) {
      const why = explainNoEndpoints(context, service);
      if (!why) continue;
      const ref = refOf(service);
      const ns = service.metadata.namespace;
      const scaledToZero = why.rootCause.code === 'WorkloadUnavailable';
      findings.push({
        code: 'ServiceNoEndpoints',
        // A deliberately scaled-down backend is worth knowing, not worth paging for.
        severity: scaledToZero ? 'warning' : 'critical',
        object: ref,
        rootCause: why.rootCause,
        summary: `${describeRef(ref)} has no ready endpoints: ${why.rootCause.detail}.`,
        evidence: why.evidence,
        suggestions:
          why.rootCause.code === 'SelectorMismatch'
            ? [
                `kubectl -n ${ns} get pods --show-labels`,
                `fix the Service selector or the pod template labels so they agree`,
              ]
            : scaledToZero
              ? [
                  `kubectl -n ${ns} scale ${why.rootCause.object?.kind.toLowerCase()} ${why.rootCause.object?.name} --replicas=1 (if it should be running)`,
                ]
              : [
                  `kubectl -n ${ns} get endpoints ${service.metadata.name}`,
                  `kubectl -n ${ns} describe pods -l ${Object.entries(service.spec?.selector ?? {})
                    .map(([k, v]) => `${k}=${v}`)
                    .join(',')}`,
                ],
      });
    }
    return findings;
  },
};
