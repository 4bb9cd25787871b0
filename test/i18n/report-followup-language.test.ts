// An AI follow-up is said in the language of the message it answers: the thread it is scheduled for keeps the
// destination's `?lang=`, and the follow-up's wrapper is in that language.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { aiFollowupMessage, chatMessageAsText } from '../../lib/chat/index.ts';
import type { RestClusterReader } from '../../lib/cluster/index.ts';
import { diagnoseAlertJob, parseAlertmanagerPayload } from '../../lib/events/alertmanager/index.ts';
import { type AiFollowupJob, runDiagnoseAlertJob } from '../../lib/jobs/index.ts';
import type { Report } from '../../lib/report/index.ts';
import { MemoryKv, stores } from '../../lib/store/index.ts';
import { fixtureCluster } from '../agent/cluster.ts';

const demo = (file: string) => readFileSync(resolve(import.meta.dirname, '../fixtures/demo', file), 'utf8');

it('keeps each thread’s language for the follow-up, and says its wrapper in it', async () => {
  const parsed = parseAlertmanagerPayload(JSON.parse(demo('alert-crashloop.json')));
  if (!parsed.ok || !parsed.alerts[0]) throw new Error('the demo alert does not parse');
  const job = diagnoseAlertJob(parsed.alerts[0].alert, {
    defaultCluster: 'demo',
    replyTo: [
      { channel: 'slack', to: 'C-en' },
      { channel: 'line', to: 'C0123', lang: 'zh-TW' },
    ],
    now: new Date('2026-11-23T09:48:00Z'),
  });
  const scheduled: AiFollowupJob[] = [];
  await runDiagnoseAlertJob(job, {
    ...stores(new MemoryKv()),
    readerFor: () => fixtureCluster(demo('crashloop.yaml')).reader as RestClusterReader,
    deliver: async (target) => ({ ...target, id: `m-${target.to}` }),
    // The model is over budget: the report goes out rule-based and the AI part follows later.
    enrich: async (report) => ({ report, retryAfterMs: 30_000 }),
    scheduleAiFollowup: async (followup) => {
      scheduled.push(followup);
    },
  });
  expect(scheduled[0]?.replyTo).toEqual([
    { channel: 'slack', to: 'C-en', thread: 'm-C-en' },
    { channel: 'line', to: 'C0123', thread: 'm-C0123', lang: 'zh-TW' },
  ]);
  const report: Report = {
    id: 'r1',
    source: 'alertmanager',
    cluster: 'demo',
    scope: { kind: 'namespace', namespace: 'shop' },
    startedAt: '2026-11-23T09:48:00Z',
    findings: [],
    summary: 's',
    proposals: [],
    ai: {
      model: 'gemini-2.5-flash',
      text: 'mysql 的 Service selector 對不上。',
      toolCalls: 3,
      tokens: { prompt: 900, output: 80 },
    },
  };
  const zhTW = chatMessageAsText(aiFollowupMessage(report, 'zh-TW'));
  expect(zhTW).toContain('AI 補充分析（gemini-2.5-flash）： mysql 的 Service selector 對不上。');
  expect(zhTW).toContain('報告 r1 · 呼叫工具 3 次 · 提示詞 900 個 Token');
  expect(chatMessageAsText(aiFollowupMessage(report))).toContain(
    'report r1 · 3 tool calls · 900 prompt tokens',
  );
});
