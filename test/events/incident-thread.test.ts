// An incident's life in one thread, ingest to message: repeats post nothing, a new alert name adds one quiet line,
// a severity up one line that notifies, the last resolve turns the Slack message green (LINE: one note), and a
// re-fire after that opens the incident again.
import { expect, it } from 'vitest';
import type { ChatMessage, MessageRef } from '../../lib/chat/index.ts';
import { type AlertmanagerAlert, ingestAlerts } from '../../lib/events/index.ts';
import {
  type IncidentUpdateJob,
  type Job,
  type JobDeps,
  runIncidentUpdateJob,
} from '../../lib/jobs/index.ts';
import type { Queue } from '../../lib/queue/index.ts';
import { incidentStore, jobLedger, MemoryKv, reportStore } from '../../lib/store/index.ts';
import { ingestOptions } from './ingest-options.ts';

const kv = new MemoryKv();
const incidents = incidentStore(kv);
const published: Job[] = [];
const queue: Queue<Job> = {
  async publish(job) {
    published.push(job);
    return { messageId: `m${published.length}`, deduplicated: false };
  },
};
const options = ingestOptions(queue, incidents);
const KEY = 'prod/shop/Workload/payment';

const said: { to: string; channel: string; thread?: string; notify?: boolean; text: string }[] = [];
const updated: { ref: MessageRef; message: ChatMessage }[] = [];
const deps = {
  ledger: jobLedger(kv),
  reports: reportStore(kv),
  incidents,
  readerFor: () => {
    throw new Error('no cluster reads in an update');
  },
  deliver: async () => undefined,
  async say(sent, message) {
    // The send key is the chat adapter's idempotency key (lib/jobs/once.ts), not what people see.
    const { sendKey: _sendKey, ...target } = sent as typeof sent & { sendKey?: string };
    said.push({ ...target, text: message.type === 'text' ? message.text : message.type });
    return undefined;
  },
  async update(ref, message) {
    updated.push({ ref, message });
  },
} satisfies JobDeps;

const alert = (
  name: string,
  fingerprint: string,
  extra: Partial<AlertmanagerAlert> & { severity?: string } = {},
): AlertmanagerAlert => ({
  status: extra.status ?? 'firing',
  labels: {
    alertname: name,
    namespace: 'shop',
    deployment: 'payment',
    severity: extra.severity ?? 'warning',
  },
  annotations: {},
  startsAt: extra.startsAt ?? '2026-11-23T08:00:00Z',
  ...(extra.endsAt ? { endsAt: extra.endsAt } : {}),
  fingerprint,
});

const post = (...alerts: AlertmanagerAlert[]) =>
  ingestAlerts(
    alerts.map((a, index) => ({ index, alert: a })),
    options,
  );
const lastUpdate = () => published.at(-1) as IncidentUpdateJob;

it('tells an incident in one thread: new name, escalation, resolve, reopen', async () => {
  // 1. The first alert opens the incident; its diagnose job posts and records the thread (as diagnose-alert does).
  const opened = await post(alert('KubePodCrashLooping', 'a1'));
  expect(opened.enqueued).toHaveLength(1);
  await incidents.saveThread(
    KEY,
    {
      reportId: 'r1',
      title: 'KubePodCrashLooping — Deployment shop/payment',
      openedAt: '2026-11-23T08:00:00Z',
      status: 'firing',
      names: ['KubePodCrashLooping'],
      severity: 'warning',
      refs: [
        { channel: 'slack', to: 'C1', id: '1700000000.000100' },
        { channel: 'line', to: 'U1' },
      ],
    },
    86_400,
  );

  // 2. The same alert again (repeat_interval), and another pod with the same name: nothing to publish.
  const repeat = await post(alert('KubePodCrashLooping', 'a1'), alert('KubePodCrashLooping', 'a2'));
  expect(repeat.updated).toEqual([]);
  expect(published).toHaveLength(1);

  // 3. A new alert name: one update job, one quiet line in the thread.
  const named = await post(alert('KubeContainerOOMKilled', 'b1'));
  expect(named.updated.map((u) => u.change)).toEqual(['alert']);
  expect(await runIncidentUpdateJob(lastUpdate(), deps)).toMatchObject({ status: 'updated' });
  expect(said).toEqual([
    {
      channel: 'slack',
      to: 'C1',
      thread: '1700000000.000100',
      notify: false,
      text: '➕ Also firing: KubeContainerOOMKilled — 3 alerts firing',
    },
    {
      channel: 'line',
      to: 'U1',
      notify: false,
      text: '➕ Also firing: KubeContainerOOMKilled — 3 alerts firing',
    },
  ]);
  // Its redelivery posts nothing again; the same name again publishes nothing.
  expect(await runIncidentUpdateJob(lastUpdate(), deps)).toEqual({ status: 'duplicate' });
  expect((await post(alert('KubeContainerOOMKilled', 'b2'))).updated).toEqual([]);
  expect(said).toHaveLength(2);

  // 4. Severity up: one line that notifies (Slack reply_broadcast).
  const up = await post(alert('KubePodCrashLooping', 'c1', { severity: 'critical' }));
  expect(up.updated.map((u) => u.change)).toEqual(['escalation']);
  await runIncidentUpdateJob(lastUpdate(), deps);
  expect(said.slice(2).map((s) => [s.channel, s.notify, s.text])).toEqual([
    ['slack', true, '🔺 Severity up to critical (was warning): KubePodCrashLooping — 5 alerts firing'],
    ['line', true, '🔺 Severity up to critical (was warning): KubePodCrashLooping — 5 alerts firing'],
  ]);

  // 5. Some resolve: nothing. The last resolves: Slack's message edited to ✅ with the duration, LINE one note.
  const resolved = (fp: string) =>
    alert('KubePodCrashLooping', fp, { status: 'resolved', endsAt: '2026-11-23T08:42:00Z' });
  expect((await post(resolved('a1'), resolved('a2'), resolved('b1'))).updated).toEqual([]);
  const last = await post(resolved('b2'), resolved('c1'));
  expect(last.updated.map((u) => u.change)).toEqual(['resolved']);
  await runIncidentUpdateJob(lastUpdate(), deps);
  expect(updated).toHaveLength(1);
  expect(updated[0]?.ref).toEqual({ channel: 'slack', to: 'C1', id: '1700000000.000100' });
  // The report r1 is not stored here: the message is the resolve line itself.
  expect(JSON.stringify(updated[0]?.message)).toContain(
    '✅ Resolved: KubePodCrashLooping — Deployment shop/payment, after 42 min',
  );
  expect(said.at(-1)).toMatchObject({
    channel: 'line',
    text: '✅ Resolved: KubePodCrashLooping — Deployment shop/payment, after 42 min',
  });
  expect((await incidents.thread(KEY))?.status).toBe('resolved');
  // Alertmanager re-sends the resolve: same job id, and nothing is firing any more to resolve.
  expect((await post(resolved('c1'))).updated).toEqual([]);

  // 6. A re-fire: the incident opens again (a diagnose job, which reopens the recorded thread).
  const refire = await post(alert('KubePodCrashLooping', 'a1', { startsAt: '2026-11-23T09:00:00Z' }));
  expect(refire.enqueued).toHaveLength(1);
  expect(published.at(-1)?.kind).toBe('diagnose-alert');
});

it('waits for the first message: an update before it is retried, not dropped', async () => {
  const job = { ...lastUpdate(), id: 'iu-wait', incidentKey: 'prod/shop/Workload/other' };
  await expect(runIncidentUpdateJob(job, deps)).rejects.toThrow(/has no message yet/);
  expect(await runIncidentUpdateJob(job, deps, { finalAttempt: true })).toMatchObject({ status: 'skipped' });
});
