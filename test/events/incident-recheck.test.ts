// A long-firing incident is diagnosed again once its diagnosis is older than the recheck interval: Alertmanager's
// re-send asks for it (one job per interval), and its thread hears of it only when the root cause moved.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { ChatMessage } from '../../lib/chat/index.ts';
import { type AlertmanagerAlert, ingestAlerts } from '../../lib/events/index.ts';
import {
  type DiagnoseAlertJob,
  type IncidentUpdateJob,
  type Job,
  type JobDeps,
  runDiagnoseAlertJob,
  runIncidentUpdateJob,
} from '../../lib/jobs/index.ts';
import type { Queue } from '../../lib/queue/index.ts';
import { MemoryKv, stores } from '../../lib/store/index.ts';
import { fixtureCluster } from '../agent/cluster.ts';

let fixture: string;
beforeAll(async () => {
  fixture = await readFile(resolve(import.meta.dirname, '../fixtures/demo/crashloop.yaml'), 'utf8');
});

const T0 = Date.parse('2026-11-23T09:50:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const KEY = 'demo/shop/Workload/payment';
const alert: AlertmanagerAlert = {
  status: 'firing',
  labels: {
    alertname: 'KubePodCrashLooping',
    cluster: 'demo',
    namespace: 'shop',
    pod: 'payment-7d9f8c6b5d-x7k2p',
    severity: 'warning',
  },
  annotations: {},
  startsAt: '2026-11-23T09:47:30Z',
  fingerprint: 'c0ffee',
};

function harness() {
  const state = stores(new MemoryKv());
  const published: Job[] = [];
  const queue: Queue = {
    async publish(job: Job) {
      published.push(job);
      return { messageId: `m${published.length}`, deduplicated: false };
    },
  };
  const said: { channel: string; to: string; text: string; notify?: boolean }[] = [];
  let clock = at(0);
  const deps: JobDeps = {
    ...state,
    readerFor: () => fixtureCluster(fixture).reader,
    now: () => clock,
    async deliver(target) {
      return target.channel === 'slack' ? { ...target, id: '1700000000.000100' } : undefined;
    },
    async say(target, message: ChatMessage) {
      said.push({
        channel: target.channel,
        to: target.to,
        notify: target.notify,
        text: message.type === 'text' ? message.text : message.type,
      });
      return undefined;
    },
  };
  const post = (minutes: number, recheckSeconds = 600) => {
    clock = at(minutes);
    return ingestAlerts([{ index: 0, alert }], {
      queue,
      incidents: state.incidents,
      defaultCluster: 'demo',
      replyTo: [
        { channel: 'slack', to: 'C1' },
        { channel: 'line', to: 'C0GROUP', lang: 'zh-TW' },
      ],
      incidentWindowSeconds: 900,
      recheckSeconds,
      now: clock,
    });
  };
  return { state, published, said, deps, post };
}

it('asks for a recheck once an interval, tells nothing when the cause stayed, and one line when it moved', async () => {
  const { state, published, said, deps, post } = harness();
  // The first alert: diagnosed and posted; the thread records the lead finding's root cause and when.
  await post(0);
  await runDiagnoseAlertJob(published[0] as DiagnoseAlertJob, deps);
  const first = await state.incidents.thread(KEY);
  // The demo's payment crash-loops because its database is unreachable: that is the cause recorded.
  expect(first?.cause).toBe('DependencyUnreachable Service/shop/mysql');
  expect(first?.diagnosedAt).toBe(at(0).toISOString());
  expect(first?.refs.find((r) => r.channel === 'line')?.lang).toBe('zh-TW');

  // Alertmanager's re-send within the interval asks for nothing.
  expect((await post(5)).updated).toEqual([]);
  // Past it, a recheck; another re-send in the same interval asks for the same job (one id per interval).
  const due = await post(11);
  expect(due.updated.map((u) => u.change)).toEqual(['recheck']);
  expect((await post(12)).updated.map((u) => u.jobId)).toEqual([due.updated[0]?.jobId]);
  // Without a recheck interval it never asks.
  expect((await post(12, 0)).updated).toEqual([]);

  // The same cluster, the same root cause: nothing is said, and the diagnosis is fresh again.
  const recheck = published.at(-1) as IncidentUpdateJob;
  expect(recheck).toMatchObject({
    kind: 'incident-update',
    change: 'recheck',
    alert: { fingerprint: 'c0ffee' },
  });
  expect(await runIncidentUpdateJob(recheck, deps)).toEqual({
    status: 'skipped',
    reason: 'the same root cause',
  });
  expect(said).toEqual([]);
  expect((await state.incidents.thread(KEY))?.diagnosedAt).toBe(at(12).toISOString());
  expect((await post(20)).updated).toEqual([]);

  // The thread had recorded another cause: the recheck tells it once, quietly, in each chat's language.
  await state.incidents.saveThread(
    KEY,
    { ...(first as NonNullable<typeof first>), cause: 'ConfigMissing ConfigMap/shop/old' },
    86_400,
  );
  const moved = await post(30);
  const job = published.at(-1) as IncidentUpdateJob;
  expect(moved.updated.map((u) => u.change)).toEqual(['recheck']);
  expect(await runIncidentUpdateJob(job, deps)).toMatchObject({ status: 'updated', change: 'recheck' });
  expect(said.map((s) => [s.channel, s.notify])).toEqual([
    ['slack', false],
    ['line', false],
  ]);
  expect(said[0]?.text).toMatch(/^🔁 New root cause: Service shop\/mysql — ./);
  expect(said[1]?.text).toMatch(/^🔁 新的根本原因：Service shop\/mysql：./);
  expect((await state.incidents.thread(KEY))?.cause).toBe(first?.cause);
  // Its redelivery says nothing again.
  expect(await runIncidentUpdateJob(job, deps)).toEqual({ status: 'duplicate' });
  expect(said).toHaveLength(2);
});

it('does not recheck a resolved incident', async () => {
  const { state, published, deps, post } = harness();
  await post(0);
  await runDiagnoseAlertJob(published[0] as DiagnoseAlertJob, deps);
  const thread = await state.incidents.thread(KEY);
  await state.incidents.saveThread(
    KEY,
    { ...(thread as NonNullable<typeof thread>), status: 'resolved' },
    86_400,
  );
  expect((await post(30)).updated).toEqual([]);
});
