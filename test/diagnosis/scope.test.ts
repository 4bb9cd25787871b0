// Alert labels → what to diagnose.
import { describe, expect, it } from 'vitest';
import { scopeFromAlert } from '../../lib/diagnosis/index.ts';

describe('scopeFromAlert', () => {
  it('maps the most specific object label to the object, in its namespace', () => {
    expect(scopeFromAlert({ namespace: 'shop', pod: 'payment-1', deployment: 'payment' })).toEqual({
      kind: 'alert',
      namespace: 'shop',
      object: { kind: 'Pod', namespace: 'shop', name: 'payment-1' },
    });
    expect(scopeFromAlert({ namespace: 'data', persistentvolumeclaim: 'pgdata' }).object).toEqual({
      kind: 'PersistentVolumeClaim',
      namespace: 'data',
      name: 'pgdata',
    });
  });

  it('maps a node label to a cluster-scoped Node', () => {
    expect(scopeFromAlert({ node: 'node-7', job: 'kube-state-metrics' })).toEqual({
      kind: 'alert',
      object: { kind: 'Node', name: 'node-7' },
    });
  });

  it("reads kube-state-metrics' job_name as the Job and ignores the scrape job label", () => {
    expect(
      scopeFromAlert({ namespace: 'ops', job_name: 'backup-1', job: 'kube-state-metrics' }).object,
    ).toEqual({
      kind: 'Job',
      namespace: 'ops',
      name: 'backup-1',
    });
    expect(scopeFromAlert({ namespace: 'ops', job: 'kube-state-metrics' })).toEqual({
      kind: 'alert',
      namespace: 'ops',
    });
  });

  it("ignores kube-prometheus' scrape-target service label", () => {
    expect(
      scopeFromAlert({
        namespace: 'shop',
        service: 'kube-prometheus-stack-kube-state-metrics',
        job: 'kube-state-metrics',
      }),
    ).toEqual({ kind: 'alert', namespace: 'shop' });
  });

  it('falls back to the whole cluster when the alert names nothing', () => {
    expect(scopeFromAlert({ alertname: 'Watchdog' })).toEqual({ kind: 'cluster' });
  });
});
