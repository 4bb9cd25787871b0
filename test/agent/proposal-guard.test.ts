// Which proposals stand: those the findings call for, or that the person asked for by name — nothing else.
import { expect, test } from 'vitest';
import { type ProposedAction, vetProposal } from '../../lib/agent/index.ts';
import type { Finding } from '../../lib/report/index.ts';

const crashLoop: Finding = {
  code: 'CrashLoopBackOff',
  severity: 'critical',
  object: { kind: 'Pod', namespace: 'shop', name: 'payment-7d9f-abcde' },
  owner: { kind: 'Deployment', namespace: 'shop', name: 'payment' },
  rootCause: { code: 'DependencyUnreachable', object: { kind: 'Service', namespace: 'shop', name: 'mysql' } },
  summary: 'payment crash-loops',
  evidence: [],
  suggestions: [],
};
const proposal = (
  action: ProposedAction['action'],
  kind: string,
  name: string,
  namespace = 'shop',
  replicas?: number,
): ProposedAction => ({
  action,
  kind,
  namespace,
  name,
  reason: 'r',
  ...(replicas !== undefined ? { replicas } : {}),
});

test.each([
  [
    'restart of the owner: the dependency is the cause',
    proposal('restart', 'Deployment', 'payment'),
    undefined,
  ],
  ['rollback of the owner of a crash loop', proposal('rollback', 'Deployment', 'payment'), undefined],
  [
    'delete of the crashing pod: no finding calls for it',
    proposal('delete-pod', 'Pod', 'payment-7d9f-abcde'),
    /no finding calls for delete-pod/,
  ],
  [
    'scale to zero: no finding calls for it',
    proposal('scale', 'Deployment', 'payment', 'shop', 0),
    /no finding calls for scale/,
  ],
  [
    'an object the findings are not about',
    proposal('restart', 'Deployment', 'coredns', 'kube-system'),
    /no finding calls/,
  ],
  ['restart of a Pod', proposal('restart', 'Pod', 'payment-7d9f-abcde'), /restart applies to Deployment/],
])('with the findings only: %s', (_name, candidate, expected) => {
  const verdict = vetProposal(candidate, { findings: [crashLoop] });
  if (expected === undefined) expect(verdict).toBeUndefined();
  else expect(verdict).toMatch(expected);
});

test.each([
  ['scale payment to 3 please', proposal('scale', 'Deployment', 'payment', 'shop', 3), undefined],
  ['請把 payment 擴容到 3', proposal('scale', 'Deployment', 'payment', 'shop', 3), undefined],
  ['删除 payment-7d9f-abcde 这个 pod', proposal('delete-pod', 'Pod', 'payment-7d9f-abcde'), undefined],
  [
    'scale payment to 3 please',
    proposal('scale', 'Deployment', 'payment', 'kube-system', 3),
    /no finding calls/,
  ],
  ['why is payment down?', proposal('scale', 'Deployment', 'payment', 'shop', 3), /no finding calls/],
  ['restart everything', proposal('restart', 'Deployment', 'billing', 'shop'), /no finding calls/],
])('asked %j', (question, candidate, expected) => {
  const verdict = vetProposal(candidate, { findings: [crashLoop], question });
  if (expected === undefined) expect(verdict).toBeUndefined();
  else expect(verdict).toMatch(expected);
});
