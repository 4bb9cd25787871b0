// The Alertmanager route inside workerd: caller checks and validation happen before anything is enqueued.
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { TEST_ALERTMANAGER_TOKEN } from './bindings.ts';

const alert = {
  status: 'firing',
  labels: {
    alertname: 'KubePodCrashLooping',
    namespace: 'shop',
    pod: 'payment-7d9f8c6b5d-x2x7q',
    severity: 'warning',
  },
  annotations: { summary: 'Pod is crash looping.' },
  startsAt: '2026-11-23T08:00:00Z',
  endsAt: '0001-01-01T00:00:00Z',
  generatorURL: 'http://prometheus/graph',
  fingerprint: '7f3c2a1b0e9d8c7b',
};
const payload = {
  version: '4',
  groupKey: '{}:{alertname="KubePodCrashLooping"}',
  truncatedAlerts: 0,
  status: 'firing',
  receiver: 'kube-responder',
  groupLabels: { alertname: 'KubePodCrashLooping' },
  commonLabels: { alertname: 'KubePodCrashLooping' },
  commonAnnotations: {},
  externalURL: 'http://alertmanager:9093',
  alerts: [alert],
};

const post = (body: unknown, token: string | null = TEST_ALERTMANAGER_TOKEN) =>
  SELF.fetch('https://responder.test/events/alertmanager', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('POST /events/alertmanager', () => {
  it('is healthy', async () => {
    const response = await SELF.fetch('https://responder.test/healthz');
    expect(response.status).toBe(200);
  });

  it('refuses a missing or wrong bearer token', async () => {
    expect((await post(payload, null)).status).toBe(401);
    expect((await post(payload, 'nope')).status).toBe(401);
    expect((await post(payload, `${TEST_ALERTMANAGER_TOKEN}-`)).status).toBe(401);
  });

  it('names the bad field', async () => {
    const response = await post({ ...payload, alerts: [{ ...alert, labels: { namespace: 'shop' } }] });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; rejected: { index: number; error: string }[] };
    expect(body.error).toBe('no valid alert in the batch');
    expect(body.rejected[0]?.error).toBe('alerts[0].labels.alertname: alertname label is required');
  });

  it('refuses bodies over 1 MiB with 413', async () => {
    const response = await post({ ...payload, padding: 'x'.repeat(1024 * 1024) });
    expect(response.status).toBe(413);
  });

  it('answers 5xx when the queue cannot take the job, so Alertmanager retries', async () => {
    const response = await post(payload);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { failed: { index: number }[] };
    expect(body.failed.map((f) => f.index)).toEqual([0]);
  });

  it('ignores resolved alerts', async () => {
    const response = await post({
      ...payload,
      status: 'resolved',
      alerts: [{ ...alert, status: 'resolved' }],
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ enqueued: [], resolved: [0] });
  });
});
