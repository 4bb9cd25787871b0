// The proxy masks the values of the Secrets it can list wherever they show up (logs, Events, termination
// messages, annotations, ConfigMaps), in every encoding; with a Role per namespace it lists per namespace; when it
// cannot read them it refuses to answer rather than pass text on unmasked; turned off, printed values leak.

import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditLine, defaultPolicy, parsePolicy, startProxy } from '../../infra/proxy/index.ts';
import { type FixtureServer, startFixtureServer, writeKubeconfig } from '../../infra/sim/index.ts';
import { leaks, POD, SECRET_VALUES } from '../fixtures/canaries/canaries.ts';
import { CURRENT_KEY, signedHeaders } from './harness.ts';

const fixturePath = join(import.meta.dirname, '../fixtures/canaries/secret-values.yaml');
const paths = [
  `/api/v1/namespaces/shop/pods/${POD}/log?container=payment&previous=true`,
  '/api/v1/namespaces/shop/pods',
  '/api/v1/pods',
  '/api/v1/namespaces/shop/events',
  '/apis/apps/v1/namespaces/shop/deployments',
  '/api/v1/namespaces/shop/configmaps',
  '/api/v1/namespaces/shop/secrets',
];

let cluster: FixtureServer;
let dir: string;
beforeAll(async () => {
  cluster = await startFixtureServer({ fixturePath });
  dir = await mkdtemp(join(tmpdir(), 'kr-secret-values-'));
});
afterAll(async () => {
  await cluster?.close();
  await rm(dir, { recursive: true, force: true });
});

/** An API server in front of the fixture one that refuses the Secret lists `refuse` matches. */
async function gate(refuse: RegExp): Promise<{ url: string; server: Server }> {
  const server = createServer(async (request, response) => {
    const path = request.url ?? '/';
    if (refuse.test(path.split('?')[0] ?? '')) {
      response.writeHead(403, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ kind: 'Status', code: 403, reason: 'Forbidden' }));
      return;
    }
    const upstream = await fetch(`${cluster.url}${path}`, { headers: { accept: 'application/json' } });
    response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? '' });
    response.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function readThrough(
  apiServer: string,
  masking: boolean,
): Promise<{ answers: Record<string, string>; statuses: number[]; audit: AuditLine[] }> {
  const kubeconfigPath = join(dir, `kubeconfig-${Math.random().toString(36).slice(2)}`);
  await writeKubeconfig(apiServer, kubeconfigPath);
  const base = defaultPolicy();
  const audit: AuditLine[] = [];
  const proxy = await startProxy({
    kubeconfigPath,
    keys: [CURRENT_KEY],
    policy: parsePolicy({ ...base, secretValueMasking: { ...base.secretValueMasking, enabled: masking } }),
    audit: (line) => audit.push(line),
  });
  try {
    const answers: Record<string, string> = {};
    const statuses: number[] = [];
    for (const path of paths) {
      const response = await fetch(`${proxy.url}${path}`, {
        headers: await signedHeaders('GET', path, { actor: 'alert:Canary' }),
      });
      statuses.push(response.status);
      answers[path] = await response.text();
    }
    return { answers, statuses, audit };
  } finally {
    await proxy.close();
  }
}

describe('secret value masking', () => {
  it('masks every Secret value in every encoding in every answer', async () => {
    const { answers, statuses, audit } = await readThrough(cluster.url, true);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(answers[paths[0] as string]).toContain('connecting with secret ***redacted***');
    expect(leaks({ ...answers, audit: JSON.stringify(audit) })).toEqual([]);
  });

  it('lists per namespace when the API server refuses the cluster-wide list (a Role per namespace)', async () => {
    const api = await gate(/^\/api\/v1\/secrets$/);
    try {
      const { answers } = await readThrough(api.url, true);
      const log = answers[paths[0] as string] ?? '';
      expect(log).toContain('connecting with secret ***redacted***');
      expect(leaks(answers)).toEqual([]);
    } finally {
      api.server.close();
    }
  });

  it('answers 503 rather than unmasked text when it cannot list the Secrets', async () => {
    const api = await gate(/\/secrets$/);
    try {
      const { answers, statuses, audit } = await readThrough(api.url, true);
      expect(statuses[0]).toBe(503);
      expect(answers[paths[0] as string]).toContain('grant it list on secrets');
      expect(leaks({ ...answers, audit: JSON.stringify(audit) })).toEqual([]);
    } finally {
      api.server.close();
    }
  });

  it('turned off, a Secret value the app prints reaches the caller (what the README warns about)', async () => {
    const { answers } = await readThrough(cluster.url, false);
    // Where the text gives no credential shape (a `db` field), only masking by value would have caught it.
    expect(answers[paths[0] as string]).toContain(`"db":"${SECRET_VALUES.dbPassword}"`);
    // Secret data itself is still emptied.
    expect(answers['/api/v1/namespaces/shop/secrets']).not.toContain(
      Buffer.from(SECRET_VALUES.dbPassword).toString('base64'),
    );
  });
});
