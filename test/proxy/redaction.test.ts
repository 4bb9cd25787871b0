// What the proxy answers never holds a canary: Secret values, sensitive env values, credentials in args, logs,
// events and config maps, last-applied-configuration. Keys and harmless values stay readable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy, parsePolicy } from '../../infra/proxy/index.ts';
import { RestClusterReader, resources } from '../../lib/cluster/index.ts';
import { CANARIES, CURRENT_KEY, type Harness, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  const policy = defaultPolicy();
  h = await startHarness({
    extraLogLines: 200,
    policy: parsePolicy({ ...policy, limits: { ...policy.limits, maxLogBytes: 2048 } }),
  });
});
afterAll(async () => {
  await h?.close();
});

function expectNoCanary(text: string) {
  for (const [name, canary] of Object.entries(CANARIES)) {
    expect(text.includes(canary), `${name} leaked`).toBe(false);
  }
}

describe('redaction', () => {
  it('no canary in anything the Worker reads through the proxy with RestClusterReader', async () => {
    const reader = new RestClusterReader({
      baseUrl: h.proxyUrl,
      signer: { secret: CURRENT_KEY, actor: 'alert:Test' },
    });
    const seen: string[] = [];
    for (const resource of [
      resources.secrets,
      resources.pods,
      resources.deployments,
      resources.configMaps,
      resources.events,
    ]) {
      seen.push(JSON.stringify(await reader.list(resource)));
    }
    seen.push(JSON.stringify(await reader.get(resources.secrets, 'shop', 'db-credentials')));
    seen.push(await reader.logs('shop', 'payment-7d9f-abcde', { container: 'payment' }));
    for (const text of seen) expectNoCanary(text);
    // The cluster clock (the fixture's `now`) comes through the proxy's Date header.
    expect(reader.stats.serverTime).toBe('2026-11-23T10:00:00.000Z');
  });

  it('Secrets keep their key names with emptied values, and lose last-applied-configuration', async () => {
    const response = await h.send('GET', '/api/v1/namespaces/shop/secrets/db-credentials');
    const secret = (await response.json()) as {
      data: Record<string, string>;
      metadata: { annotations?: object };
    };
    expect(secret.data).toEqual({ password: '', token: '' });
    expect(secret.metadata.annotations ?? {}).not.toHaveProperty(
      'kubectl.kubernetes.io/last-applied-configuration',
    );
  });

  it('asking for protobuf still gets redacted JSON', async () => {
    const response = await h.send('GET', '/api/v1/namespaces/shop/secrets', {
      accept: 'application/vnd.kubernetes.protobuf',
    });
    expect(response.headers.get('content-type')).toContain('application/json');
    const text = await response.text();
    expectNoCanary(text);
    expect(JSON.parse(text).items[0].data).toEqual({ password: '', token: '' });
  });

  it('masks sensitive env values and credentials in args but keeps harmless values and references', async () => {
    const response = await h.send('GET', '/apis/apps/v1/namespaces/shop/deployments/payment');
    const text = await response.text();
    expectNoCanary(text);
    const container = JSON.parse(text).spec.template.spec.containers[0];
    const env = Object.fromEntries(
      container.env.map((e: { name: string; value?: string; valueFrom?: unknown }) => [
        e.name,
        e.value ?? e.valueFrom,
      ]),
    );
    expect(env.LOG_LEVEL).toBe('info');
    expect(env.DB_PASSWORD).toBe('***redacted***');
    expect(env.FROM_SECRET).toEqual({ secretKeyRef: { name: 'db-credentials', key: 'password' } });
    expect(container.args).toEqual(['--db-password=***redacted***', '--port=8080']);
    expect(container.image).toBe('shop/payment:1.4.2');
  });

  it('masks event messages but keeps their reason readable', async () => {
    const response = await h.send('GET', '/api/v1/namespaces/shop/events');
    const text = await response.text();
    expectNoCanary(text);
    expect(text).toContain('Back-off restarting failed container');
  });

  it('caps logs to their newest bytes, says so, and masks tokens in them', async () => {
    const response = await h.send(
      'GET',
      '/api/v1/namespaces/shop/pods/payment-7d9f-abcde/log?container=payment',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-kr-truncated')).toBe('true');
    const text = await response.text();
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(2048);
    expect(text).toContain('connect: connection refused');
    expect(text).toContain('Authorization: Bearer ***redacted***');
    expect(text).not.toContain('filler line 0 ');
    expectNoCanary(text);
  });
});

describe('namespace restriction', () => {
  let restricted: Harness;
  beforeAll(async () => {
    restricted = await startHarness({
      policy: parsePolicy({ ...defaultPolicy(), namespaces: { exclude: ['kube-system'] } }),
    });
  });
  afterAll(async () => {
    await restricted?.close();
  });

  it('refuses a request in an excluded namespace with the rule that denied it', async () => {
    const response = await restricted.send('GET', '/api/v1/namespaces/kube-system/pods');
    expect(response.status).toBe(403);
    expect(((await response.json()) as { details: { rule: string } }).details.rule).toBe('namespaces');
  });

  it('drops excluded namespaces from lists across all namespaces', async () => {
    const pods = (await (await restricted.send('GET', '/api/v1/pods')).json()) as {
      items: { metadata: { namespace: string } }[];
    };
    expect(pods.items.map((p) => p.metadata.namespace)).toEqual(['shop']);
    const namespaces = (await (await restricted.send('GET', '/api/v1/namespaces')).json()) as {
      items: { metadata: { name: string } }[];
    };
    expect(namespaces.items.map((n) => n.metadata.name)).not.toContain('kube-system');
  });
});
