// The demo fixture tells the story the demo and the end-to-end tests rely on, with references that resolve
// the way they do on a real cluster; the demo alert names one of its pods.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../lib/cluster/index.ts';
import { CANARY_PASSWORD, client, names, PAYMENT_PODS } from './helpers.ts';

const alert = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../fixtures/demo/alert-crashloop.json'), 'utf8'),
);

describe('demo fixture (crashloop.yaml)', () => {
  it('payment: 3 replicas, none available, every pod crash-looping after exit 1', async () => {
    const api = client();
    const deployment = (await api.json('/apis/apps/v1/namespaces/shop/deployments/payment')).body;
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.status.availableReplicas).toBe(0);
    const pods = (
      await api.json(
        '/api/v1/namespaces/shop/pods?labelSelector=app%3Dpayment,pod-template-hash%3D7d9f8c6b5d',
      )
    ).body;
    expect(names(pods)).toEqual(PAYMENT_PODS);
    for (const pod of pods.items) {
      const [status] = pod.status.containerStatuses;
      expect(status.state.waiting.reason).toBe('CrashLoopBackOff');
      expect(status.lastState.terminated.exitCode).toBe(1);
      expect(status.restartCount).toBeGreaterThanOrEqual(6);
      const env = pod.spec.containers[0].env.find((e: { name: string }) => e.name === 'DB_PASSWORD');
      expect(env.valueFrom.secretKeyRef).toEqual({ name: 'payment-db', key: 'password' });
      const log = await api.text(`/api/v1/namespaces/shop/pods/${pod.metadata.name}/log?previous=true`);
      expect(log.body).toContain('ECONNREFUSED 10.96.112.40:3306');
      expect(log.body).not.toContain(CANARY_PASSWORD);
    }
  });

  it('mysql: the Service selects app=mysql, which matches no pod; the StatefulSet runs app=mysql-db', async () => {
    const api = client();
    const service = (await api.json('/api/v1/namespaces/shop/services/mysql')).body;
    expect(service.spec).toMatchObject({ clusterIP: '10.96.112.40', selector: { app: 'mysql' } });
    expect(service.spec.ports[0].port).toBe(3306);
    expect(names((await api.json('/api/v1/namespaces/shop/pods?labelSelector=app%3Dmysql')).body)).toEqual(
      [],
    );
    expect((await api.json('/api/v1/namespaces/shop/endpoints/mysql')).body.subsets).toBeUndefined();
    const statefulSet = (await api.json('/apis/apps/v1/namespaces/shop/statefulsets/mysql')).body;
    expect(statefulSet.spec.template.metadata.labels).toEqual({ app: 'mysql-db' });
    expect(statefulSet.status.readyReplicas).toBe(1);
    expect(names((await api.json('/api/v1/namespaces/shop/pods?labelSelector=app%3Dmysql-db')).body)).toEqual(
      ['mysql-0'],
    );
  });

  it('noise: frontend is healthy with endpoints; its only BackOff event is days old', async () => {
    const api = client();
    expect(
      (await api.json('/apis/apps/v1/namespaces/shop/deployments/frontend')).body.status.availableReplicas,
    ).toBe(2);
    expect(
      (await api.json('/api/v1/namespaces/shop/endpoints/frontend')).body.subsets[0].addresses,
    ).toHaveLength(2);
    const events = (await api.json('/api/v1/namespaces/shop/events?fieldSelector=reason%3DBackOff')).body
      .items;
    const old = events.filter((e: K8sObject) => e.involvedObject.name.startsWith('frontend-'));
    expect(old).toHaveLength(1);
    expect(Date.parse('2026-11-23T10:00:00Z') - Date.parse(old[0].lastTimestamp)).toBeGreaterThan(
      3 * 24 * 3600 * 1000,
    );
  });

  it('every ownerReference and event reference resolves to the uid of an object in the fixture', async () => {
    const api = client();
    const byUid = new Map<string, K8sObject>();
    for (const { object } of api.cluster.all()) byUid.set(object.metadata.uid!, object);
    for (const { object } of api.cluster.all()) {
      for (const owner of object.metadata.ownerReferences ?? [])
        expect(byUid.get(owner.uid!)?.metadata.name).toBe(owner.name);
      if (object.involvedObject)
        expect(byUid.get(object.involvedObject.uid)?.metadata.name).toBe(object.involvedObject.name);
    }
  });

  it('the demo alert is a firing Alertmanager v4 payload about one of the payment pods', async () => {
    expect(alert).toMatchObject({ version: '4', status: 'firing', commonLabels: { namespace: 'shop' } });
    expect(alert.alerts[0]).toMatchObject({
      status: 'firing',
      endsAt: '0001-01-01T00:00:00Z',
      labels: {
        alertname: 'KubePodCrashLooping',
        namespace: 'shop',
        container: 'payment',
        severity: 'warning',
        cluster: 'demo',
      },
    });
    const pod = (await client().json(`/api/v1/namespaces/shop/pods/${alert.alerts[0].labels.pod}`)).body;
    expect(pod.metadata.uid).toBe(alert.alerts[0].labels.uid);
  });
});
