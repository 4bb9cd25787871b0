// What a webhook costs in Redis, counted at the real Upstash REST bridge: a storm of alerts on one workload is
// a constant number of round trips, never one per alert.

import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../../infra/stack/redis.ts';
import { startUpstashBridge, type UpstashBridge } from '../../infra/stack/upstash.ts';
import type { AlertmanagerAlert } from '../../lib/events/index.ts';
import { ingestAlerts } from '../../lib/events/index.ts';
import type { Job } from '../../lib/jobs/index.ts';
import type { Queue } from '../../lib/queue/index.ts';
import { incidentStore, RedisKv } from '../../lib/store/index.ts';
import { ingestOptions } from './ingest-options.ts';

let server: RedisServer;
let bridge: UpstashBridge;
beforeAll(async () => {
  server = await startRedisServer();
  bridge = await startUpstashBridge({ port: server.port, token: 'round-trip-token' });
});
afterAll(async () => {
  await bridge?.close();
  await server?.close();
});

const published: Job[] = [];
const queue: Queue<Job> = {
  async publish(job) {
    published.push(job);
    return { messageId: `msg-${published.length}`, deduplicated: false };
  },
};

const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
const suffix = (i: number) => Array.from({ length: 5 }, (_, k) => alphabet[(i * 7 + k * 3) % 27]).join('');
/** A webhook of `count` crash-loop alerts, one per pod of Deployment checkout. */
const webhook = (count: number, from: number) =>
  Array.from({ length: count }, (_, index) => ({
    index,
    alert: {
      status: 'firing',
      labels: {
        alertname: 'KubePodCrashLooping',
        namespace: 'shop',
        pod: `checkout-6c9b7d5f8d-${suffix(from + index)}`,
      },
      annotations: {},
      startsAt: '2026-11-23T08:00:00Z',
      fingerprint: (0x1000 + from + index).toString(16),
    } satisfies AlertmanagerAlert,
  }));

/** What `work` cost at the bridge: HTTP requests and Redis commands. */
async function cost(work: () => Promise<unknown>) {
  const before = { ...bridge.stats };
  await work();
  return {
    requests: bridge.stats.requests - before.requests,
    commands: bridge.stats.commands - before.commands,
  };
}

it('records a webhook of 50 alerts on one workload in O(1) round trips, ≤ 2 commands per alert', async () => {
  const incidents = incidentStore(
    new RedisKv(new Redis({ url: bridge.url, token: 'round-trip-token', enableTelemetry: false })),
  );
  const options = ingestOptions(queue, incidents);

  // The first webhook opens the incident: one read, then the firing set and one claim, one job.
  const opening = await cost(() => ingestAlerts(webhook(50, 0), options));
  expect(published).toHaveLength(1);
  expect(opening.requests).toBe(2);
  expect(opening.commands).toBeLessThanOrEqual(2 * 50);

  // The next 50 join it: the read finds the holder, then every alert recorded in the firing set in one pipeline.
  let result: Awaited<ReturnType<typeof ingestAlerts>> | undefined;
  const joining = await cost(async () => {
    result = await ingestAlerts(webhook(50, 50), options);
  });
  expect(published).toHaveLength(1);
  expect(result?.grouped).toHaveLength(50);
  expect(joining.requests).toBe(2);
  expect(joining.commands / 50).toBeLessThanOrEqual(2);
  const firing = await incidents.firing('prod/shop/Workload/checkout');
  expect(Object.keys(firing)).toHaveLength(100);
  for (const { alert } of webhook(50, 50))
    expect(firing[alert.fingerprint]?.name).toBe('KubePodCrashLooping');

  // Ten workloads in one webhook, ten claims, still cost the same two round trips.
  const many = webhook(50, 100).map(({ index, alert }) => ({
    index,
    alert: { ...alert, labels: { ...alert.labels, pod: `svc-${index % 10}-6c9b7d5f8d-${suffix(index)}` } },
  }));
  const storm = await cost(() => ingestAlerts(many, options));
  expect(storm.requests).toBe(2);
  expect(published).toHaveLength(11);
  const again = await cost(() =>
    ingestAlerts(
      many.map(({ index, alert }) => ({ index, alert: { ...alert, fingerprint: `f${alert.fingerprint}` } })),
      options,
    ),
  );
  expect(again.requests).toBe(2);
  expect(again.commands / 50).toBeLessThanOrEqual(2);
});
