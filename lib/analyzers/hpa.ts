// HPAAtLimit: an autoscaler is pinned at maxReplicas, or cannot read the metrics it scales on.
import { describeRef, refOf } from '../evidence/index.ts';
import type { Finding } from '../report/index.ts';
import type { Analyzer } from './types.ts';

export const hpaAtLimit: Analyzer = {
  name: 'hpa',
  reads: { HorizontalPodAutoscaler: ['horizontalPodAutoscalers'] },
  analyze(context) {
    const findings: Finding[] = [];
    for (const hpa of context.list('horizontalPodAutoscalers')) {
      const conditions: { type: string; status: string; reason?: string; message?: string }[] =
        hpa.status?.conditions ?? [];
      const max = hpa.spec?.maxReplicas;
      const current = hpa.status?.currentReplicas ?? 0;
      const desired = hpa.status?.desiredReplicas ?? current;
      const limited = conditions.find((c) => c.type === 'ScalingLimited' && c.status === 'True');
      const inactive = conditions.find((c) => c.type === 'ScalingActive' && c.status === 'False');
      const atMax = max !== undefined && current >= max && desired >= max;
      if (!atMax && !inactive) continue;
      const ref = refOf(hpa);
      const target = hpa.spec?.scaleTargetRef;
      const owner = target
        ? { kind: target.kind, ...(ref.namespace ? { namespace: ref.namespace } : {}), name: target.name }
        : undefined;
      findings.push({
        code: 'HPAAtLimit',
        severity: 'warning',
        object: ref,
        ...(owner ? { owner } : {}),
        summary: inactive
          ? `${describeRef(ref)} cannot scale: ${inactive.reason ?? 'ScalingActive=False'} (${String(inactive.message ?? '').slice(0, 120)}).`
          : `${describeRef(ref)} is pinned at maxReplicas=${max}${owner ? ` for ${owner.kind} ${owner.name}` : ''}: load exceeds what it may scale to.`,
        evidence: [
          `currentReplicas ${current}, desiredReplicas ${desired}, maxReplicas ${max ?? '?'}`,
          ...[limited, inactive]
            .filter(Boolean)
            .map(
              (c) => `${c!.type}=${c!.status} ${c!.reason ?? ''}: ${String(c!.message ?? '').slice(0, 120)}`,
            ),
        ],
        suggestions: inactive
          ? ['check metrics-server: kubectl top pods', `kubectl -n ${ref.namespace} describe hpa ${ref.name}`]
          : [`raise maxReplicas or find why load grew: kubectl -n ${ref.namespace} describe hpa ${ref.name}`],
      });
    }
    return findings;
  },
};
