// What fired while the first message was being made is recorded on the thread by the diagnose job, names and the
// highest severity alike, so Alertmanager's later repeats of those alerts post nothing: ingest decides from it.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { AlertmanagerAlert } from '../../lib/events/index.ts';
import { ingestAlerts } from '../../lib/events/index.ts';
import { type DiagnoseAlertJob, type Job, type JobDeps, runDiagnoseAlertJob } from '../../lib/jobs/index.ts';
import type { Queue } from '../../lib/queue/index.ts';
import { MemoryKv, stores } from '../../lib/store/index.ts';
import { fixtureCluster } from '../agent/cluster.ts';

let fixture: string;
beforeAll(async () => {
  fixture = await readFile(resolve(import.meta.dirname, '../fixtures/demo/crashloop.yaml'), 'utf8');
});

const alert = (alertname: string, severity: string, fingerprint: string, pod: string): AlertmanagerAlert => ({
  status: 'firing',
  labels: { alertname, severity, cluster: 'demo', namespace: 'shop', pod },
  annotations: {},
  startsAt: '2026-11-23T09:47:30Z',
  fingerprint,
});

it('records the names and severity that fired meanwhile, so their repeats post nothing', async () => {
  const state = stores(new MemoryKv());
  const published: Job[] = [];
  const queue: Queue = {
    async publish(job: Job) {
      published.push(job);
      return { messageId: `msg-${published.length}`, deduplicated: false };
    },
  };
  const lines: string[] = [];
  const deps: JobDeps = {
    ...state,
    incidentWindowSeconds: 900,
    readerFor: () => fixtureCluster(fixture).reader,
    async deliver(target) {
      return { ...target, id: '1700000000.001' };
    },
    async say(_target, message) {
      lines.push(message.type === 'text' ? message.text : message.type);
      return undefined;
    },
  };
  const ingest = (...alerts: AlertmanagerAlert[]) =>
    ingestAlerts(
      alerts.map((a, index) => ({ index, alert: a })),
      {
        queue,
        incidents: state.incidents,
        defaultCluster: 'demo',
        replyTo: [{ channel: 'slack', to: 'C0KRONCALL' }],
        incidentWindowSeconds: 900,
        now: new Date('2026-11-23T09:47:35Z'),
      },
    );
  const meanwhile = [
    // The same name at a higher severity (not worth a line of its own), and a new name.
    alert('KubePodCrashLooping', 'critical', 'c2', 'payment-7d9f8c6b5d-x7k2q'),
    alert('KubePodNotReady', 'warning', 'c3', 'payment-7d9f8c6b5d-x7k2r'),
  ];

  await ingest(alert('KubePodCrashLooping', 'warning', 'c1', 'payment-7d9f8c6b5d-x7k2p'));
  expect((await ingest(...meanwhile)).grouped).toHaveLength(2);
  expect(await runDiagnoseAlertJob(published[0] as DiagnoseAlertJob, deps)).toMatchObject({ status: 'done' });
  expect(lines).toEqual(['➕ Also firing: KubePodNotReady — 3 alerts firing']);
  const thread = await state.incidents.thread('demo/shop/Workload/payment');
  expect(thread?.names).toEqual(['KubePodCrashLooping', 'KubePodNotReady']);
  expect(thread?.severity).toBe('critical');

  // Alertmanager re-sends them all: nothing is new to the thread.
  const repeat = await ingest(
    alert('KubePodCrashLooping', 'warning', 'c1', 'payment-7d9f8c6b5d-x7k2p'),
    ...meanwhile,
  );
  expect(repeat.updated).toEqual([]);
  expect(published).toHaveLength(1);
});
