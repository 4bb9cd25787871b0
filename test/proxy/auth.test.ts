// Authentication details beyond the attack table: key rotation, the health endpoint, the audit of keys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_KEY, type Harness, NEXT_KEY, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('proxy authentication', () => {
  it('accepts both the current and the next key during a rotation', async () => {
    const current = await h.send('GET', '/api/v1/namespaces/shop/pods', { key: CURRENT_KEY });
    const next = await h.send('GET', '/api/v1/namespaces/shop/pods', { key: NEXT_KEY });
    expect([current.status, next.status]).toEqual([200, 200]);
    expect(h.audit.slice(-2).map((line) => line.keyIndex)).toEqual([0, 1]);
  });

  it('names the reason of a 401 in a Kubernetes Status', async () => {
    const response = await h.send('GET', '/api/v1/namespaces/shop/pods', {
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      kind: 'Status',
      reason: 'Unauthorized',
      message: expect.stringContaining('X-KR-Timestamp'),
    });
  });

  it('answers /healthz without auth with "ok" and nothing else', async () => {
    const response = await fetch(`${h.proxyUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
    expect(response.headers.get('server')).toBeNull();
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('passes discovery through so kubectl-style clients work', async () => {
    const response = await h.send('GET', '/api/v1');
    expect(response.status).toBe(200);
    expect(
      ((await response.json()) as { resources: { name: string }[] }).resources.map((r) => r.name),
    ).toContain('pods');
  });
});
