// What Alertmanager is answered when a batch cannot be queued: which part failed, never the store's command
// (with its keys and values) that @upstash/redis echoes in its errors; the full detail is kept for the log.
import { expect, it } from 'vitest';
import { type AlertmanagerAlert, INCIDENT_STORE_UNAVAILABLE, ingestAlerts } from '../../lib/events/index.ts';
import type { Queue } from '../../lib/queue/index.ts';
import { incidentStore } from '../../lib/store/index.ts';
import { ingestOptions } from './ingest-options.ts';

const alert: AlertmanagerAlert = {
  status: 'firing',
  labels: { alertname: 'KubePodCrashLooping', namespace: 'shop', pod: 'payment-7d9f8c6b5d-x2x7q' },
  annotations: {},
  startsAt: '2026-11-23T08:00:00Z',
  fingerprint: 'abc123',
};
const echo =
  'ERR max requests limit exceeded, command was: [["set","kr:incident:prod/shop/Workload/payment"]]';
const queue: Queue = {
  async publish() {
    throw new Error(`QStash answered 500\n${echo}`);
  },
};

it('answers the incident store failing as unavailable, and logs what it said', async () => {
  const down = incidentStore({
    batch: async () => {
      throw new Error(echo);
    },
  });
  const result = await ingestAlerts([{ index: 0, alert }], ingestOptions(queue, down));
  expect(result.failed).toEqual([{ index: 0, error: INCIDENT_STORE_UNAVAILABLE }]);
  expect(result.errors).toEqual([echo]);
});

it("answers a publish failure with the queue's own first line only", async () => {
  const result = await ingestAlerts([{ index: 0, alert }], ingestOptions(queue));
  expect(result.failed).toEqual([{ index: 0, error: 'QStash answered 500' }]);
  expect(JSON.stringify(result.failed)).not.toContain('command');
  expect(result.errors[0]).toContain('command was');
});
