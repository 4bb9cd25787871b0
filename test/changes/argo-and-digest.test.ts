// The Argo CD explanation and the health digest name the change behind a workload's trouble, both taken from
// the diagnosis the change pass already shaped.
import { describe, expect, it } from 'vitest';
import { explain } from '../../lib/argocd/index.ts';
import { compareDigest } from '../../lib/health/index.ts';
import { diagnoseScenario } from './diagnose-fixture.ts';

describe('the change, named beyond the alert message', () => {
  it('Argo CD: a Degraded workload explained by the rollout its sync brought', async () => {
    const { report } = await diagnoseScenario('change-bad-image-rollout.yaml');
    const explanation = await explain(
      [
        {
          class: 'degraded',
          resource: { kind: 'Deployment', namespace: 'shop', name: 'payment' },
          detail: 'Deployment payment is Degraded',
          fix: 'kubectl -n shop describe deployment payment',
        },
      ],
      // The reader is not reached for a degraded workload: the engine (passed in) reads.
      {} as never,
      async () => ({ findings: report.findings }),
    );
    expect(explanation.rootCause?.code).toBe('RecentChange');
    expect(explanation.rootCause?.detail).toContain(
      'started 4 min after Deployment shop/payment rolled out revision 14',
    );
    expect(explanation.fix).toContain('rollout undo deployment/payment --to-revision=13');
  });

  it('Argo CD: a deeper cause stays the cause, and a note names the change it arrived with', async () => {
    const { report } = await diagnoseScenario('change-bad-image-rollout.yaml');
    const lead = report.findings[0]!;
    const deeper = {
      ...lead,
      rootCause: { code: 'MissingConfig' as const, detail: 'key api-key missing in Secret pay/stripe' },
      evidence: [`Arrived with a change: ${lead.rootCause?.detail}`, ...lead.evidence.slice(1)],
    };
    const explanation = await explain(
      [
        {
          class: 'degraded',
          resource: { kind: 'Deployment', namespace: 'shop', name: 'payment' },
          detail: 'x',
          fix: 'y',
        },
      ],
      {} as never,
      async () => ({ findings: [deeper] }),
    );
    expect(explanation.rootCause?.code).toBe('MissingConfig');
    expect(explanation.notes.join('\n')).toContain(
      'Arrived with a change: started 4 min after Deployment shop/payment',
    );
  });

  it('health digest: the new problem says what changed', async () => {
    const { report } = await diagnoseScenario('change-configmap-edited.yaml');
    const digest = compareDigest(undefined, {
      cluster: 'fixture',
      reportId: report.id,
      at: report.startedAt,
      findings: report.findings,
    });
    const problem = digest.newProblems[0]!;
    expect(problem.rootCause).toBe('RecentChange — ConfigMap cms/renderer-config');
    expect(problem.summary).toContain('started 2 min after ConfigMap cms/renderer-config was edited');
  });
});
