// The attacks tried against the proxy, each with the status it must get: used by the tests and by the table in
// the proxy's note (`npx tsx test/proxy/attack-table.ts`).
import { request as httpRequest } from 'node:http';
import { type Harness, type SendOptions, signedHeaders } from './harness.ts';

export interface Attack {
  name: string;
  /** The status the proxy must answer. */
  expect: number;
  /** The policy rule the refusal must name (403s). */
  rule?: string;
  run(h: Harness): Promise<{ status: number; body: string }>;
}

const now = () => Math.floor(Date.now() / 1000);
const deployment = '/apis/apps/v1/namespaces/shop/deployments/payment';
const pod = '/api/v1/namespaces/shop/pods/payment-7d9f-abcde';
const restartBody = JSON.stringify({
  spec: {
    template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-23T10:00:00Z' } } },
  },
});
const SMP = 'application/strategic-merge-patch+json';
const MERGE = 'application/merge-patch+json';

async function answer(response: Response) {
  return { status: response.status, body: await response.text() };
}

const send =
  (method: string, path: string, options: SendOptions = {}) =>
  async (h: Harness) =>
    answer(await h.send(method, path, options));

/** A connection upgrade (how kubectl exec/attach/port-forward connect), signed correctly. */
const upgrade = (path: string, protocol: string) => async (h: Harness) => {
  const headers = await signedHeaders('GET', path);
  return await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const outgoing = httpRequest(`${h.proxyUrl}${path}`, {
      method: 'GET',
      headers: {
        ...headers,
        connection: 'Upgrade',
        upgrade: protocol,
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    outgoing.on('response', (response) => {
      let body = '';
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    outgoing.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve({ status: response.statusCode ?? 101, body: '' });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
};

export const attacks: Attack[] = [
  // Authentication.
  {
    name: 'unsigned read of pods',
    expect: 401,
    run: async (h) => answer(await fetch(`${h.proxyUrl}/api/v1/namespaces/shop/pods`)),
  },
  {
    name: 'signature made with a wrong key',
    expect: 401,
    run: send('GET', '/api/v1/namespaces/shop/pods', { key: 'attacker-key-0123456789abcdef' }),
  },
  {
    name: 'stale timestamp (2 min old)',
    expect: 401,
    run: send('GET', '/api/v1/namespaces/shop/pods', { timestamp: now() - 120 }),
  },
  {
    name: 'timestamp 2 min in the future',
    expect: 401,
    run: send('GET', '/api/v1/namespaces/shop/pods', { timestamp: now() + 120 }),
  },
  {
    name: 'signature of one path sent for another (pods → secrets)',
    expect: 401,
    run: async (h) => {
      const headers = await signedHeaders('GET', '/api/v1/namespaces/shop/pods');
      return answer(await fetch(`${h.proxyUrl}/api/v1/namespaces/shop/secrets`, { headers }));
    },
  },
  {
    name: 'body changed after signing (scale 2 → 20)',
    expect: 401,
    run: async (h) => {
      const path = `${deployment}/scale`;
      const headers = await signedHeaders('PATCH', path, { body: '{"spec":{"replicas":2}}' });
      return answer(
        await fetch(`${h.proxyUrl}${path}`, {
          method: 'PATCH',
          headers: { ...headers, 'content-type': MERGE },
          body: '{"spec":{"replicas":20}}',
        }),
      );
    },
  },
  {
    name: 'actor changed after signing',
    expect: 401,
    run: async (h) => {
      const headers = await signedHeaders('GET', '/api/v1/namespaces/shop/pods', {
        actor: 'alert:KubePodCrashLooping',
      });
      return answer(
        await fetch(`${h.proxyUrl}/api/v1/namespaces/shop/pods`, {
          headers: { ...headers, 'X-KR-Actor': 'slack:UADMIN' },
        }),
      );
    },
  },
  {
    name: 'replayed write (same signed restart sent twice)',
    expect: 409,
    run: async (h) => {
      const headers = await signedHeaders('PATCH', deployment, { body: restartBody });
      const init = { method: 'PATCH', headers: { ...headers, 'content-type': SMP }, body: restartBody };
      const first = await fetch(`${h.proxyUrl}${deployment}`, init);
      await first.text();
      if (first.status !== 200) return { status: first.status, body: 'first send was not accepted' };
      return answer(await fetch(`${h.proxyUrl}${deployment}`, init));
    },
  },
  // Policy: writes outside the three guarded shapes.
  {
    name: "patch a Deployment's image",
    expect: 403,
    rule: 'rollout-restart',
    run: send('PATCH', deployment, {
      contentType: SMP,
      body: JSON.stringify({
        spec: { template: { spec: { containers: [{ name: 'payment', image: 'evil/miner:1' }] } } },
      }),
    }),
  },
  {
    name: 'restart patch that also changes the image',
    expect: 403,
    rule: 'rollout-restart',
    run: send('PATCH', deployment, {
      contentType: SMP,
      body: JSON.stringify({
        spec: {
          template: {
            metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-23T10:00:00Z' } },
            spec: { containers: [{ name: 'payment', image: 'evil/miner:1' }] },
          },
        },
      }),
    }),
  },
  {
    name: 'restart patch that also adds another annotation',
    expect: 403,
    rule: 'rollout-restart',
    run: send('PATCH', deployment, {
      contentType: SMP,
      body: JSON.stringify({
        spec: {
          template: {
            metadata: {
              annotations: {
                'kubectl.kubernetes.io/restartedAt': '2026-11-23T10:00:00Z',
                'sidecar.io/inject': 'true',
              },
            },
          },
        },
      }),
    }),
  },
  {
    name: 'Deployment replicas patched directly (not via /scale)',
    expect: 403,
    rule: 'rollout-restart',
    run: send('PATCH', deployment, { contentType: MERGE, body: '{"spec":{"replicas":50}}' }),
  },
  { name: 'delete a Deployment', expect: 403, rule: 'default-deny', run: send('DELETE', deployment) },
  {
    name: 'replace a Deployment (PUT)',
    expect: 403,
    rule: 'default-deny',
    run: send('PUT', deployment, { contentType: 'application/json', body: '{"kind":"Deployment"}' }),
  },
  {
    name: 'create a pod',
    expect: 403,
    rule: 'default-deny',
    run: send('POST', '/api/v1/namespaces/shop/pods', {
      contentType: 'application/json',
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'x' },
        spec: { containers: [{ name: 'x', image: 'busybox' }] },
      }),
    }),
  },
  {
    name: 'evict a pod (POST pods/eviction)',
    expect: 403,
    rule: 'default-deny',
    run: send('POST', `${pod}/eviction`, { contentType: 'application/json', body: '{"kind":"Eviction"}' }),
  },
  {
    name: 'delete every pod (deletecollection)',
    expect: 403,
    rule: 'default-deny',
    run: send('DELETE', '/api/v1/namespaces/shop/pods'),
  },
  {
    name: 'delete a Secret',
    expect: 403,
    rule: 'default-deny',
    run: send('DELETE', '/api/v1/namespaces/shop/secrets/db-credentials'),
  },
  {
    name: 'patch a Secret',
    expect: 403,
    rule: 'default-deny',
    run: send('PATCH', '/api/v1/namespaces/shop/secrets/db-credentials', {
      contentType: MERGE,
      body: '{"data":{"x":"eQ=="}}',
    }),
  },
  {
    name: 'create a ClusterRoleBinding',
    expect: 403,
    rule: 'default-deny',
    run: send('POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
      contentType: 'application/json',
      body: '{}',
    }),
  },
  {
    name: 'create an Event as a caller',
    expect: 403,
    rule: 'default-deny',
    run: send('POST', '/api/v1/namespaces/shop/events', { contentType: 'application/json', body: '{}' }),
  },
  {
    name: 'scale above maxReplicas (100 > 20)',
    expect: 403,
    rule: 'scale',
    run: send('PATCH', `${deployment}/scale`, { contentType: MERGE, body: '{"spec":{"replicas":100}}' }),
  },
  {
    name: 'scale patch that also sets labels',
    expect: 403,
    rule: 'scale',
    run: send('PATCH', `${deployment}/scale`, {
      contentType: MERGE,
      body: '{"spec":{"replicas":2},"metadata":{"labels":{"x":"y"}}}',
    }),
  },
  {
    name: 'exec (POST pods/exec)',
    expect: 403,
    rule: 'default-deny',
    run: send('POST', `${pod}/exec?command=sh&stdin=true`),
  },
  {
    name: 'exec over a websocket upgrade',
    expect: 403,
    rule: 'no-upgrade',
    run: upgrade(`${pod}/exec?command=sh`, 'websocket'),
  },
  {
    name: 'attach over SPDY upgrade',
    expect: 403,
    rule: 'no-upgrade',
    run: upgrade(`${pod}/attach?stdin=true`, 'SPDY/3.1'),
  },
  {
    name: 'port-forward over SPDY upgrade',
    expect: 403,
    rule: 'no-upgrade',
    run: upgrade(`${pod}/portforward?ports=8080`, 'SPDY/3.1'),
  },
  {
    name: 'port-forward without upgrade (GET pods/portforward)',
    expect: 403,
    rule: 'default-deny',
    run: send('GET', `${pod}/portforward`),
  },
  {
    name: 'API server proxy to a node (nodes/proxy)',
    expect: 403,
    rule: 'default-deny',
    run: send('GET', '/api/v1/nodes/node-1/proxy/configz'),
  },
  {
    name: 'API server proxy to a service (services/proxy)',
    expect: 403,
    rule: 'default-deny',
    run: send('GET', '/api/v1/namespaces/shop/services/mysql:3306/proxy/status'),
  },
  {
    name: 'watch pods (a request that never ends)',
    expect: 403,
    rule: 'default-deny',
    run: send('GET', '/api/v1/namespaces/shop/pods?watch=true'),
  },
  { name: 'follow a log', expect: 403, rule: 'logs', run: send('GET', `${pod}/log?follow=true`) },
  {
    name: 'read RBAC roles',
    expect: 403,
    rule: 'default-deny',
    run: send('GET', '/apis/rbac.authorization.k8s.io/v1/clusterroles'),
  },
  {
    name: 'path trick: encoded slashes (pods/..%2Fsecrets)',
    expect: 400,
    run: send('GET', '/api/v1/namespaces/shop/pods/..%2F..%2Fsecrets'),
  },
  {
    name: 'request body over the cap (100 KiB)',
    expect: 413,
    run: send('PATCH', `${deployment}/scale`, {
      contentType: MERGE,
      body: `{"spec":{"replicas":1},"pad":"${'x'.repeat(100 * 1024)}"}`,
    }),
  },
];
