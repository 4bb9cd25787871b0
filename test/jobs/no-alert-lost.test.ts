// No alert silently lost: Redis down makes a delivery retry (503) but never costs the last one its message; a
// cluster refusal no retry can change ends the job at once with the "no diagnosis" message; a job that fails
// for good gives its incident back; and what callers are answered never carries the store's command text.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RestClusterReader } from '../../lib/cluster/index.ts';
import {
  DEDUP_UNAVAILABLE_NOTE,
  type DiagnoseAlertJob,
  type JobDeps,
  publicReason,
  runDiagnoseAlertJob,
  StoreUnavailableError,
} from '../../lib/jobs/index.ts';
import type { Report } from '../../lib/report/index.ts';
import { type Kv, MemoryKv, stores } from '../../lib/store/index.ts';
import { fixtureCluster } from '../agent/cluster.ts';

const demo = () => readFile(resolve(import.meta.dirname, '../fixtures/demo/crashloop.yaml'), 'utf8');

const job = (overrides: Partial<DiagnoseAlertJob> = {}): DiagnoseAlertJob => ({
  v: 1,
  kind: 'diagnose-alert',
  source: 'alertmanager',
  id: 'am-00aa11bb22cc33dd-1795420800',
  createdAt: '2026-11-23T08:00:00Z',
  cluster: 'demo',
  replyTo: [{ channel: 'slack', to: 'C0KRONCALL' }],
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
  ...overrides,
});

/** Redis behind a switch: down, every batch fails the way @upstash/redis does, echoing the command. */
class SwitchedKv implements Kv {
  down = false;
  constructor(readonly inner = new MemoryKv()) {}
  batch: Kv['batch'] = async (commands) => {
    if (this.down) throw new Error(`ERR connection refused, command was: ${JSON.stringify(commands)}`);
    return this.inner.batch(commands);
  };
}

/** A proxy answering every read with `status`, as the real one does for a malformed namespace (400). */
const answering = (status: number) =>
  new RestClusterReader({
    baseUrl: 'http://proxy.test',
    fetch: async () =>
      new Response(JSON.stringify({ kind: 'Status', message: `refused with ${status}` }), { status }),
  });

async function harness(reader?: () => RestClusterReader) {
  const kv = new SwitchedKv();
  const fixture = await demo();
  const sent: Report[] = [];
  const deps: JobDeps = {
    ...stores(kv),
    readerFor: reader ?? (() => fixtureCluster(fixture).reader as RestClusterReader),
    async deliver(target, report) {
      sent.push(report);
      return { ...target, id: `1700000000.00${sent.length}` };
    },
  };
  return { kv, deps, sent, state: stores(kv.inner) };
}

describe('Redis down', () => {
  it('while retries remain: the delivery fails as a store outage (503), sends nothing, says no command', async () => {
    const { kv, deps, sent } = await harness();
    kv.down = true;
    const failure = await runDiagnoseAlertJob(job(), deps, { finalAttempt: false }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StoreUnavailableError);
    expect(publicReason(failure)).toBe('the job ledger (Redis) is unavailable');
    expect(publicReason(failure)).not.toMatch(/command|kr:job/);
    expect(sent).toHaveLength(0);
  });

  it('on the last delivery: still diagnoses and sends one message saying dedup was unavailable', async () => {
    const { kv, deps, sent } = await harness();
    kv.down = true;
    const outcome = await runDiagnoseAlertJob(job(), deps, { finalAttempt: true });
    expect(outcome).toMatchObject({
      status: 'done',
      delivered: ['slack:C0KRONCALL'],
      dedupUnavailable: true,
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.findings.length).toBeGreaterThan(0);
    expect(sent[0]!.summary.endsWith(DEDUP_UNAVAILABLE_NOTE)).toBe(true);
  });

  it('coming back between deliveries: the last one dedups as usual and says nothing about it', async () => {
    const { kv, deps, sent } = await harness();
    kv.down = true;
    await expect(runDiagnoseAlertJob(job(), deps, { finalAttempt: false })).rejects.toThrow();
    kv.down = false;
    const outcome = await runDiagnoseAlertJob(job(), deps, { finalAttempt: true });
    expect(outcome).not.toHaveProperty('dedupUnavailable');
    expect(sent[0]!.summary).not.toContain(DEDUP_UNAVAILABLE_NOTE);
    expect(await runDiagnoseAlertJob(job(), deps, { finalAttempt: true })).toEqual({ status: 'duplicate' });
    expect(sent).toHaveLength(1);
  });
});

describe('a cluster read no retry can change', () => {
  for (const status of [400, 422]) {
    it(`(${status}) ends the job on its first delivery with the no-diagnosis message and frees the incident`, async () => {
      const { deps, sent, state } = await harness(() => answering(status));
      await state.incidents.claim(job().incidentKey, job().id, 900);
      const outcome = await runDiagnoseAlertJob(job(), deps, { finalAttempt: false });
      expect(outcome).toMatchObject({ status: 'done', diagnosed: false, delivered: ['slack:C0KRONCALL'] });
      expect(sent).toHaveLength(1);
      expect(sent[0]!.summary).toMatch(
        new RegExp(
          `^No diagnosis: cluster demo could not be read \\(GET .+: ${status} refused with ${status}\\)`,
        ),
      );
      // The next alert about the workload opens an incident of its own instead of joining a dead one.
      expect(await state.incidents.claim(job().incidentKey, 'am-next-1', 900)).toEqual({ claimed: true });
    });
  }

  for (const status of [403, 404]) {
    it(`(${status}) is a kind the loader reads around: the job still ends on its first delivery`, async () => {
      const { deps, sent } = await harness(() => answering(status));
      const outcome = await runDiagnoseAlertJob(job(), deps, { finalAttempt: false });
      expect(outcome).toMatchObject({ status: 'done', delivered: ['slack:C0KRONCALL'] });
      expect(sent).toHaveLength(1);
    });
  }

  it('but a 503 or a timeout is retried (the delivery fails) and keeps its incident', async () => {
    const { deps, sent, state } = await harness(() => answering(503));
    await state.incidents.claim(job().incidentKey, job().id, 900);
    const failure = await runDiagnoseAlertJob(job(), deps, { finalAttempt: false }).catch((e: unknown) => e);
    expect(publicReason(failure)).toBe('reading the cluster failed (HTTP 503)');
    expect(sent).toHaveLength(0);
    expect(await state.incidents.claim(job().incidentKey, 'am-next-1', 900)).toEqual({
      claimed: false,
      jobId: job().id,
    });
  });
});

describe('a job that fails for good', () => {
  it('gives its incident back even when the message itself cannot be sent', async () => {
    const { deps, state } = await harness(() => answering(503));
    await state.incidents.claim(job().incidentKey, job().id, 900);
    const failing: JobDeps = {
      ...deps,
      deliver: async () => {
        throw new Error('slack is down');
      },
    };
    await expect(runDiagnoseAlertJob(job(), failing, { finalAttempt: true })).rejects.toThrow(
      'slack is down',
    );
    expect(await state.incidents.claim(job().incidentKey, 'am-next-1', 900)).toEqual({ claimed: true });
  });
});
