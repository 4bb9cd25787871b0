// The pod-group finding: the shown pod is the object, the owner the workload, absent fields stay absent.
import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../lib/cluster/index.ts';
import { morePods, podGroupFinding } from '../../lib/evidence/index.ts';

const pod = (name: string): K8sObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop' },
});
const owner = { kind: 'Deployment', namespace: 'shop', name: 'payment' };
const report = {
  code: 'CrashLoopBackOff' as const,
  severity: 'critical' as const,
  summary: 's',
  evidence: ['e'],
  suggestions: ['k'],
};

describe('pod-group finding', () => {
  it('names the shown pod as its object and the owner as its workload, in the report’s field order', () => {
    const group = { owner, pods: [pod('a'), pod('b')] };
    const finding = podGroupFinding(group, pod('b'), { ...report, rootCause: { code: 'SelectorMismatch' } });
    expect(JSON.stringify(finding)).toBe(
      JSON.stringify({
        code: 'CrashLoopBackOff',
        severity: 'critical',
        object: { kind: 'Pod', namespace: 'shop', name: 'b' },
        owner,
        rootCause: { code: 'SelectorMismatch' },
        summary: 's',
        evidence: ['e'],
        suggestions: ['k'],
      }),
    );
  });

  it('leaves out the owner of an ownerless pod and an unknown root cause', () => {
    const finding = podGroupFinding({ owner: undefined, pods: [pod('a')] }, pod('a'), {
      ...report,
      rootCause: undefined,
    });
    expect(Object.keys(finding)).toEqual([
      'code',
      'severity',
      'object',
      'summary',
      'evidence',
      'suggestions',
    ]);
  });

  it('counts the pods only when more than one shows the symptom', () => {
    expect(morePods({ owner, pods: [pod('a')] }, 'affected')).toEqual([]);
    expect(morePods({ owner, pods: [pod('a'), pod('b')] }, 'affected')).toEqual(['2 pods affected']);
  });
});
