// Every job ends in one line saying what it did: the workload diagnosed, its findings, where the report went, and
// when it went nowhere, what to set; an undelivered report is printed in dev as the text Slack would show.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { logJob } from '../../functions/jobs/log.ts';
import type { RestClusterReader } from '../../lib/cluster/index.ts';
import {
  type DiagnoseAlertJob,
  type JobDeps,
  jobSummary,
  NO_TARGET_HINT,
  runDiagnoseAlertJob,
} from '../../lib/jobs/index.ts';
import { MemoryKv, stores } from '../../lib/store/index.ts';
import { fixtureCluster } from '../agent/cluster.ts';

const job = (replyTo: DiagnoseAlertJob['replyTo']): DiagnoseAlertJob => ({
  v: 1,
  kind: 'diagnose-alert',
  source: 'alertmanager',
  id: 'am-00aa11bb22cc33dd-1795420800',
  createdAt: '2026-11-23T08:00:00Z',
  cluster: 'demo',
  replyTo,
  incidentKey: 'demo/shop/Workload/payment',
  namespace: 'shop',
  alert: {
    name: 'KubePodCrashLooping',
    status: 'firing',
    severity: 'warning',
    labels: { alertname: 'KubePodCrashLooping', namespace: 'shop', pod: 'payment-7d9f8c6b5d-x7k2p' },
    annotations: {},
    startsAt: '2026-11-23T08:00:00Z',
    fingerprint: '00aa11bb22cc33dd',
  },
});

async function deps(): Promise<JobDeps> {
  const fixture = await readFile(resolve(import.meta.dirname, '../fixtures/demo/crashloop.yaml'), 'utf8');
  return {
    ...stores(new MemoryKv()),
    readerFor: () => fixtureCluster(fixture).reader as RestClusterReader,
    deliver: async (target) => ({ ...target, id: '1700000000.001' }),
  };
}

afterEach(() => vi.restoreAllMocks());

it('names the workload, the findings and the target it was delivered to', async () => {
  const alert = job([{ channel: 'slack', to: 'C0KRONCALL' }]);
  const summary = jobSummary(alert, await runDiagnoseAlertJob(alert, await deps()));
  console.log(summary);
  expect(summary).toMatch(
    /^diagnosed Deployment shop\/payment \(KubePodCrashLooping\): \d+ findings?; delivered to 1 target \(slack:C0KRONCALL\); report am-/,
  );
});

it('with no chat target: still stored, says 0 targets and what to set, and prints the report in dev', async () => {
  const alert = job([]);
  const jobDeps = await deps();
  const outcome = await runDiagnoseAlertJob(alert, jobDeps);
  const summary = jobSummary(alert, outcome);
  expect(summary).toContain(`delivered to 0 targets — ${NO_TARGET_HINT}`);
  expect(NO_TARGET_HINT).toMatch(/SLACK_BOT_TOKEN and SLACK_CHANNEL/);
  if (outcome.status !== 'done') throw new Error(`outcome ${outcome.status}`);
  expect(await jobDeps.reports.get(outcome.reportId)).toBeDefined();

  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  await logJob(alert, outcome, jobDeps.reports);
  const lines = log.mock.calls.map(([line]) => String(line));
  expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ msg: 'job', kind: 'diagnose-alert', summary });
  expect(lines[1]).toMatch(/sent to no chat \(QUEUE=inline\)/);
  expect(lines[1]).toMatch(/KubePodCrashLooping — Deployment shop\/payment/);
});

it('prints nothing more in production (no store given) and for a duplicate', async () => {
  const alert = job([]);
  const jobDeps = await deps();
  const outcome = await runDiagnoseAlertJob(alert, jobDeps);
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  await logJob(alert, outcome);
  await logJob(alert, await runDiagnoseAlertJob(alert, jobDeps), jobDeps.reports);
  expect(log).toHaveBeenCalledTimes(2);
  expect(String(log.mock.calls[1]?.[0])).toMatch(/already done, nothing sent again/);
});

it('says for every other kind what happened', () => {
  const base = { v: 1 as const, id: 'j-1', createdAt: '2026-11-23T08:00:00Z', cluster: 'demo', replyTo: [] };
  const press = {
    ...base,
    kind: 'execute-action',
    approvalId: 'a-1',
    decision: 'approve',
    by: { channel: 'slack', id: 'U1' },
  } as const;
  expect(jobSummary(press, { status: 'executed', approvalId: 'a-1' })).toBe(
    'pressed approval a-1 (approve): executed',
  );
  const health = {
    ...base,
    kind: 'health-report',
    slot: { date: '2026-11-23', time: '09:00', timezone: 'UTC' },
    quiet: true,
  } as const;
  expect(
    jobSummary(health, { status: 'done', reportId: 'r-1', delivered: [], findings: 0, allClear: true }),
  ).toMatch(
    /^health report for cluster demo \(2026-11-23 09:00 UTC\): 0 findings; delivered to 0 targets — set SLACK_BOT_TOKEN.*; report r-1; all clear$/,
  );
  const turn = {
    ...base,
    kind: 'chat-turn',
    conversation: 'slack:C1',
    user: { channel: 'slack', id: 'U1' },
    text: '/status',
  } as const;
  expect(
    jobSummary(
      { ...turn, replyTo: [{ channel: 'slack', to: 'C1' }] },
      { status: 'answered', command: 'status', delivered: ['slack:C1'] },
    ),
  ).toBe('answered slack:U1 (status); delivered to 1 target (slack:C1)');
  const followup = { ...base, kind: 'ai-followup', reportId: 'r-1', attempt: 1 } as const;
  expect(jobSummary(followup, { status: 'skipped', reason: 'no model configured' })).toBe(
    'AI follow-up of report r-1: skipped, no model configured',
  );
});
