// @kubernetes/client-node against a started fixture server, from a written kubeconfig: what the proxy and
// the CLI do with the real client library.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppsV1Api, CoreV1Api, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureServer, startFixtureServer, writeKubeconfig } from '../../infra/sim/index.ts';
import { DEMO_FIXTURE, PAYMENT_PODS } from './helpers.ts';

let server: FixtureServer;
let dir: string;
let config: KubeConfig;

beforeAll(async () => {
  server = await startFixtureServer({ fixturePath: DEMO_FIXTURE });
  dir = await mkdtemp(join(tmpdir(), 'kr-sim-client-'));
  const path = join(dir, 'kubeconfig');
  await writeKubeconfig(server.url, path);
  config = new KubeConfig();
  config.loadFromFile(path);
}, 30_000);

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('@kubernetes/client-node', () => {
  it('binds loopback on a free port and the kubeconfig points at it', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(config.getCurrentCluster()?.server).toBe(server.url);
  });

  it('lists pods with a label selector (CoreV1Api.listNamespacedPod)', async () => {
    const core = config.makeApiClient(CoreV1Api);
    const list = await core.listNamespacedPod({ namespace: 'shop', labelSelector: 'app=payment' });
    expect(list.items.map((pod) => pod.metadata?.name)).toEqual(PAYMENT_PODS);
    expect(list.items[0]?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('CrashLoopBackOff');
  }, 30_000);

  it('reads the previous log (CoreV1Api.readNamespacedPodLog)', async () => {
    const core = config.makeApiClient(CoreV1Api);
    const log = await core.readNamespacedPodLog({
      name: 'payment-7d9f8c6b5d-x7k2p',
      namespace: 'shop',
      container: 'payment',
      previous: true,
      tailLines: 20,
    });
    expect(log).toContain('connect ECONNREFUSED 10.96.112.40:3306');
  });

  it('surfaces a NotFound Status as an ApiException with code 404', async () => {
    const core = config.makeApiClient(CoreV1Api);
    await expect(core.readNamespacedPod({ name: 'nope', namespace: 'shop' })).rejects.toMatchObject({
      code: 404,
    });
  });

  it('restarts a Deployment with a strategic merge patch and with the default JSON patch (AppsV1Api)', async () => {
    const apps = config.makeApiClient(AppsV1Api);
    const patched = await apps.patchNamespacedDeployment(
      {
        name: 'payment',
        namespace: 'shop',
        body: {
          spec: {
            template: {
              metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-23T10:01:00Z' } },
            },
          },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    expect(patched.spec?.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']).toBe(
      '2026-11-23T10:01:00Z',
    );
    const again = await apps.patchNamespacedDeployment({
      name: 'payment',
      namespace: 'shop',
      body: [
        {
          op: 'replace',
          path: '/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt',
          value: '2026-11-23T10:02:00Z',
        },
      ],
    });
    expect(again.spec?.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']).toBe(
      '2026-11-23T10:02:00Z',
    );
    const read = await apps.readNamespacedDeployment({ name: 'payment', namespace: 'shop' });
    expect(read.metadata?.resourceVersion).toBe(again.metadata?.resourceVersion);
  });

  it('scales through the scale subresource (AppsV1Api.replaceNamespacedDeploymentScale)', async () => {
    const apps = config.makeApiClient(AppsV1Api);
    const scale = await apps.readNamespacedDeploymentScale({ name: 'frontend', namespace: 'shop' });
    expect(scale.spec?.replicas).toBe(2);
    const updated = await apps.replaceNamespacedDeploymentScale({
      name: 'frontend',
      namespace: 'shop',
      body: { ...scale, spec: { replicas: 4 } },
    });
    expect(updated.spec?.replicas).toBe(4);
    expect(
      (await apps.readNamespacedDeployment({ name: 'frontend', namespace: 'shop' })).spec?.replicas,
    ).toBe(4);
  });
});
