// The Argo CD route inside workerd: the token, the size and the body are checked before anything is queued, a
// queue that cannot take the job is a 503 (Argo CD retries 5xx), and a sync still settling is acknowledged.
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { TEST_ALERTMANAGER_TOKEN, TEST_ARGOCD_TOKEN } from './bindings.ts';

const notification = {
  app: 'payments',
  namespace: 'argocd',
  project: 'shop',
  cluster: 'https://kubernetes.default.svc',
  destinationNamespace: 'shop',
  phase: 'Failed',
  message:
    'one or more objects failed to apply, reason: Deployment.apps "payments" is invalid: spec.template.spec.containers[0].image: Required value (retried 5 times).',
  syncStatus: 'OutOfSync',
  healthStatus: 'Healthy',
  revision: '9f2c1d4e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e',
  repoURL: 'https://github.com/acme/deploy.git',
  path: 'apps/payments',
  targetRevision: 'main',
  resources: [
    {
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'payments',
      status: 'SyncFailed',
    },
  ],
  conditions: null,
  argocdUrl: 'https://argocd.example.com',
};

const post = (body: unknown, token: string | null = TEST_ARGOCD_TOKEN) =>
  SELF.fetch('https://responder.test/events/argocd', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('POST /events/argocd', () => {
  it('refuses a missing or wrong bearer token before reading the body', async () => {
    // Nothing listens at QSTASH_URL here: a request that reached the queue would be a 503, not a 401.
    for (const token of [null, 'nope', `${TEST_ARGOCD_TOKEN}-`, TEST_ALERTMANAGER_TOKEN]) {
      const response = await post(notification, token);
      expect(response.status, String(token)).toBe(401);
      expect(await response.json()).toEqual({ error: 'missing or wrong bearer token' });
    }
  });

  it('names the bad field', async () => {
    const noApp = await post({ ...notification, app: undefined });
    expect(noApp.status).toBe(400);
    expect(((await noApp.json()) as { error: string }).error).toMatch(/^app:/);
    // The schema's null-or-value union names the field, not the entry inside it.
    const badResource = await post({ ...notification, resources: [{ kind: 'Deployment' }] });
    expect(badResource.status).toBe(400);
    expect(((await badResource.json()) as { error: string }).error).toMatch(/^resources:/);
    const notJson = await post('{"app": "payments",');
    expect(notJson.status).toBe(400);
  });

  it('refuses bodies over 1 MiB with 413', async () => {
    const response = await post({ ...notification, padding: 'x'.repeat(1024 * 1024) });
    expect(response.status).toBe(413);
  });

  it('answers 503 when the queue cannot take the job, so Argo CD retries', async () => {
    const response = await post(notification);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      error: 'could not queue the notification; retry',
      jobId: expect.stringMatching(/^argo-[0-9a-f]{32}$/),
    });
  });

  it('acknowledges a sync that succeeded but is not Healthy yet, queueing nothing', async () => {
    const response = await post({
      ...notification,
      phase: 'Succeeded',
      syncStatus: 'Synced',
      healthStatus: 'Progressing',
      message: 'successfully synced (all tasks run)',
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ state: 'settling', ignored: 'nothing to report yet' });
  });
});
