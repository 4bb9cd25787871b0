// Limits: a stuck API server costs a caller a 504 after the request timeout, not a hung request; requests over
// the concurrency cap get 429 at once; pagination (limit/continue) passes through.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditLine, defaultPolicy, parsePolicy, startProxy } from '../../infra/proxy/index.ts';
import { RestClusterReader, resources } from '../../lib/cluster/index.ts';
import { CURRENT_KEY, type Harness, signedHeaders, startHarness } from './harness.ts';

describe('limits against a stuck API server', () => {
  const held: ServerResponse[] = [];
  let arrived: () => void = () => {};
  const stuck = createServer((_request, response) => {
    held.push(response);
    arrived();
  });
  let dir: string;
  let proxy: { url: string; close(): Promise<void> };
  const audit: AuditLine[] = [];

  beforeAll(async () => {
    await new Promise<void>((resolve) => stuck.listen(0, '127.0.0.1', resolve));
    const { port } = stuck.address() as AddressInfo;
    dir = await mkdtemp(join(tmpdir(), 'kr-proxy-limits-'));
    const kubeconfigPath = join(dir, 'kubeconfig');
    await writeFile(
      kubeconfigPath,
      `apiVersion: v1\nkind: Config\nclusters:\n- name: stuck\n  cluster: { server: "http://127.0.0.1:${port}" }\nusers:\n- name: u\n  user: { token: t }\ncontexts:\n- name: stuck\n  context: { cluster: stuck, user: u }\ncurrent-context: stuck\n`,
    );
    const policy = defaultPolicy();
    proxy = await startProxy({
      kubeconfigPath,
      keys: [CURRENT_KEY],
      policy: parsePolicy({
        ...policy,
        limits: { ...policy.limits, requestTimeoutSeconds: 1, maxConcurrentRequests: 1 },
      }),
      audit: (line) => audit.push(line),
    });
  });
  afterAll(async () => {
    await proxy?.close();
    for (const response of held) response.destroy();
    stuck.closeAllConnections();
    await new Promise<void>((resolve) => stuck.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  });

  it('answers 429 over the concurrency cap, and 504 when the API server does not answer in time', async () => {
    const path = '/api/v1/namespaces/shop/pods';
    const reachedUpstream = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const first = fetch(`${proxy.url}${path}`, { headers: await signedHeaders('GET', path) });
    await reachedUpstream;
    const second = await fetch(`${proxy.url}${path}`, { headers: await signedHeaders('GET', path) });
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('1');
    const timedOut = await first;
    expect(timedOut.status).toBe(504);
    expect(((await timedOut.json()) as { reason: string }).reason).toBe('Timeout');
    expect(audit.map((line) => [line.status, line.decision])).toEqual([
      [429, 'rejected'],
      [504, 'error'],
    ]);
  });
});

describe('pagination', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('passes limit and continue through', async () => {
    const page = (await (await h.send('GET', '/api/v1/pods?limit=1')).json()) as {
      items: unknown[];
      metadata: { continue?: string };
    };
    expect(page.items).toHaveLength(1);
    expect(page.metadata.continue).toBeTruthy();
    const reader = new RestClusterReader({
      baseUrl: h.proxyUrl,
      signer: { secret: CURRENT_KEY, actor: 'alert:Test' },
      pageSize: 1,
    });
    const pods = await reader.list(resources.pods);
    expect(pods.map((p) => p.metadata.name).sort()).toEqual(['coredns-1', 'payment-7d9f-abcde']);
    expect(reader.stats.requests).toBeGreaterThanOrEqual(2);
  });
});
