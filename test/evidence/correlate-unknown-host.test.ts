// A dialled host no Service provides: outside the cluster, a typo of a Service's name (the closest one named), or a
// Service/ExternalName never created; and the root cause a crash-looping pod's log then gets.
import { describe, expect, it } from 'vitest';
import { type K8sObject, snapshotFromObjects } from '../../lib/cluster/index.ts';
import { AnalysisContext, causeFromLog } from '../../lib/evidence/index.ts';
import { editDistance, explainUnknownHost, serviceName } from '../../lib/evidence/unknown-host.ts';

const service = (name: string, namespace = 'shop'): K8sObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace },
  spec: { ports: [{ port: 3306 }] },
});
const pod: K8sObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'orders-1', namespace: 'shop' } };
const context = new AnalysisContext(
  snapshotFromObjects(
    [service('mysql'), service('redis'), service('ledger', 'billing'), pod],
    '2026-01-01T00:00:00Z',
  ),
);

describe('a host no Service provides', () => {
  it('counts one-letter edits', () => {
    expect(editDistance('mysq', 'mysql')).toBe(1);
    expect(editDistance('postgres', 'postgers')).toBe(2);
    expect(editDistance('kafka', 'kafka')).toBe(0);
  });

  it('reads the Service a cluster DNS name asks for, a StatefulSet pod’s name included', () => {
    expect(serviceName('mysql', 'shop')).toEqual({ name: 'mysql', namespace: 'shop' });
    expect(serviceName('ledger.billing.svc.cluster.local', 'shop')).toEqual({
      name: 'ledger',
      namespace: 'billing',
    });
    expect(serviceName('db-0.db.data.svc.cluster.local', 'shop')).toEqual({ name: 'db', namespace: 'data' });
  });

  it('tells an external endpoint from a typo and from a missing Service', () => {
    expect(explainUnknownHost(context, 'shop', 'api.stripe.com').kind).toBe('external');
    expect(explainUnknownHost(context, 'shop', '52.84.12.7').kind).toBe('external');
    const typo = explainUnknownHost(context, 'shop', 'mysq');
    expect(typo.kind === 'typo' && typo.closest.metadata.name).toBe('mysql');
    expect(explainUnknownHost(context, 'shop', 'ledgr.billing').kind).toBe('typo');
    expect(explainUnknownHost(context, 'shop', 'events-kafka')).toMatchObject({
      kind: 'missing',
      name: 'events-kafka',
    });
    expect(explainUnknownHost(context, 'shop', '10.0.3.4').kind).toBe('missing');
    expect(explainUnknownHost(context, 'shop', '127.0.0.1').kind).toBe('local');
  });

  it('makes a crash loop’s root cause DependencyUnreachable with what the host is, before a generic exception', () => {
    const typo = causeFromLog(
      context,
      pod,
      "Can't connect to MySQL server on 'mysq:3306' (111)\nException in thread \"main\" java.lang.RuntimeException: boom",
    );
    expect(typo?.rootCause).toMatchObject({ code: 'DependencyUnreachable' });
    expect(typo?.rootCause.detail).toContain('closest Service: mysql');
    expect(
      causeFromLog(context, pod, 'curl: (6) Could not resolve host: api.stripe.com')?.rootCause.detail,
    ).toContain('outside the cluster');
    expect(causeFromLog(context, pod, 'Error: getaddrinfo ENOTFOUND ledger-db')?.rootCause.detail).toContain(
      'no Service or ExternalName ledger-db in shop',
    );
  });
});
