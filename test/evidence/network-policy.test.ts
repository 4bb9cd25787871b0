// NetworkPolicy as a root cause: named only when the policies really drop the traffic; anything that allows it
// (namespace selectors, named ports, an egress rule, an ipBlock we cannot judge) keeps the policy out of it.
import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../lib/cluster/index.ts';
import { AnalysisContext, explainBlocked, explainDnsBlocked } from '../../lib/evidence/index.ts';

const pod = (
  name: string,
  namespace: string,
  labels: Record<string, string>,
  ports: unknown[] = [],
): K8sObject => ({
  kind: 'Pod',
  metadata: { name, namespace, labels },
  spec: { containers: [{ name, ports }] },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
});
const source = pod('web-1', 'front', { app: 'web' });
const db = pod('db-0', 'data', { app: 'db' }, [{ name: 'sql', containerPort: 5432 }]);
const service: K8sObject = {
  kind: 'Service',
  metadata: { name: 'db', namespace: 'data' },
  spec: { selector: { app: 'db' }, ports: [{ port: 5432, targetPort: 'sql' }] },
};
const policy = (name: string, namespace: string, spec: unknown): K8sObject => ({
  kind: 'NetworkPolicy',
  metadata: { name, namespace },
  spec: spec as K8sObject['spec'],
});

const context = (policies: K8sObject[], namespaces: K8sObject[] = []) =>
  new AnalysisContext({
    now: '2026-11-23T10:00:00Z',
    objects: { pods: [source, db], services: [service], networkPolicies: policies, namespaces },
    logs: [],
  });

const dbIngress = (from: unknown[], ports: unknown[] = [{ port: 5432 }]) =>
  policy('db-in', 'data', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from, ports }] });

describe('explainBlocked', () => {
  it('names an ingress policy that admits only other pods', () => {
    const blocked = explainBlocked(
      context([dbIngress([{ podSelector: { matchLabels: { app: 'api' } } }])]),
      source,
      service,
      5432,
    );
    expect(blocked?.policy).toEqual({ kind: 'NetworkPolicy', namespace: 'data', name: 'db-in' });
    expect(blocked?.detail).toMatch(/allows no ingress from app=web in front on port 5432/);
  });

  it('lets a namespaceSelector admit the source namespace (its name label, or its own labels)', () => {
    const byName = dbIngress([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'front' } } },
    ]);
    expect(explainBlocked(context([byName]), source, service, 5432)).toBeUndefined();
    const byLabel = dbIngress([{ namespaceSelector: { matchLabels: { tier: 'edge' } } }]);
    const front: K8sObject = { kind: 'Namespace', metadata: { name: 'front', labels: { tier: 'edge' } } };
    expect(explainBlocked(context([byLabel], [front]), source, service, 5432)).toBeUndefined();
    expect(explainBlocked(context([byLabel]), source, service, 5432)).toBeDefined();
  });

  it('resolves named ports on both sides, and a rule on another port does not count', () => {
    const named = dbIngress([{ namespaceSelector: {} }], [{ port: 'sql' }]);
    expect(explainBlocked(context([named]), source, service, 5432)).toBeUndefined();
    const otherPort = dbIngress([{ namespaceSelector: {} }], [{ port: 9187 }]);
    expect(explainBlocked(context([otherPort]), source, service, 5432)).toBeDefined();
  });

  it('does not judge an ipBlock it cannot evaluate', () => {
    const cidr = dbIngress([{ ipBlock: { cidr: '10.244.0.0/16' } }]);
    expect(explainBlocked(context([cidr]), source, service, 5432)).toBeUndefined();
  });

  it('names an egress policy on the source that has no way out to the database', () => {
    const egress = policy('web-out', 'front', {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'cache' } } }] }],
    });
    expect(explainBlocked(context([egress]), source, service, 5432)?.policy.name).toBe('web-out');
    const open = policy('web-out', 'front', {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            {
              namespaceSelector: {
                matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['data'] }],
              },
            },
          ],
        },
      ],
    });
    expect(explainBlocked(context([open]), source, service, 5432)).toBeUndefined();
  });
});

describe('explainDnsBlocked', () => {
  it('names an egress policy that leaves no port 53 open', () => {
    const noDns = policy('lockdown', 'front', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ ports: [{ port: 443 }] }],
    });
    expect(explainDnsBlocked(context([noDns]), source)?.detail).toMatch(/allows no DNS \(port 53\)/);
    const withDns = policy('lockdown', 'front', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ ports: [{ port: 443 }] }, { ports: [{ protocol: 'UDP', port: 53 }] }],
    });
    expect(explainDnsBlocked(context([withDns]), source)).toBeUndefined();
  });
});
