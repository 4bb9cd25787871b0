// The writes the proxy lets through, as the API answers them: rollout restart patches (three patch types),
// the scale subresource, pod delete and Event create; every other write is a 405 Status.
import { describe, expect, it } from 'vitest';
import { client } from './helpers.ts';

const DEPLOYMENT = '/apis/apps/v1/namespaces/shop/deployments/payment';
const RESTARTED_AT = '2026-11-23T10:05:00Z';
const restartPatch = {
  spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': RESTARTED_AT } } } },
};

describe('rollout restart (PATCH)', () => {
  it.each([
    ['application/strategic-merge-patch+json', restartPatch],
    ['application/merge-patch+json', restartPatch],
    [
      'application/json-patch+json',
      [
        { op: 'add', path: '/spec/template/metadata/annotations', value: {} },
        {
          op: 'add',
          path: '/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt',
          value: RESTARTED_AT,
        },
      ],
    ],
  ])('%s sets the annotation, bumps resourceVersion and generation, keeps the rest', async (type, body) => {
    const api = client();
    const before = (await api.json(DEPLOYMENT)).body;
    const { status, body: after } = await api.json(DEPLOYMENT, {
      method: 'PATCH',
      headers: { 'content-type': type },
      body: JSON.stringify(body),
    });
    expect(status).toBe(200);
    expect(after.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toBe(RESTARTED_AT);
    expect(after.spec.template.metadata.labels).toEqual({ app: 'payment' });
    expect(after.spec.template.spec.containers[0].name).toBe('payment');
    expect(Number(after.metadata.resourceVersion)).toBeGreaterThan(Number(before.metadata.resourceVersion));
    expect(after.metadata.generation).toBe(before.metadata.generation + 1);
    expect((await api.json(DEPLOYMENT)).body).toEqual(after);
  });

  it('patches StatefulSets too, and leaves a dry run unstored', async () => {
    const api = client();
    const path = '/apis/apps/v1/namespaces/shop/statefulsets/mysql';
    const dry = await api.json(`${path}?dryRun=All`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify(restartPatch),
    });
    expect(dry.status).toBe(200);
    expect((await api.json(path)).body.spec.template.metadata.annotations).toBeUndefined();
  });

  it('refuses an unknown patch type (415), a bad JSON patch (400) and a rename (400)', async () => {
    const api = client();
    const patch = (type: string, body: unknown) =>
      api.json(DEPLOYMENT, {
        method: 'PATCH',
        headers: { 'content-type': type },
        body: JSON.stringify(body),
      });
    expect((await patch('application/apply-patch+yaml', {})).status).toBe(415);
    const bad = await patch('application/json-patch+json', [{ op: 'replace', path: '/spec/nope', value: 1 }]);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/\/spec\/nope does not exist/);
    expect((await patch('application/merge-patch+json', { metadata: { name: 'other' } })).status).toBe(400);
  });
});

describe('scale subresource', () => {
  const SCALE = `${DEPLOYMENT}/scale`;

  it('GET returns an autoscaling/v1 Scale', async () => {
    expect((await client().json(SCALE)).body).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name: 'payment', namespace: 'shop' },
      spec: { replicas: 3 },
      status: { replicas: 3, selector: 'app=payment' },
    });
  });

  it('PUT and PATCH set spec.replicas on the workload', async () => {
    const api = client();
    const current = (await api.json(SCALE)).body;
    const put = await api.json(SCALE, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...current, spec: { replicas: 5 } }),
    });
    expect(put.body.spec.replicas).toBe(5);
    expect((await api.json(DEPLOYMENT)).body.spec.replicas).toBe(5);
    const patched = await api.json(SCALE, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ spec: { replicas: 0 } }),
    });
    expect(patched.status).toBe(200);
    expect((await api.json(DEPLOYMENT)).body.spec.replicas).toBe(0);
  });

  it('answers a stale resourceVersion with 409 and a negative count with 422', async () => {
    const api = client();
    const stale = await api.json(SCALE, {
      method: 'PUT',
      body: JSON.stringify({ metadata: { resourceVersion: '1' }, spec: { replicas: 1 } }),
    });
    expect(stale.status).toBe(409);
    expect(stale.body.reason).toBe('Conflict');
    const negative = await api.json(SCALE, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ spec: { replicas: -1 } }),
    });
    expect(negative.status).toBe(422);
  });
});

describe('pod delete and event create', () => {
  it('deletes a pod, returning it with a deletionTimestamp', async () => {
    const api = client();
    const path = '/api/v1/namespaces/shop/pods/payment-7d9f8c6b5d-x7k2p';
    const { status, body } = await api.json(path, { method: 'DELETE' });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      kind: 'Pod',
      metadata: { name: 'payment-7d9f8c6b5d-x7k2p', deletionTimestamp: '2026-11-23T10:00:00Z' },
    });
    expect((await api.json(path)).status).toBe(404);
    expect((await api.json(path, { method: 'DELETE' })).status).toBe(404);
  });

  it('creates a core/v1 Event in a namespace (201), and lists it', async () => {
    const api = client();
    const event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { generateName: 'payment.', namespace: 'shop' },
      involvedObject: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'payment', namespace: 'shop' },
      reason: 'KubeResponderRestart',
      message: 'rollout restart approved by slack:U123',
      type: 'Normal',
      source: { component: 'kube-responder-proxy' },
    };
    const { status, body } = await api.json('/api/v1/namespaces/shop/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
    expect(status).toBe(201);
    expect(body.metadata.name).toMatch(/^payment\.[a-z0-9]+$/);
    expect(body.metadata.uid).toBeTruthy();
    const listed = (
      await api.json('/api/v1/namespaces/shop/events?fieldSelector=reason%3DKubeResponderRestart')
    ).body;
    expect(listed.items).toHaveLength(1);
    const elsewhere = await api.json('/api/v1/namespaces/other/events', {
      method: 'POST',
      body: JSON.stringify(event),
    });
    expect(elsewhere.status).toBe(400);
  });

  it.each([
    ['DELETE', '/apis/apps/v1/namespaces/shop/deployments/payment'],
    ['PUT', '/apis/apps/v1/namespaces/shop/deployments/payment'],
    ['POST', '/api/v1/namespaces/shop/pods'],
    ['PATCH', '/api/v1/namespaces/shop/secrets/payment-db'],
    ['DELETE', '/api/v1/namespaces/shop'],
    ['PATCH', '/apis/apps/v1/namespaces/shop/deployments/payment/status'],
  ])('answers %s %s with a 405 MethodNotAllowed Status', async (method, path) => {
    const api = client();
    const { status, body } = await api.json(path, {
      method,
      body: '{}',
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect(status).toBe(405);
    expect(body).toMatchObject({ kind: 'Status', reason: 'MethodNotAllowed', code: 405 });
  });
});
