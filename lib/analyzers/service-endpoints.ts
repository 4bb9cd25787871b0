// ServiceNoEndpoints: a Service with a selector but no ready endpoint, and why (selector, readiness, scale).
import { describeRef, explainNoEndpoints, refOf } from '../evidence/index.ts';
import { render, type Text, verbatim } from '../i18n/index.ts';
import type { Finding } from '../report/index.ts';
import { kept } from './texts.ts';
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
      const summary: Text = {
        key: 'cluster.serviceNoEndpoints',
        params: {
          service: describeRef(ref),
          cause: kept(why.rootCause.detailText, String(why.rootCause.detail)),
        },
      };
      const suggestions: Text[] =
        why.rootCause.code === 'SelectorMismatch'
          ? [verbatim(`kubectl -n ${ns} get pods --show-labels`), { key: 'cluster.fixSelector' }]
          : scaledToZero
            ? [
                {
                  key: 'cluster.scaleIfRunning',
                  params: {
                    command: `kubectl -n ${ns} scale ${why.rootCause.object?.kind.toLowerCase()} ${why.rootCause.object?.name} --replicas=1`,
                  },
                },
              ]
            : [
                verbatim(`kubectl -n ${ns} get endpoints ${service.metadata.name}`),
                verbatim(
                  `kubectl -n ${ns} describe pods -l ${Object.entries(service.spec?.selector ?? {})
                    .map(([k, v]) => `${k}=${v}`)
                    .join(',')}`,
                ),
              ];
      findings.push({
        code: 'ServiceNoEndpoints',
        // A deliberately scaled-down backend is worth knowing, not worth paging for.
        severity: scaledToZero ? 'warning' : 'critical',
        object: ref,
        rootCause: why.rootCause,
        summary: render(summary, 'en'),
        summaryText: summary,
        // The evidence is the shared builder's (lib/evidence/correlate.ts): as it says it.
        evidence: why.evidence,
        suggestions: suggestions.map((text) => render(text, 'en')),
        suggestionTexts: suggestions,
      });
    }
    return findings;
  },
};
