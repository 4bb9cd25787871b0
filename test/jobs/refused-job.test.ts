// A signed job the Worker refuses for good (another version queued it, its shape is wrong) still tells the person
// on call about its alert, once, and frees its incident; a body that names no alert job says nothing.
import { describe, expect, it } from 'vitest';
import { type RefusedJobDeps, tellRefusedJob } from '../../lib/jobs/index.ts';
import type { Report } from '../../lib/report/index.ts';
import { MemoryKv, stores } from '../../lib/store/index.ts';

const queuedByAnotherVersion = {
  v: 2,
  kind: 'diagnose-alert',
  source: 'alertmanager',
  id: 'am-00ff00ff00ff00ff-1795420800',
  createdAt: '2026-11-23T08:00:00Z',
  cluster: 'demo',
  replyTo: [{ channel: 'slack', to: 'C0KRONCALL' }],
  incidentKey: 'demo/shop/Workload/payment',
  alert: {
    name: 'KubePodCrashLooping',
    severity: 'critical',
    labels: { alertname: 'KubePodCrashLooping', namespace: 'shop', deployment: 'payment' },
    annotations: { summary: 'Pod is crash looping.' },
    fingerprint: '00ff00ff00ff00ff',
    // A field this version does not know, in a shape it does not expect.
    startsAt: 1795420800,
  },
};

function harness() {
  const state = stores(new MemoryKv());
  const sent: { to: string; report: Report }[] = [];
  const deps: RefusedJobDeps = {
    ...state,
    alertTargets: [{ channel: 'slack', to: 'C0DEFAULT' }],
    async deliver(target, report) {
      sent.push({ to: target.to, report });
      return undefined;
    },
  };
  return { state, sent, deps };
}

describe('a refused job', () => {
  it('sends its alert and why there is no diagnosis, once, and frees the incident', async () => {
    const { state, sent, deps } = harness();
    const { incidentKey, id } = queuedByAnotherVersion;
    await state.incidents.claim(incidentKey, id, 900);
    const body = JSON.stringify(queuedByAnotherVersion);
    const told = await tellRefusedJob(body, 'invalid job: v: Invalid input: expected 1', deps);
    expect(told).toEqual(['slack:C0KRONCALL']);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.report.alert).toEqual({
      name: 'KubePodCrashLooping',
      severity: 'critical',
      labels: queuedByAnotherVersion.alert.labels,
    });
    expect(sent[0]!.report.summary).toBe(
      "No diagnosis: the responder could not read this alert's job (invalid job: v: Invalid input: expected 1). The alert says: Pod is crash looping.",
    );
    expect(await state.incidents.claim(incidentKey, 'am-next-1', 900)).toEqual({ claimed: true });
    // QStash may deliver a message twice: the second refusal says nothing more.
    await tellRefusedJob(body, 'invalid job: v: Invalid input: expected 1', deps);
    expect(sent).toHaveLength(1);
  });

  it('goes where alerts go when its own targets are illegible', async () => {
    const { sent, deps } = harness();
    const body = JSON.stringify({ ...queuedByAnotherVersion, replyTo: [{ channel: 'pager', to: 7 }] });
    expect(await tellRefusedJob(body, 'invalid job: replyTo', deps)).toEqual(['slack:C0DEFAULT']);
    expect(sent.map(({ to }) => to)).toEqual(['C0DEFAULT']);
  });

  it('still tells when Redis is down (nothing can dedup a refusal then)', async () => {
    const { sent, deps } = harness();
    const down = stores({
      batch: async () => {
        throw new Error('ERR connection refused, command was: [["get","kr:job:x:done"]]');
      },
    });
    const told = await tellRefusedJob(JSON.stringify(queuedByAnotherVersion), 'invalid job: v', {
      ...deps,
      ...down,
    });
    expect(told).toEqual(['slack:C0KRONCALL']);
    expect(sent).toHaveLength(1);
  });

  it('says nothing about a body that is not JSON, or not an alert job', async () => {
    const { sent, deps } = harness();
    expect(await tellRefusedJob('{"v": 1, "kind": "diagnose-al', 'job body is not valid JSON', deps)).toBe(
      undefined,
    );
    const followup = JSON.stringify({ v: 2, kind: 'ai-followup', id: 'am-1-ai1', reportId: 'r' });
    expect(await tellRefusedJob(followup, 'invalid job: v', deps)).toBe(undefined);
    expect(sent).toHaveLength(0);
  });
});
