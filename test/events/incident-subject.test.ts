// What an alert is about decides its incident: one workload is one incident whatever label shape its alerts
// arrive in, and the exporter that reported an alert (kube-state-metrics) is never what it is about.

import { describe, expect, it } from 'vitest';
import type { AlertmanagerAlert } from '../../lib/events/index.ts';
import { ingestAlerts } from '../../lib/events/index.ts';
import type { Job } from '../../lib/jobs/index.ts';
import type { Queue } from '../../lib/queue/index.ts';
import { incidentStore, MemoryKv } from '../../lib/store/index.ts';
import { ingestOptions } from './ingest-options.ts';

class RecordingQueue implements Queue {
  readonly published: Job[] = [];
  async publish(job: Job) {
    this.published.push(job);
    return { messageId: `msg-${this.published.length}`, deduplicated: false };
  }
}

/** The labels kube-prometheus-stack's kube-state-metrics scrape adds to every alert it raises. */
const exporter = {
  job: 'kube-state-metrics',
  service: 'kube-prometheus-stack-kube-state-metrics',
  instance: '10.244.0.17:8080',
  endpoint: 'http',
  container: 'kube-state-metrics',
  prometheus: 'monitoring/kube-prometheus-stack-prometheus',
};

let fingerprint = 0x100;
const alert = (alertname: string, labels: Record<string, string>): AlertmanagerAlert => ({
  status: 'firing',
  labels: { alertname, namespace: 'shop', ...exporter, ...labels },
  annotations: {},
  startsAt: '2026-11-23T08:00:00Z',
  fingerprint: (fingerprint++).toString(16),
});

const options = ingestOptions;

const incidentsOf = (queue: RecordingQueue) =>
  queue.published.map((job) => (job.kind === 'diagnose-alert' ? job.incidentKey : job.id));

describe('one workload, one incident', () => {
  const shapes = [
    alert('KubeDeploymentReplicasMismatch', { deployment: 'checkout' }),
    alert('KubePodCrashLooping', { pod: 'checkout-6c9b7d5f8d-x2k9p', container: 'checkout' }),
    alert('KubeStatefulSetReplicasMismatch', { statefulset: 'orders-db' }),
    alert('KubePodNotReady', { pod: 'orders-db-0' }),
  ];

  it('groups the label shapes of one workload in one webhook: two workloads, two jobs', async () => {
    const queue = new RecordingQueue();
    const result = await ingestAlerts(
      shapes.map((a, index) => ({ index, alert: a })),
      options(queue),
    );
    expect(incidentsOf(queue)).toEqual(['prod/shop/Workload/checkout', 'prod/shop/Workload/orders-db']);
    expect(result.enqueued.map((e) => e.alerts)).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('groups them across webhooks too: the later shape joins the incident the first one opened', async () => {
    const queue = new RecordingQueue();
    const incidents = incidentStore(new MemoryKv());
    const results = [];
    for (const [index, a] of shapes.entries())
      results.push(await ingestAlerts([{ index, alert: a }], options(queue, incidents)));
    expect(queue.published).toHaveLength(2);
    expect(results.map((r) => r.enqueued.length)).toEqual([1, 0, 1, 0]);
    expect(results[1]?.grouped).toEqual([
      { index: 1, incident: 'prod/shop/Workload/checkout', jobId: queue.published[0]?.id },
    ]);
    // Both shapes are the incident's firing alerts, the joined one beside the one that opened it.
    const firing = await incidents.firing('prod/shop/Workload/orders-db');
    expect(Object.keys(firing)).toEqual([shapes[2]?.fingerprint, shapes[3]?.fingerprint]);
    expect(firing[shapes[3]?.fingerprint ?? '']?.name).toBe('KubePodNotReady');
  });
});

describe("the exporter's labels are never the subject", () => {
  it('keys a quota alert on its ResourceQuota, else on the alert in its namespace', async () => {
    const queue = new RecordingQueue();
    // kube-state-metrics' own pod comes along as a target label when the metric names no pod.
    const ksmPod = { pod: 'kube-prometheus-stack-kube-state-metrics-6d8f7c9b5d-x2k9p' };
    await ingestAlerts(
      [
        alert('KubeQuotaExceeded', { resourcequota: 'compute', resource: 'cpu', ...ksmPod }),
        alert('KubeQuotaAlmostFull', { resourcequota: 'storage', resource: 'requests.storage' }),
        alert('KubeQuotaFullyUsed', { resource: 'pods', ...ksmPod }),
        alert('KubeHpaMaxedOut', { horizontalpodautoscaler: 'search' }),
      ].map((a, index) => ({ index, alert: a })),
      options(queue),
    );
    expect(incidentsOf(queue)).toEqual([
      'prod/shop/ResourceQuota/compute',
      'prod/shop/ResourceQuota/storage',
      'prod/shop/alert/KubeQuotaFullyUsed',
      'prod/shop/HorizontalPodAutoscaler/search',
    ]);
    expect(incidentsOf(queue).some((key) => /kube-state-metrics|Service\//.test(key))).toBe(false);
  });

  it('does not join unrelated alerts of one namespace into the exporter', async () => {
    const queue = new RecordingQueue();
    const result = await ingestAlerts(
      [
        alert('KubeQuotaFullyUsed', { resource: 'pods' }),
        alert('KubeQuotaExceeded', { resource: 'cpu' }),
      ].map((a, index) => ({ index, alert: a })),
      options(queue),
    );
    expect(result.enqueued).toHaveLength(2);
    expect(result.grouped).toEqual([]);
  });
});
