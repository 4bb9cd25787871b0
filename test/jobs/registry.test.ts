// The job registry: the queue message union and the cron's jobs come from the list of kinds, and a job queued
// without a request (the cron) needs PUBLIC_URL, said by name.
import { expect, it } from 'vitest';
import { queueFor } from '../../functions/adapters.ts';
import { loadConfig } from '../../lib/config/index.ts';
import { Job, jobKinds, scheduledJobs } from '../../lib/jobs/index.ts';

it('accepts exactly the registered kinds, naming the discriminator otherwise', () => {
  const kinds = jobKinds.map((kind) => kind.kind);
  expect(kinds).toEqual([
    'diagnose-alert',
    'ai-followup',
    'chat-turn',
    'execute-action',
    'diagnose-argo',
    'health-report',
    'incident-update',
  ]);
  const followup = {
    v: 1,
    kind: 'ai-followup',
    id: 'am-1-ai1',
    createdAt: '2026-12-01T00:00:00Z',
    cluster: 'prod',
    replyTo: [{ channel: 'slack', to: 'C1' }],
    reportId: 'r1',
    attempt: 1,
  };
  expect(Job.parse(followup).kind).toBe('ai-followup');
  const unknown = Job.safeParse({ ...followup, kind: 'reboot-cluster' });
  expect(unknown.success).toBe(false);
  expect(unknown.error?.issues[0]?.path).toEqual(['kind']);
});

it('queues nothing on a tick no kind schedules for', () => {
  // 03:07 UTC: no default health report (09:00 UTC) is due.
  expect(
    scheduledJobs({ cron: '*/15 * * * *', at: new Date('2026-12-01T03:07:00Z') }, loadConfig({})),
  ).toEqual([]);
});

it('a queue built without a request names PUBLIC_URL; with it, or with a request, it is built', () => {
  const config = loadConfig({ QSTASH_TOKEN: 'canary-qstash-token' });
  expect(() => queueFor(config, undefined, () => {})).toThrow(/PUBLIC_URL is not configured/);
  expect(() => queueFor(config, 'https://responder.test/events/alertmanager', () => {})).not.toThrow();
  const withUrl = loadConfig({ QSTASH_TOKEN: 'canary-qstash-token', PUBLIC_URL: 'https://kr.example.dev' });
  expect(() => queueFor(withUrl, undefined, () => {})).not.toThrow();
});
