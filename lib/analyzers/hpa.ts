// HPAAtLimit: an autoscaler is pinned at maxReplicas, or cannot read the metrics it scales on.
import { describeRef, inTwoForms, refOf } from '../evidence/index.ts';
import { type Text, verbatim } from '../i18n/index.ts';
import type { Finding } from '../report/index.ts';
import { EvidenceLines } from './history-text.ts';
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
      const describeHpa = `kubectl -n ${ref.namespace} describe hpa ${ref.name}`;
      // Said language-neutral (key and parameters); the English strings are these rendered in en.
      const summary: Text = inactive
        ? {
            key: 'hpa.cannotScale',
            params: {
              hpa: describeRef(ref),
              reason: inactive.reason ?? 'ScalingActive=False',
              message: String(inactive.message ?? '').slice(0, 120),
            },
          }
        : {
            key: 'hpa.pinned',
            params: {
              hpa: describeRef(ref),
              max: String(max),
              owner: owner ? `${owner.kind} ${owner.name}` : 'none',
            },
          };
      const suggestions: Text[] = inactive
        ? [{ key: 'hpa.checkMetrics', params: { command: 'kubectl top pods' } }, verbatim(describeHpa)]
        : [{ key: 'hpa.raiseMax', params: { command: describeHpa } }];
      // Facts quoted from the status (field names, the controller's messages): the same in every language.
      const evidence = new EvidenceLines().quote([
        `currentReplicas ${current}, desiredReplicas ${desired}, maxReplicas ${max ?? '?'}`,
        ...[limited, inactive]
          .filter(Boolean)
          .map(
            (c) => `${c!.type}=${c!.status} ${c!.reason ?? ''}: ${String(c!.message ?? '').slice(0, 120)}`,
          ),
      ]);
      findings.push({
        code: 'HPAAtLimit',
        severity: 'warning',
        object: ref,
        ...(owner ? { owner } : {}),
        ...inTwoForms({ summary, evidence: evidence.texts, suggestions }),
      });
    }
    return findings;
  },
};
