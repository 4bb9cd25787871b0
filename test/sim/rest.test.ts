// The read side of the REST API as a Kubernetes client sees it: discovery, lists with selectors and
// pagination, gets, Table output, Status errors, and the cluster's clock in every Date header.
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../infra/sim/index.ts';
import { CANARY_PASSWORD, client, names, PAYMENT_PODS } from './helpers.ts';

describe('discovery', () => {
  it('answers /version, /api, /apis and each group version with resources, verbs and short names', async () => {
    const api = client();
    expect((await api.json('/version')).body.gitVersion).toMatch(/^v1\.\d+/);
    expect((await api.json('/api')).body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = (await api.json('/apis')).body;
    expect(groups.kind).toBe('APIGroupList');
    const groupNames = groups.groups.map((g: { name: string }) => g.name);
    expect(groupNames).toEqual(
      expect.arrayContaining(['apps', 'batch', 'argoproj.io', 'metrics.k8s.io', 'events.k8s.io']),
    );
    const core = (await api.json('/api/v1')).body;
    const pods = core.resources.find((r: { name: string }) => r.name === 'pods');
    expect(pods).toMatchObject({ kind: 'Pod', namespaced: true, shortNames: ['po'] });
    expect(pods.verbs).toEqual(expect.arrayContaining(['get', 'list', 'delete']));
    expect(core.resources.map((r: { name: string }) => r.name)).toContain('pods/log');
    const apps = (await api.json('/apis/apps/v1')).body;
    expect(apps.resources.find((r: { name: string }) => r.name === 'deployments')).toMatchObject({
      shortNames: ['deploy'],
    });
    expect(apps.resources.find((r: { name: string }) => r.name === 'deployments/scale')).toMatchObject({
      group: 'autoscaling',
      kind: 'Scale',
    });
    expect(
      (await api.json('/apis/metrics.k8s.io/v1beta1')).body.resources.map((r: { name: string }) => r.name),
    ).toEqual(['pods', 'nodes']);
  });

  it('answers the OpenAPI paths with a clean 404 so kubectl falls back', async () => {
    const api = client();
    for (const path of ['/openapi/v2', '/openapi/v3']) {
      const { status, body } = await api.json(path);
      expect(status).toBe(404);
      expect(body).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404 });
    }
  });

  it("dates every response with the fixture's now", async () => {
    const api = client();
    for (const path of ['/version', '/api/v1/namespaces/shop/pods', '/api/v1/namespaces/shop/pods/missing']) {
      expect((await api.request(path)).headers.get('date')).toBe('Mon, 23 Nov 2026 10:00:00 GMT');
    }
  });
});

describe('list and get', () => {
  it('lists pods in a namespace and across namespaces as a PodList, items without kind', async () => {
    const api = client();
    const { status, body } = await api.json('/api/v1/namespaces/shop/pods');
    expect(status).toBe(200);
    expect(body.kind).toBe('PodList');
    expect(body.apiVersion).toBe('v1');
    expect(body.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(names(body)).toEqual([
      'frontend-5c8d7f9b4-2xq8n',
      'frontend-5c8d7f9b4-m7h4k',
      'mysql-0',
      ...PAYMENT_PODS,
    ]);
    expect(body.items[0].kind).toBeUndefined();
    expect(names((await api.json('/api/v1/pods')).body)).toHaveLength(6);
    expect(names((await api.json('/api/v1/namespaces/other/pods')).body)).toEqual([]);
    expect((await api.json('/apis/apps/v1/deployments')).body.kind).toBe('DeploymentList');
  });

  it('gets one object with kind and apiVersion, and cluster-scoped ones without a namespace', async () => {
    const api = client();
    const deployment = (await api.json('/apis/apps/v1/namespaces/shop/deployments/payment')).body;
    expect(deployment).toMatchObject({
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: 'payment' },
    });
    expect((await api.json('/api/v1/nodes/node-1')).body.status.conditions).toContainEqual(
      expect.objectContaining({ type: 'Ready', status: 'True' }),
    );
    expect((await api.json('/api/v1/namespaces/shop')).body).toMatchObject({
      kind: 'Namespace',
      status: { phase: 'Active' },
    });
  });

  it('answers GET of the status subresource with the object', async () => {
    const { status, body } = await client().json('/apis/apps/v1/namespaces/shop/deployments/payment/status');
    expect(status).toBe(200);
    expect(body.status.unavailableReplicas).toBe(3);
  });

  it('serves Secret data base64-encoded, as the API does', async () => {
    const secret = (await client().json('/api/v1/namespaces/shop/secrets/payment-db')).body;
    expect(secret.data.password).toBe(Buffer.from(CANARY_PASSWORD).toString('base64'));
    expect(JSON.stringify(secret)).not.toContain(CANARY_PASSWORD);
  });

  it('answers a missing object with a NotFound Status in the real message format', async () => {
    const api = client();
    expect((await api.json('/api/v1/namespaces/shop/pods/nope')).body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', kind: 'pods' },
      code: 404,
    });
    const { status, body } = await api.json('/apis/apps/v1/namespaces/shop/deployments/nope');
    expect(status).toBe(404);
    expect(body.message).toBe('deployments.apps "nope" not found');
    expect((await api.json('/api/v1/namespaces/shop/widgets')).status).toBe(404);
  });
});

describe('selectors', () => {
  const podNames = async (query: string) =>
    names((await client().json(`/api/v1/namespaces/shop/pods?${query}`)).body);

  it.each([
    ['labelSelector=app%3Dpayment', PAYMENT_PODS],
    ['labelSelector=app%3D%3Dmysql-db', ['mysql-0']],
    ['labelSelector=app!%3Dpayment,app!%3Dfrontend', ['mysql-0']],
    ['labelSelector=app%20in%20(mysql,mysql-db)', ['mysql-0']],
    ['labelSelector=app%20notin%20(payment,frontend)', ['mysql-0']],
    ['labelSelector=statefulset.kubernetes.io/pod-name', ['mysql-0']],
    ['labelSelector=!pod-template-hash', ['mysql-0']],
    ['labelSelector=app%3Dmysql', []],
    ['fieldSelector=metadata.name%3Dmysql-0', ['mysql-0']],
    [
      'fieldSelector=status.phase%3DRunning,spec.nodeName%3Dnode-1&labelSelector=app%3Dfrontend',
      ['frontend-5c8d7f9b4-2xq8n', 'frontend-5c8d7f9b4-m7h4k'],
    ],
    ['fieldSelector=status.phase!%3DRunning', []],
  ])('%s', async (query, expected) => {
    expect(await podNames(query)).toEqual(expected);
  });

  it('filters events by involvedObject, reason and type, as kubectl describe asks', async () => {
    const api = client();
    const pod = (await api.json('/api/v1/namespaces/shop/pods/payment-7d9f8c6b5d-x7k2p')).body;
    const selector = encodeURIComponent(
      `involvedObject.name=payment-7d9f8c6b5d-x7k2p,involvedObject.namespace=shop,involvedObject.uid=${pod.metadata.uid},involvedObject.kind=Pod`,
    );
    const events = (await api.json(`/api/v1/namespaces/shop/events?fieldSelector=${selector}`)).body;
    expect(events.items).toHaveLength(1);
    expect(events.items[0]).toMatchObject({ reason: 'BackOff', type: 'Warning', count: 131 });
    const warnings = (await api.json('/api/v1/events?fieldSelector=type%3DWarning,reason%3DBackOff')).body;
    expect(warnings.items).toHaveLength(4);
  });

  it('serves every Event in both versions: core/v1 and events.k8s.io/v1 (regarding, note, deprecatedCount)', async () => {
    const api = client();
    const v1 = (
      await api.json('/apis/events.k8s.io/v1/namespaces/shop/events?fieldSelector=regarding.name%3Dmysql-0')
    ).body;
    expect(v1.items).toEqual([]);
    const backoffs = (
      await api.json(
        '/apis/events.k8s.io/v1/namespaces/shop/events?fieldSelector=regarding.name%3Dpayment-7d9f8c6b5d-x7k2p',
      )
    ).body;
    expect(backoffs.kind).toBe('EventList');
    expect(backoffs.items).toHaveLength(1);
    expect(backoffs.items[0]).toMatchObject({
      reason: 'BackOff',
      type: 'Warning',
      note: expect.stringContaining('Back-off restarting failed container payment'),
      deprecatedCount: 131,
      reportingController: 'kubelet',
      regarding: { kind: 'Pod', name: 'payment-7d9f8c6b5d-x7k2p' },
    });
    const created = await api.json('/apis/events.k8s.io/v1/namespaces/shop/events', {
      method: 'POST',
      body: JSON.stringify({
        metadata: { name: 'audit.1' },
        eventTime: '2026-11-23T10:00:00.000000Z',
        reportingController: 'kube-responder',
        reportingInstance: 'proxy',
        action: 'Restart',
        reason: 'Approved',
        regarding: { kind: 'Deployment', name: 'payment', namespace: 'shop' },
        note: 'restart approved',
        type: 'Normal',
      }),
    });
    expect(created.status).toBe(201);
    const core = (await api.json('/api/v1/namespaces/shop/events/audit.1')).body;
    expect(core).toMatchObject({
      kind: 'Event',
      apiVersion: 'v1',
      message: 'restart approved',
      involvedObject: { name: 'payment' },
    });
  });

  it('answers an unsupported field or a malformed selector with a 400 Status', async () => {
    const api = client();
    const field = await api.json('/api/v1/namespaces/shop/pods?fieldSelector=spec.containers%3Dx');
    expect(field.status).toBe(400);
    expect(field.body).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
      message: 'field label not supported: spec.containers',
    });
    const label = await api.json('/api/v1/namespaces/shop/pods?labelSelector=%3D%3Dx');
    expect(label.status).toBe(400);
    expect(label.body.message).toMatch(/unable to parse requirement/);
  });
});

describe('pagination', () => {
  it('pages with limit and an opaque continue token, reporting the remaining count', async () => {
    const api = client();
    const seen: string[] = [];
    const remaining: Array<number | undefined> = [];
    let token = '';
    let pages = 0;
    do {
      const page = (
        await api.json(`/api/v1/pods?limit=4${token ? `&continue=${encodeURIComponent(token)}` : ''}`)
      ).body;
      seen.push(...names(page));
      remaining.push(page.metadata.remainingItemCount);
      token = page.metadata.continue ?? '';
      pages += 1;
    } while (token && pages < 10);
    expect(pages).toBe(2);
    expect(remaining).toEqual([2, undefined]);
    expect(seen).toEqual(names((await api.json('/api/v1/pods')).body));
  });

  it('refuses a continue token it did not issue', async () => {
    const { status, body } = await client().json('/api/v1/pods?limit=2&continue=bogus');
    expect(status).toBe(400);
    expect(body.message).toMatch(/continue key is not valid/);
  });
});

describe('Table output (kubectl get)', () => {
  const accept =
    'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

  it('prints pods with Ready, Status, Restarts and Age against the fixture clock', async () => {
    const { body } = await client().json('/api/v1/pods?labelSelector=app%3Dpayment', { headers: { accept } });
    expect(body.kind).toBe('Table');
    expect(body.columnDefinitions.map((c: { name: string }) => c.name).slice(0, 5)).toEqual([
      'Name',
      'Ready',
      'Status',
      'Restarts',
      'Age',
    ]);
    expect(body.rows[2].cells.slice(0, 5)).toEqual([
      'payment-7d9f8c6b5d-x7k2p',
      '0/1',
      'CrashLoopBackOff',
      '7 (2m17s ago)',
      '28m',
    ]);
    expect(body.rows[2].object.metadata.namespace).toBe('shop');
  });

  it('prints the columns of other kinds: Argo CD Application, PVC, CronJob', async () => {
    const api = client(
      loadFixture(`apiVersion: fixture.kube-responder.dev/v1
kind: Fixture
now: "2026-11-23T10:00:00Z"
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: shop, namespace: argocd, creationTimestamp: "2026-11-20T10:00:00Z" }
status: { sync: { status: OutOfSync }, health: { status: Degraded } }
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: data, namespace: shop, creationTimestamp: "2026-11-23T09:00:00Z" }
spec: { storageClassName: fast, accessModes: [ReadWriteOnce] } # status.accessModes stays empty until bound
status: { phase: Pending }
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: report, namespace: shop, creationTimestamp: "2026-11-01T00:00:00Z" }
spec: { schedule: "0 * * * *" }
status: { lastScheduleTime: "2026-11-23T09:00:00Z" }
`),
    );
    const cells = async (path: string) => (await api.json(path, { headers: { accept } })).body.rows[0].cells;
    expect(await cells('/apis/argoproj.io/v1alpha1/applications')).toEqual([
      'shop',
      'OutOfSync',
      'Degraded',
      '',
      '3d',
    ]);
    expect(await cells('/api/v1/persistentvolumeclaims')).toEqual([
      'data',
      'Pending',
      '',
      '',
      '', // status.accessModes stays empty until the claim is bound
      'fast',
      '<unset>',
      '60m',
    ]);
    expect(await cells('/apis/batch/v1/cronjobs')).toEqual([
      'report',
      '0 * * * *',
      '<none>',
      'False',
      0,
      '60m',
      '22d',
    ]);
  });

  it('falls back to a plain list for clients that do not ask for a Table', async () => {
    const { body } = await client().json('/api/v1/pods', { headers: { accept: 'application/json' } });
    expect(body.kind).toBe('PodList');
  });
});
