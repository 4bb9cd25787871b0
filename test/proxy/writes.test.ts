// The three allowed writes, through the proxy to the fixture cluster: each takes effect, is recorded as a
// Kubernetes Event on its target (reason KubeResponderAction) and as an audit line naming the actor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const deployment = '/apis/apps/v1/namespaces/shop/deployments/payment';

interface EventList {
  items: { reason: string; message: string; involvedObject: { kind: string; name: string } }[];
}
async function actionEvents(): Promise<EventList['items']> {
  const events = (await (await h.upstream('/api/v1/namespaces/shop/events')).json()) as EventList;
  return events.items.filter((event) => event.reason === 'KubeResponderAction');
}

describe('allowed writes', () => {
  it('rollout restart: the restartedAt annotation appears on the pod template', async () => {
    const at = '2026-11-23T10:05:00Z';
    const response = await h.send('PATCH', deployment, {
      actor: 'slack:UAPPROVER',
      contentType: 'application/strategic-merge-patch+json',
      body: JSON.stringify({
        spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': at } } } },
      }),
    });
    expect(response.status).toBe(200);
    await response.text();
    const after = (await (await h.upstream(deployment)).json()) as {
      spec: { template: { metadata: { annotations?: Record<string, string> } } };
    };
    expect(after.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt']).toBe(at);
    const events = await actionEvents();
    expect(events).toContainEqual(
      expect.objectContaining({
        involvedObject: expect.objectContaining({ kind: 'Deployment', name: 'payment' }),
        message: expect.stringContaining('slack:UAPPROVER'),
      }),
    );
  });

  it('scale: the scale subresource changes the replicas', async () => {
    const response = await h.send('PATCH', `${deployment}/scale`, {
      actor: 'line:U0123456789abcdef',
      contentType: 'application/merge-patch+json',
      body: '{"spec":{"replicas":3}}',
    });
    expect(response.status).toBe(200);
    await response.text();
    const scale = (await (await h.upstream(`${deployment}/scale`)).json()) as { spec: { replicas: number } };
    expect(scale.spec.replicas).toBe(3);
    const events = await actionEvents();
    expect(
      events.some((e) => e.message.includes('to 3 replicas') && e.message.includes('line:U0123456789abcdef')),
    ).toBe(true);
  });

  it('pod delete: the pod is gone', async () => {
    const path = '/api/v1/namespaces/shop/pods/payment-7d9f-abcde';
    const response = await h.send('DELETE', path, { actor: 'slack:UAPPROVER' });
    expect(response.status).toBe(200);
    await response.text();
    expect((await h.upstream(path)).status).toBe(404);
    const events = await actionEvents();
    expect(events).toContainEqual(
      expect.objectContaining({
        involvedObject: expect.objectContaining({ kind: 'Pod', name: 'payment-7d9f-abcde' }),
      }),
    );
  });

  it('audits each write with actor, verb, decision, status and the Event it recorded', () => {
    const writes = h.audit.filter((line) => line.method !== 'GET');
    expect(
      writes.map((line) => [line.actor, line.verb, line.rule, line.decision, line.status, line.event]),
    ).toEqual([
      ['slack:UAPPROVER', 'patch', 'rollout-restart', 'allowed', 200, 'recorded'],
      ['line:U0123456789abcdef', 'patch', 'scale', 'allowed', 200, 'recorded'],
      ['slack:UAPPROVER', 'delete', 'delete-pod', 'allowed', 200, 'recorded'],
    ]);
    for (const line of writes) {
      expect(line.bytes).toBeGreaterThan(0);
      expect(line.durationMs).toBeGreaterThanOrEqual(0);
    }
  });
});
