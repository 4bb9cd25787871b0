// From an Argo CD notification to the diagnose-argo job: the cluster its destination names, where it goes, the
// once-per-failure id, and a job small enough for the job route whatever the notification carried.
import { describe, expect, it } from 'vitest';
import {
  ArgoNotification,
  argoCluster,
  diagnoseArgoJob,
  MAX_ARGO_RESOURCES,
} from '../../lib/events/index.ts';
import { DiagnoseArgoJob } from '../../lib/jobs/index.ts';

const options = {
  clusterNames: ['demo', 'prod', 'staging'],
  defaultCluster: 'demo',
  replyTo: [{ channel: 'slack' as const, to: 'C0ARGOCD' }],
  now: new Date('2026-12-01T08:00:00Z'),
};

const notification = (fields: Record<string, unknown> = {}) =>
  ArgoNotification.parse({
    app: 'payments',
    namespace: 'argocd',
    phase: 'Failed',
    revision: '9f2c1d4e',
    message: 'one or more objects failed to apply (retried 5 times).',
    cluster: 'https://kubernetes.default.svc',
    ...fields,
  });

describe('argoCluster', () => {
  const cluster = (destination: string | undefined) => argoCluster(destination, options);
  it('reads the cluster the destination names', () => {
    expect(cluster('prod')).toBe('prod');
    expect(cluster('https://staging:6443')).toBe('staging');
    expect(cluster('https://prod.k8s.example.com:6443')).toBe('prod');
  });
  it("reads Argo CD's own cluster, and any other, as CLUSTER_NAME", () => {
    expect(cluster('https://kubernetes.default.svc')).toBe('demo');
    expect(cluster('in-cluster')).toBe('demo');
    expect(cluster('https://10.0.0.1:6443')).toBe('demo');
    expect(cluster('elsewhere')).toBe('demo');
    expect(cluster(undefined)).toBe('demo');
  });
  it('lets CLUSTERS name the in-cluster destination itself', () => {
    expect(argoCluster('in-cluster', { ...options, clusterNames: ['in-cluster'] })).toBe('in-cluster');
  });
});

describe('diagnoseArgoJob', () => {
  it('maps a failed sync to a diagnose-argo job the job route accepts', async () => {
    const { state, job } = await diagnoseArgoJob(notification({ cluster: 'prod' }), options);
    expect(state).toBe('sync-failed');
    expect(DiagnoseArgoJob.parse(JSON.parse(JSON.stringify(job)))).toMatchObject({
      v: 1,
      kind: 'diagnose-argo',
      source: 'argocd',
      id: expect.stringMatching(/^argo-[0-9a-f]{32}$/),
      createdAt: '2026-12-01T08:00:00.000Z',
      cluster: 'prod',
      replyTo: [{ channel: 'slack', to: 'C0ARGOCD' }],
      failureKey: expect.stringMatching(/^argocd\/payments:9f2c1d4e:sync-failed:/),
      notification: { app: 'payments', phase: 'Failed' },
    });
  });

  it('gives the same notification re-sent the same job id', async () => {
    const first = await diagnoseArgoJob(notification(), options);
    const again = await diagnoseArgoJob(
      notification({ message: 'one or more objects failed to apply (retried 6 times).' }),
      { ...options, now: new Date('2026-12-01T08:03:00Z') },
    );
    expect(again.job?.id).toBe(first.job?.id);
  });

  it('queues a bare body (app and namespace only): the job reads the Application', async () => {
    const { state, job } = await diagnoseArgoJob(ArgoNotification.parse({ app: 'payments' }), options);
    expect(state).toBe('unspecified');
    expect(job?.cluster).toBe('demo');
    expect(job?.notification).toMatchObject({ app: 'payments', namespace: 'argocd' });
    // Argo CD's retries of it (seconds apart) are one job; the same bare body tomorrow is another.
    const bare = ArgoNotification.parse({ app: 'payments' });
    const retry = await diagnoseArgoJob(bare, { ...options, now: new Date('2026-12-01T08:00:20Z') });
    const tomorrow = await diagnoseArgoJob(bare, { ...options, now: new Date('2026-12-02T08:00:00Z') });
    expect(retry.job?.id).toBe(job?.id);
    expect(tomorrow.job?.id).not.toBe(job?.id);
  });

  it('queues nothing for a sync that succeeded but is not Healthy yet', async () => {
    const settling = notification({ phase: 'Succeeded', syncStatus: 'Synced', healthStatus: 'Progressing' });
    expect(await diagnoseArgoJob(settling, options)).toEqual({ state: 'settling' });
  });

  it('cuts a 1 MiB notification to a job under the job route cap, the failed resources kept first', async () => {
    const resources = Array.from({ length: 400 }, (_, i) => ({
      kind: 'ConfigMap',
      name: `config-${i}`,
      namespace: 'shop',
      status: i === 399 ? 'SyncFailed' : 'Synced',
      message: 'x'.repeat(2000),
    }));
    const big = notification({ message: '"quoted"\n'.repeat(1600), resources });
    const { job } = await diagnoseArgoJob(big, options);
    const bytes = new TextEncoder().encode(JSON.stringify(job)).length;
    console.log(`argocd job from a ${JSON.stringify(big).length}-byte notification: ${bytes} bytes`);
    expect(bytes).toBeLessThan(256 * 1024);
    expect(job?.notification.resources).toHaveLength(MAX_ARGO_RESOURCES);
    expect(job?.notification.resources?.[0]?.name).toBe('config-399');
    expect(DiagnoseArgoJob.safeParse(JSON.parse(JSON.stringify(job))).success).toBe(true);
  });
});
