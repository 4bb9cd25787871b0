// What ingest costs in Redis with incidents tracked: a webhook of 50 alerts over 5 workloads is at most two round
// trips and at most 2 commands per alert, on its first post and on Alertmanager's repeat of it.
import { expect, it } from 'vitest';
import { type AlertmanagerAlert, ingestAlerts } from '../../lib/events/index.ts';
import type { Job } from '../../lib/jobs/index.ts';
import type { Queue } from '../../lib/queue/index.ts';
import { incidentStore, type Kv, MemoryKv } from '../../lib/store/index.ts';
import { ingestOptions } from './ingest-options.ts';

/** A Kv that counts what reaches it: batches (round trips) and commands. */
function countingKv(inner: Kv) {
  const counts = { batches: 0, commands: 0 };
  const kv: Kv = {
    batch(commands) {
      counts.batches++;
      counts.commands += commands.length;
      return inner.batch(commands);
    },
  };
  return { kv, counts };
}

const published: Job[] = [];
const queue: Queue<Job> = {
  async publish(job) {
    published.push(job);
    return { messageId: `m${published.length}`, deduplicated: false };
  },
};

/** 50 crash-loop alerts, 10 pods of each of 5 Deployments. */
const batch = Array.from({ length: 50 }, (_, index) => ({
  index,
  alert: {
    status: 'firing',
    labels: {
      alertname: 'KubePodCrashLooping',
      namespace: 'shop',
      severity: 'warning',
      pod: `svc${index % 5}-6c9b7d5f8d-${String(index)
        .padStart(5, 'b')
        .replace(/\d/g, (d) => 'bcdfghjklm'[Number(d)] as string)}`,
    },
    annotations: {},
    startsAt: '2026-11-23T08:00:00Z',
    fingerprint: (0x2000 + index).toString(16),
  } satisfies AlertmanagerAlert,
}));

it('costs at most 2 round trips and 2 Redis commands per alert for 50 alerts over 5 workloads', async () => {
  const { kv, counts } = countingKv(new MemoryKv());
  const options = ingestOptions(queue, incidentStore(kv));

  const first = await ingestAlerts(batch, options);
  expect(first.enqueued).toHaveLength(5);
  const opening = { ...counts };
  // One read (MGET of holders and threads), then the writes with the five claims.
  expect(opening.batches).toBe(2);
  expect(opening.commands / 50).toBeLessThanOrEqual(2);

  // Alertmanager's repeat of the same group: the same dedup ids again (QStash runs each once), no update.
  const repeat = await ingestAlerts(batch, options);
  expect(repeat.enqueued.map((e) => e.jobId)).toEqual(first.enqueued.map((e) => e.jobId));
  expect(repeat.updated).toHaveLength(0);
  expect(new Set(published.map((job) => job.id)).size).toBe(5);
  const again = { batches: counts.batches - opening.batches, commands: counts.commands - opening.commands };
  expect(again.batches).toBeLessThanOrEqual(2);
  expect(again.commands / 50).toBeLessThanOrEqual(2);
  const trips = (n: number) => `${n} round trip${n === 1 ? '' : 's'}`;
  console.log(
    `incident ingest, 50 alerts over 5 workloads: first post ${trips(opening.batches)}, ${opening.commands} commands (${opening.commands / 50} per alert); repeat ${trips(again.batches)}, ${again.commands} commands (${again.commands / 50} per alert)`,
  );
});

/** The storm's shape: post after post of 50 alerts spread over 40 Deployments, every alert a pod of its own. */
const stormPost = (post: number) =>
  Array.from({ length: 50 }, (_, index) => {
    const n = post * 50 + index;
    return {
      index,
      alert: {
        status: 'firing',
        labels: {
          alertname: 'KubePodCrashLooping',
          namespace: 'shop',
          severity: 'warning',
          pod: `storm${n % 40}-6c9b7d5f8d-${String(n)
            .padStart(5, '0')
            .replace(/\d/g, (d) => 'bcdfghjklm'[Number(d)] as string)}`,
        },
        annotations: {},
        startsAt: '2026-11-23T08:00:00Z',
        fingerprint: (0x9000 + n).toString(16),
      } satisfies AlertmanagerAlert,
    };
  });

it('costs at most 2 Redis commands per alert over a storm of 10 posts × 50 alerts over 40 workloads', async () => {
  const { kv, counts } = countingKv(new MemoryKv());
  const options = ingestOptions(queue, incidentStore(kv));
  const trips: number[] = [];
  let jobs = 0;
  let grouped = 0;
  for (let post = 0; post < 10; post++) {
    const before = counts.batches;
    const result = await ingestAlerts(stormPost(post), options);
    trips.push(counts.batches - before);
    jobs += result.enqueued.length;
    grouped += result.grouped.length;
    expect(result.failed).toEqual([]);
  }
  // One job per workload (its alerts of the first post with it), every later alert grouped into it.
  expect(jobs).toBe(40);
  expect(grouped).toBe(500 - 50);
  const storm = { ...counts };
  expect(Math.max(...trips)).toBeLessThanOrEqual(2);
  expect(storm.commands / 500).toBeLessThanOrEqual(2);
  const firing = await incidentStore(kv).firing('prod/shop/Workload/storm7');
  // Alerts 7, 47, …, 487.
  expect(Object.keys(firing)).toHaveLength(13);
  console.log(
    `incident ingest, storm of 10 posts × 50 alerts over 40 workloads: ${storm.commands} commands (${storm.commands / 500} per alert) in ${storm.batches} round trips`,
  );
});
