// Any Kubernetes client works through the proxy: @kubernetes/client-node's generated APIs, signed by
// signingMiddleware, read (redacted) and write (within the policy) like against an API server.
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyApiConfiguration } from '../../infra/proxy/index.ts';
import { CANARIES, CURRENT_KEY, type Harness, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('@kubernetes/client-node through the proxy', () => {
  it('lists pods and reads a Secret with its values emptied', async () => {
    const core = new CoreV1Api(
      proxyApiConfiguration(h.proxyUrl, { secret: CURRENT_KEY, actor: 'cli:alice' }),
    );
    const pods = await core.listNamespacedPod({ namespace: 'shop' });
    expect(pods.items.map((p) => p.metadata?.name)).toEqual(['payment-7d9f-abcde']);
    expect(JSON.stringify(pods)).not.toContain(CANARIES.envPassword);
    const secret = await core.readNamespacedSecret({ namespace: 'shop', name: 'db-credentials' });
    expect(secret.data).toEqual({ password: '', token: '' });
    expect(h.audit.every((line) => line.actor === 'cli:alice' && line.decision === 'allowed')).toBe(true);
  });

  it('scales through the scale subresource with a signed JSON patch, and is refused beyond the bound', async () => {
    const apps = new AppsV1Api(
      proxyApiConfiguration(h.proxyUrl, { secret: CURRENT_KEY, actor: 'cli:alice' }),
    );
    const scaled = await apps.patchNamespacedDeploymentScale({
      namespace: 'shop',
      name: 'payment',
      body: [{ op: 'replace', path: '/spec/replicas', value: 4 }],
    });
    expect(scaled.spec?.replicas).toBe(4);
    await expect(
      apps.patchNamespacedDeploymentScale({
        namespace: 'shop',
        name: 'payment',
        body: [{ op: 'replace', path: '/spec/replicas', value: 500 }],
      }),
    ).rejects.toMatchObject({ code: 403 });
    await expect(
      apps.deleteNamespacedDeployment({ namespace: 'shop', name: 'payment' }),
    ).rejects.toMatchObject({ code: 403 });
  });
});
