// What an alert is about: one pod-name folding (Kubernetes' vowel-free alphabet), the exporter never the subject.
import { describe, expect, it } from 'vitest';
import { foldName } from '../../lib/cluster/index.ts';
import { alertSubject } from '../../lib/events/index.ts';

describe('pod names fold to their workload by the controllers’ naming', () => {
  it('folds Deployment, StatefulSet, DaemonSet/Job pods and ReplicaSets, in the vowel-free alphabet only', () => {
    expect(foldName('Pod', 'checkout-6c9b7d5f8d-x2k9p')).toEqual({
      name: 'checkout',
      controller: 'Deployment',
    });
    expect(foldName('Pod', 'orders-db-0')).toEqual({ name: 'orders-db', controller: 'StatefulSet' });
    expect(foldName('Pod', 'node-agent-4kq9z')).toEqual({ name: 'node-agent' });
    expect(foldName('ReplicaSet', 'checkout-6c9b7d5f8d')).toEqual({
      name: 'checkout',
      controller: 'Deployment',
    });
    // Vowels (and 0, 1, 3) never appear in generated suffixes: these are names a person chose.
    expect(foldName('Pod', 'frontend-6b4c9fd8b7-abcde')).toBeUndefined();
    expect(foldName('Pod', 'payment-canary')).toBeUndefined();
    expect(foldName('ReplicaSet', 'checkout-legacy')).toBeUndefined();
  });
});

describe('alertSubject', () => {
  it('diagnoses the pod and groups it under its workload, whichever label shape names it', () => {
    const pod = alertSubject({ namespace: 'shop', pod: 'checkout-6c9b7d5f8d-x2k9p' });
    expect(pod.object).toEqual({ kind: 'Pod', namespace: 'shop', name: 'checkout-6c9b7d5f8d-x2k9p' });
    expect(pod.key).toBe('shop/Workload/checkout');
    expect(alertSubject({ namespace: 'shop', deployment: 'checkout' }).key).toBe('shop/Workload/checkout');
    expect(alertSubject({ namespace: 'shop', replicaset: 'checkout-6c9b7d5f8d' }).key).toBe(
      'shop/Workload/checkout',
    );
    expect(alertSubject({ namespace: 'data', statefulset: 'orders-db' }).key).toBe('data/Workload/orders-db');
    expect(alertSubject({ namespace: 'data', pod: 'orders-db-0' }).key).toBe('data/Workload/orders-db');
    expect(alertSubject({ namespace: 'shop', pod: 'payment-canary' }).key).toBe('shop/Pod/payment-canary');
  });

  it("never takes the exporter's labels for the subject", () => {
    const exporter = {
      job: 'kube-state-metrics',
      service: 'kube-prometheus-stack-kube-state-metrics',
      instance: '10.244.0.17:8080',
      container: 'kube-state-metrics',
      endpoint: 'http',
      pod: 'kube-prometheus-stack-kube-state-metrics-6d8f7c9b5d-x2k9p',
    };
    expect(
      alertSubject({
        alertname: 'KubeQuotaExceeded',
        namespace: 'shop',
        resourcequota: 'compute',
        ...exporter,
      }),
    ).toEqual({
      namespace: 'shop',
      object: { kind: 'ResourceQuota', namespace: 'shop', name: 'compute' },
      about: { kind: 'ResourceQuota', name: 'compute' },
      key: 'shop/ResourceQuota/compute',
    });
    expect(alertSubject({ alertname: 'KubeQuotaFullyUsed', namespace: 'shop', ...exporter })).toEqual({
      namespace: 'shop',
      key: 'shop/alert/KubeQuotaFullyUsed',
    });
    // The node beside a pod is where it runs, not what the alert is about.
    expect(alertSubject({ namespace: 'shop', pod: 'checkout-6c9b7d5f8d-x2k9p', node: 'node-3' }).key).toBe(
      'shop/Workload/checkout',
    );
    // A Service is the subject only when it is not the scrape target (TargetDown on the app's own Service).
    expect(alertSubject({ alertname: 'TargetDown', namespace: 'shop', service: 'catalog' }).key).toBe(
      'shop/Service/catalog',
    );
  });
});
