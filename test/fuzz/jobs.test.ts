// Queue messages under bad input: every job kind's schema takes anything without throwing, and the job route
// (signed as QStash signs) answers a body that is no job with 400 — never a 5xx, which QStash would retry.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Job, jobKinds } from '../../lib/jobs/index.ts';
import { broken, junk } from './bodies.ts';
import { type Harness, startHarness } from './harness.ts';
import './seed.ts';

/** The job route's cap (functions/jobs/run.ts). */
const MAX_JOB_BODY = 256 * 1024;
let harness: Harness;
beforeAll(async () => {
  // The route logs every refusal; a few hundred lines would bury the test's own output.
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
  harness = await startHarness();
}, 60_000);
afterAll(async () => {
  vi.restoreAllMocks();
  await harness?.close();
});

const validJob = {
  v: 1,
  kind: 'diagnose-alert',
  source: 'alertmanager',
  id: 'am-00aa11bb22cc33dd-1795420800',
  createdAt: '2026-11-23T08:00:00Z',
  cluster: 'demo',
  replyTo: [{ channel: 'slack', to: 'C0FUZZ' }],
  incidentKey: 'demo/shop/Workload/payment',
  namespace: 'shop',
  alert: {
    name: 'KubePodCrashLooping',
    status: 'firing',
    severity: 'warning',
    labels: { alertname: 'KubePodCrashLooping', namespace: 'shop', deployment: 'payment' },
    annotations: { summary: 'Pod is crash looping.' },
    startsAt: '2026-11-23T08:00:00Z',
    fingerprint: '00aa11bb22cc33dd',
  },
};

describe('job schemas', () => {
  it('the valid job used below is one', () => {
    expect(Job.safeParse(validJob).success).toBe(true);
  });

  for (const kind of jobKinds)
    it(`${kind.kind}: any value is parsed or refused, never thrown on`, () => {
      fc.assert(
        fc.property(fc.anything({ maxDepth: 4 }), (value) => {
          const result = kind.schema.safeParse(value);
          expect(typeof result.success).toBe('boolean');
        }),
        { numRuns: 200 },
      );
    });

  it('the union: a job with one field broken is parsed or refused with an issue naming where', () => {
    fc.assert(
      fc.property(broken(validJob), (text) => {
        const result = Job.safeParse(JSON.parse(text));
        if (!result.success) expect(result.error.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('POST /jobs/diagnose-alert, signed', () => {
  const isJob = (text: string) => {
    try {
      return Job.safeParse(JSON.parse(text)).success;
    } catch {
      return false;
    }
  };

  it('answers junk and broken jobs with 400, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(junk, broken(validJob)), async (body) => {
        const response = await harness.post('jobs', body);
        const text = await response.text();
        // A body that still is a job runs, and may fail as a retry could mend (503: no cluster listens here).
        if (new TextEncoder().encode(body).length > MAX_JOB_BODY) expect(response.status, text).toBe(413);
        else if (isJob(body)) expect([200, 503], text).toContain(response.status);
        else expect(response.status, text).toBe(400);
        // Refused for good: QStash is told not to retry.
        if (response.status === 400 || response.status === 413)
          expect(response.headers.get('upstash-nonretryable-error')).toBe('true');
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
