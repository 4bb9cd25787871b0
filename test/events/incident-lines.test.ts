// The lines of an incident's thread in each chat's own language: a chat configured zh-TW (`?lang=`) reads them in
// Chinese while the English chat of the same incident reads them as before; LOCALE speaks for a chat without one.
import { expect, it } from 'vitest';
import type { ChatMessage } from '../../lib/chat/index.ts';
import {
  changeLine,
  type IncidentUpdateJob,
  type JobDeps,
  lasted,
  resolvedMessage,
  runIncidentUpdateJob,
  undiagnosedReport,
} from '../../lib/jobs/index.ts';
import {
  type IncidentThread,
  incidentStore,
  jobLedger,
  MemoryKv,
  reportStore,
} from '../../lib/store/index.ts';

const thread: IncidentThread = {
  reportId: 'r1',
  title: 'KubePodCrashLooping — Deployment shop/payment',
  openedAt: '2026-11-23T08:00:00Z',
  status: 'firing',
  names: ['KubePodCrashLooping'],
  severity: 'warning',
  refs: [
    { channel: 'slack', to: 'C1', id: '1700000000.000100' },
    { channel: 'line', to: 'C0TW', lang: 'zh-TW' },
    { channel: 'line', to: 'C0CN' },
  ],
};
const job = (change: IncidentUpdateJob['change'], at = '2026-11-23T08:42:00Z'): IncidentUpdateJob => ({
  v: 1,
  kind: 'incident-update',
  source: 'alertmanager',
  id: `iu-${change}`,
  createdAt: at,
  cluster: 'prod',
  replyTo: [],
  incidentKey: 'prod/shop/Workload/payment',
  change,
  alerts: [{ name: 'KubePodOOMKilled', severity: 'critical' }],
  at,
});

it('says the durations in every language', () => {
  const from = '2026-11-23T08:00:00Z';
  expect(lasted(from, '2026-11-23T08:42:00Z')).toBe('42 min');
  expect(lasted(from, '2026-11-23T11:05:00Z')).toBe('3 h 5 min');
  expect(lasted(from, '2026-11-25T12:00:00Z')).toBe('2 days 4 h');
  expect(lasted(from, '2026-11-23T11:05:00Z', 'zh-TW')).toBe('3 小時 5 分鐘');
  expect(lasted(from, '2026-11-25T12:00:00Z', 'zh-CN')).toBe('2 天 4 小时');
});

it('says a new name and a severity up in the reader language', () => {
  expect(changeLine(job('alert'), 1, thread)).toBe('➕ Also firing: KubePodOOMKilled — 1 alert firing');
  expect(changeLine(job('alert'), 3, thread, 'zh-TW')).toBe(
    '➕ 另有告警觸發：KubePodOOMKilled（3 個告警觸發中）',
  );
  expect(changeLine(job('escalation'), 3, thread, 'zh-CN')).toBe(
    '🔺 严重级别升至 critical（原为 warning）：KubePodOOMKilled（3 个告警触发中）',
  );
  const green = resolvedMessage(thread, undefined, '42 分鐘', 'x', 'zh-TW');
  expect(green).toMatchObject({
    type: 'text',
    text: '✅ 已解決：KubePodCrashLooping — Deployment shop/payment，持續 42 分鐘',
  });
});

it('tells each chat of the thread in its own language, LOCALE for a chat without one', async () => {
  const kv = new MemoryKv();
  const incidents = incidentStore(kv);
  await incidents.saveThread('prod/shop/Workload/payment', thread, 86_400);
  const reports = reportStore(kv);
  const firing = { name: 'KubePodCrashLooping', labels: { namespace: 'shop' }, annotations: {} };
  await reports.save(undiagnosedReport({ cluster: 'prod', alert: firing }, 'r1', 'test', new Date()), 600);
  const said: [string, string][] = [];
  const edited: ChatMessage[] = [];
  const deps: JobDeps = {
    ledger: jobLedger(kv),
    reports,
    incidents,
    locale: 'zh-CN',
    readerFor: () => {
      throw new Error('no cluster reads in an update');
    },
    deliver: async () => undefined,
    async say(target, message) {
      said.push([target.to, message.type === 'text' ? message.text : message.type]);
      return undefined;
    },
    async update(_ref, message) {
      edited.push(message);
    },
  };
  await runIncidentUpdateJob(job('alert'), deps);
  expect(said).toEqual([
    ['C1', '➕ 另有告警触发：KubePodOOMKilled（0 个告警触发中）'],
    ['C0TW', '➕ 另有告警觸發：KubePodOOMKilled（0 個告警觸發中）'],
    ['C0CN', '➕ 另有告警触发：KubePodOOMKilled（0 个告警触发中）'],
  ]);
  said.length = 0;
  await runIncidentUpdateJob(job('resolved'), deps);
  // Slack's message is edited (its chat has no language of its own: LOCALE); each LINE chat gets one note.
  expect(edited[0]).toMatchObject({ icon: '✅', severity: 'ok' });
  expect((edited[0] as { fields: unknown[] }).fields[0]).toEqual({
    label: '状态',
    value: '已解决，持续 42 分钟',
  });
  expect(said).toEqual([
    ['C0TW', '✅ 已解決：KubePodCrashLooping — Deployment shop/payment，持續 42 分鐘'],
    ['C0CN', '✅ 已解决：KubePodCrashLooping — Deployment shop/payment，持续 42 分钟'],
  ]);
});
