// A report that goes out while the model is over budget still gets its AI part: later, as a reply in the
// same thread, once — and never a second full message.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GeminiFake, startGeminiFake } from '../../infra/stack/gemini.ts';
import { GeminiLlm, jobEnricher } from '../../lib/agent/index.ts';
import {
  type AiFollowupDeps,
  type AiFollowupJob,
  type DiagnoseAlertJob,
  MAX_AI_FOLLOWUPS,
  type ReplyTarget,
  runAiFollowupJob,
  runDiagnoseAlertJob,
} from '../../lib/jobs/index.ts';
import type { Report } from '../../lib/report/index.ts';
import { MemoryKv, stores } from '../../lib/store/index.ts';
import { fixtureCluster } from '../agent/cluster.ts';

let gemini: GeminiFake;
let fixture: string;
beforeAll(async () => {
  gemini = await startGeminiFake({ apiKey: 'gemini-test-key' });
  fixture = await readFile(resolve(import.meta.dirname, '../fixtures/demo/crashloop.yaml'), 'utf8');
});
afterAll(async () => gemini?.close());
beforeEach(() => gemini.clearRequests());

interface Sent {
  kind: 'message' | 'reply';
  target: ReplyTarget;
  report: Report;
}

function harness() {
  const sent: Sent[] = [];
  const scheduled: { job: AiFollowupJob; delaySeconds: number }[] = [];
  const llm = new GeminiLlm({ apiKey: 'gemini-test-key', baseUrl: gemini.url, model: 'gemini-3.8-flash' });
  const deps: AiFollowupDeps = {
    ...stores(new MemoryKv()),
    readerFor: () => fixtureCluster(fixture).reader,
    async deliver(target, report) {
      sent.push({ kind: 'message', target, report });
      return { ...target, id: `1700000000.00${sent.length}` };
    },
    async reply(target, report) {
      sent.push({ kind: 'reply', target, report });
    },
    enrich: jobEnricher(llm),
    async scheduleAiFollowup(job, delaySeconds) {
      scheduled.push({ job, delaySeconds });
    },
  };
  return { deps, sent, scheduled };
}

const alertJob: DiagnoseAlertJob = {
  v: 1,
  kind: 'diagnose-alert',
  source: 'alertmanager',
  id: 'am-5f0c8a7d3b2e1f94-1795427250',
  createdAt: '2026-11-23T08:00:00Z',
  cluster: 'demo',
  replyTo: [{ channel: 'slack', to: 'C0KRONCALL' }],
  incidentKey: 'demo/shop/Workload/payment',
  namespace: 'shop',
  alert: {
    name: 'KubePodCrashLooping',
    status: 'firing',
    labels: { alertname: 'KubePodCrashLooping', namespace: 'shop', pod: 'payment-7d9f8c6b5d-x7k2p' },
    annotations: {},
    startsAt: '2026-11-23T08:00:00Z',
    fingerprint: '5f0c8a7d3b2e1f94',
  },
};

describe('AI follow-up', () => {
  it('sends the rule-based report now and the AI part later, in its thread', async () => {
    const { deps, sent, scheduled } = harness();
    gemini.script([{ error: { code: 429, retryAfterSeconds: 40 } }]);
    const first = await runDiagnoseAlertJob(alertJob, deps);
    expect(first).toMatchObject({ status: 'done', aiFollowup: 40 });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.report.ai).toBeUndefined();
    expect(sent[0]?.report.summary).toMatch(/Deployment shop\/payment is crash-looping/);
    expect(scheduled).toHaveLength(1);
    const followup = scheduled[0]!;
    expect(followup.job).toMatchObject({
      kind: 'ai-followup',
      attempt: 1,
      reportId: sent[0]?.report.id,
      replyTo: [{ channel: 'slack', to: 'C0KRONCALL', thread: '1700000000.001' }],
    });

    // Later the model answers: one reply, in the thread, with the AI part; the stored report has it too.
    const later = await runAiFollowupJob(followup.job, deps);
    expect(later).toMatchObject({ status: 'done' });
    expect(sent.map((s) => s.kind)).toEqual(['message', 'reply']);
    expect(sent[1]?.target).toMatchObject({ thread: '1700000000.001' });
    expect(sent[1]?.report.ai?.model).toBe('gemini-3.8-flash');
    expect((await deps.reports.get(followup.job.reportId))?.ai).toBeDefined();

    // QStash may deliver the follow-up again: nothing more is sent.
    expect(await runAiFollowupJob(followup.job, deps)).toEqual({ status: 'duplicate' });
    expect(sent).toHaveLength(2);
  });

  it('tries again later while the model stays over budget, and gives up after the last attempt', async () => {
    const { deps, sent, scheduled } = harness();
    gemini.script([{ error: { code: 429, retryAfterSeconds: 30 } }]);
    await runDiagnoseAlertJob({ ...alertJob, id: 'am-feed-1' }, deps);
    let job = scheduled.at(-1)!.job;
    for (let attempt = 1; attempt <= MAX_AI_FOLLOWUPS; attempt++) {
      expect(job.attempt).toBe(attempt);
      gemini.script([{ error: { code: 429, retryAfterSeconds: 30 } }]);
      const outcome = await runAiFollowupJob(job, deps);
      if (attempt < MAX_AI_FOLLOWUPS) {
        expect(outcome).toEqual({ status: 'rescheduled', inSeconds: 30 });
        job = scheduled.at(-1)!.job;
      } else {
        expect(outcome).toEqual({ status: 'skipped', reason: 'the model did not answer' });
      }
    }
    expect(scheduled).toHaveLength(MAX_AI_FOLLOWUPS);
    expect(new Set(scheduled.map((s) => s.job.id)).size).toBe(MAX_AI_FOLLOWUPS);
    expect(sent.map((s) => s.kind)).toEqual(['message']);
  });

  it('schedules nothing when the model answered the first time', async () => {
    const { deps, sent, scheduled } = harness();
    const outcome = await runDiagnoseAlertJob({ ...alertJob, id: 'am-feed-2' }, deps);
    expect(outcome).toMatchObject({ status: 'done' });
    expect(outcome).not.toHaveProperty('aiFollowup');
    expect(sent[0]?.report.ai).toBeDefined();
    expect(scheduled).toHaveLength(0);
  });
});
