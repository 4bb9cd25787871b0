// An alert storm of N alerts on K workloads produces K diagnose jobs, never N; a failed publish loses nothing.

import { describe, expect, it } from 'vitest';
import {
  type AlertmanagerAlert,
  alertWorkload,
  ingestAlerts,
  parseAlertmanagerPayload,
} from '../../lib/events/index.ts';
import type { Job } from '../../lib/jobs/index.ts';
import type { Queue } from '../../lib/queue/index.ts';
import { incidentStore, MemoryKv } from '../../lib/store/index.ts';
import { ingestOptions } from './ingest-options.ts';

class RecordingQueue implements Queue {
  readonly published: Job[] = [];
  failNext = 0;
  async publish(job: Job) {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('QStash answered 500');
    }
    this.published.push(job);
    return { messageId: `msg-${this.published.length}`, deduplicated: false };
  }
}

const alert = (labels: Record<string, string>, fingerprint: string): AlertmanagerAlert => ({
  status: 'firing',
  labels: { alertname: 'KubePodCrashLooping', namespace: 'shop', ...labels },
  annotations: {},
  startsAt: '2026-11-23T08:00:00Z',
  fingerprint,
});

const options = ingestOptions;

describe('incident grouping', () => {
  it('folds pod names to their workload', () => {
    expect(alertWorkload({ pod: 'payment-7d9f8c6b5d-x2x7q' })).toEqual({ kind: 'Workload', name: 'payment' });
    expect(alertWorkload({ pod: 'frontend-6b4c9fd8b7-abcde' })).toEqual({
      kind: 'Pod',
      name: 'frontend-6b4c9fd8b7-abcde',
    });
    expect(alertWorkload({ pod: 'mysql-0' })).toEqual({ kind: 'Workload', name: 'mysql' });
    expect(alertWorkload({ pod: 'node-exporter-4kq9z' })).toEqual({
      kind: 'Workload',
      name: 'node-exporter',
    });
    expect(alertWorkload({ pod: 'payment-7d9f8c6b5d-x2x7q', deployment: 'payment' })).toEqual({
      kind: 'Deployment',
      name: 'payment',
    });
    expect(alertWorkload({ node: 'node-1' })).toEqual({ kind: 'Node', name: 'node-1' });
    // kube-prometheus pod alerts carry the exporter's Service and node: the pod still decides.
    expect(
      alertWorkload({
        pod: 'payment-7d9f8c6b5d-x7k2p',
        service: 'kube-prometheus-stack-kube-state-metrics',
        node: 'node-3',
      }),
    ).toEqual({ kind: 'Workload', name: 'payment' });
  });

  it('turns a storm of 60 alerts on 3 workloads into 3 jobs, across several batches', async () => {
    const queue = new RecordingQueue();
    const store = incidentStore(new MemoryKv());
    const workloads = ['payment-7d9f8c6b5d', 'cart-5f6b7c8d9x', 'search-6c7d8f9b2z'];
    const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
    const suffix = (i: number) =>
      Array.from({ length: 5 }, (_, k) => alphabet[(i * 7 + k * 3) % alphabet.length]).join('');
    const storm = Array.from({ length: 60 }, (_, i) => ({
      index: i,
      alert: alert({ pod: `${workloads[i % 3]}-${suffix(i)}` }, (0x1000 + i).toString(16)),
    }));
    const first = await ingestAlerts(storm.slice(0, 30), options(queue, store));
    const second = await ingestAlerts(storm.slice(30), options(queue, store));
    expect(queue.published).toHaveLength(3);
    expect(first.enqueued).toHaveLength(3);
    expect(first.grouped).toHaveLength(0);
    expect(first.enqueued.flatMap((e) => e.alerts)).toHaveLength(30);
    expect(second.enqueued).toHaveLength(0);
    expect(second.grouped).toHaveLength(30);
    expect(new Set(queue.published.map((j) => (j.kind === 'diagnose-alert' ? j.incidentKey : j.id)))).toEqual(
      new Set(['prod/shop/Workload/payment', 'prod/shop/Workload/cart', 'prod/shop/Workload/search']),
    );
  });

  it('releases the incident when the publish fails, so the retry enqueues it', async () => {
    const queue = new RecordingQueue();
    const store = incidentStore(new MemoryKv());
    queue.failNext = 1;
    const batch = [{ index: 0, alert: alert({ pod: 'payment-7d9f8c6b5d-x2x7q' }, 'abc123') }];
    const failed = await ingestAlerts(batch, options(queue, store));
    expect(failed.failed).toEqual([{ index: 0, error: 'QStash answered 500' }]);
    const retried = await ingestAlerts(batch, options(queue, store));
    expect(retried.enqueued).toHaveLength(1);
    expect(queue.published).toHaveLength(1);
  });

  it('gives the same firing the same job id (the QStash dedup id)', async () => {
    const queue = new RecordingQueue();
    const batch = [{ index: 0, alert: alert({ deployment: 'payment' }, 'abc123') }];
    await ingestAlerts(batch, options(queue));
    await ingestAlerts(batch, options(queue));
    expect(queue.published.map((j) => j.id)).toEqual(['am-abc123-1795420800', 'am-abc123-1795420800']);
  });
});

describe('payload parsing', () => {
  it('keeps the valid alerts and names what is wrong with the others', () => {
    const parsed = parseAlertmanagerPayload({
      version: '4',
      groupKey: 'g',
      status: 'firing',
      receiver: 'r',
      groupLabels: {},
      commonLabels: {},
      commonAnnotations: {},
      externalURL: 'http://am',
      alerts: [alert({}, 'aa'), { ...alert({}, 'bb'), fingerprint: 'not hex!' }, null],
    });
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.alerts.map((a) => a.index)).toEqual([0]);
    expect(parsed.rejected).toEqual([
      { index: 1, fingerprint: 'not hex!', error: 'alerts[1].fingerprint: fingerprint must be hex' },
      { index: 2, error: expect.stringMatching(/^alerts\[2\]/) },
    ]);
  });
});
