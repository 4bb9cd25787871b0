// Every attack in attacks.ts gets its status, the refusal names its rule, and the cluster is left as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attacks } from './attacks.ts';
import { CANARIES, CURRENT_KEY, type Harness, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('attacks on the proxy', () => {
  for (const attack of attacks) {
    it(`${attack.name} → ${attack.expect}`, async () => {
      const result = await attack.run(h);
      expect(result.status).toBe(attack.expect);
      if (attack.rule) {
        const status = JSON.parse(result.body) as {
          reason: string;
          message: string;
          details?: { rule?: string };
        };
        expect(status.reason).toBe('Forbidden');
        expect(status.details?.rule).toBe(attack.rule);
        expect(status.message).toContain(`'${attack.rule}'`);
      }
      // Refusals never echo a key or a canary.
      expect(result.body).not.toContain(CURRENT_KEY);
      for (const canary of Object.values(CANARIES)) expect(result.body).not.toContain(canary);
    });
  }

  it('leaves the cluster unchanged by the refused writes', async () => {
    const deployment = (await (
      await h.upstream('/apis/apps/v1/namespaces/shop/deployments/payment')
    ).json()) as {
      spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
    };
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.template.spec.containers[0]?.image).toBe('shop/payment:1.4.2');
    const pods = (await (await h.upstream('/api/v1/namespaces/shop/pods')).json()) as { items: unknown[] };
    expect(pods.items).toHaveLength(1);
    const secret = await h.upstream('/api/v1/namespaces/shop/secrets/db-credentials');
    expect(secret.status).toBe(200);
  });

  it('writes an audit line for every attack, with the decision the caller saw', () => {
    const unauthorized = h.audit.filter((line) => line.decision === 'unauthorized');
    const denied = h.audit.filter((line) => line.decision === 'denied');
    expect(unauthorized.length).toBe(attacks.filter((a) => a.expect === 401).length);
    expect(denied.length).toBe(attacks.filter((a) => a.expect === 403).length);
    const replay = h.audit.find((line) => line.status === 409);
    expect(replay).toMatchObject({ decision: 'rejected', method: 'PATCH', actor: 'slack:UTESTER' });
    for (const line of denied) expect(line.rule).toBeTruthy();
  });
});
