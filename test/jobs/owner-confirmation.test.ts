// A pod whose name does not fold to its workload opens an incident of its own at ingest; the diagnosis reads
// its owner from the cluster (ownerReferences) and, when the owner's incident is already open, the job joins
// it: one message per workload, whichever alert came first.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import type { AlertmanagerAlert } from '../../lib/events/index.ts';
import { ingestAlerts } from '../../lib/events/index.ts';
import { type DiagnoseAlertJob, type Job, type JobDeps, runDiagnoseAlertJob } from '../../lib/jobs/index.ts';
import type { Queue } from '../../lib/queue/index.ts';
import type { Report } from '../../lib/report/index.ts';
import { MemoryKv, stores } from '../../lib/store/index.ts';
import { fixtureCluster } from '../agent/cluster.ts';

/** The demo cluster plus a crash-looping pod `payment-canary` of payment's ReplicaSet: a name that folds to nothing. */
let fixture: string;
beforeAll(async () => {
  const demo = await readFile(resolve(import.meta.dirname, '../fixtures/demo/crashloop.yaml'), 'utf8');
  const pod = parseAllDocuments(demo)
    .map((document) => document.toJS())
    .find((object) => object?.kind === 'Pod' && object.metadata.name === 'payment-7d9f8c6b5d-x7k2p');
  pod.metadata.name = 'payment-canary';
  pod.metadata.uid = '0b9c1d2e-3f40-4a51-9b62-c7d8e9f00a1b';
  fixture = `${demo}\n---\n${stringify(pod)}`;
});

let fingerprint = 0xa0;
const alert = (alertname: string, labels: Record<string, string>): AlertmanagerAlert => ({
  status: 'firing',
  labels: { alertname, cluster: 'demo', namespace: 'shop', ...labels },
  annotations: {},
  startsAt: '2026-11-23T09:47:30Z',
  fingerprint: (fingerprint++).toString(16),
});

function harness() {
  const kv = new MemoryKv();
  const state = stores(kv);
  const queued: DiagnoseAlertJob[] = [];
  const queue: Queue = {
    async publish(job: Job) {
      if (job.kind === 'diagnose-alert') queued.push(job);
      return { messageId: `msg-${queued.length}`, deduplicated: false };
    },
  };
  const sent: Report[] = [];
  const deps: JobDeps = {
    ...state,
    incidentWindowSeconds: 900,
    readerFor: () => fixtureCluster(fixture).reader,
    async deliver(target, report) {
      sent.push(report);
      return { ...target, id: `1700000000.00${sent.length}` };
    },
  };
  const ingest = (a: AlertmanagerAlert) =>
    ingestAlerts([{ index: 0, alert: a }], {
      queue,
      incidents: state.incidents,
      defaultCluster: 'demo',
      replyTo: [{ channel: 'slack', to: 'C0KRONCALL' }],
      incidentWindowSeconds: 900,
      now: new Date('2026-11-23T09:47:35Z'),
    });
  return { state, queued, sent, deps, ingest };
}

describe("the cluster names the pod's owner", () => {
  it("joins the Deployment's open incident instead of sending a second message", async () => {
    const { state, queued, sent, deps, ingest } = harness();
    await ingest(alert('KubeDeploymentReplicasMismatch', { deployment: 'payment' }));
    const first = queued[0] as DiagnoseAlertJob;
    expect(await runDiagnoseAlertJob(first, deps)).toMatchObject({ status: 'done' });

    // The canary's name does not fold: ingest cannot tell it is payment's, so it opens an incident of its own.
    const canary = alert('KubePodCrashLooping', { pod: 'payment-canary' });
    expect((await ingest(canary)).enqueued.map((e) => e.incident)).toEqual(['demo/shop/Pod/payment-canary']);
    const second = queued[1] as DiagnoseAlertJob;
    expect(await runDiagnoseAlertJob(second, deps)).toEqual({
      status: 'grouped',
      incident: 'demo/shop/Workload/payment',
      jobId: first.id,
    });
    expect(sent).toHaveLength(1);
    expect(await state.incidents.joined('demo/shop/Workload/payment')).toEqual([
      `KubePodCrashLooping ${canary.fingerprint}`,
    ]);
    // A redelivery of the grouped job stays quiet.
    expect(await runDiagnoseAlertJob(second, deps)).toEqual({ status: 'duplicate' });
    expect(sent).toHaveLength(1);
  });

  it("claims the owner's incident when the unfolded pod came first, so the Deployment's alert joins it", async () => {
    const { queued, sent, deps, ingest } = harness();
    await ingest(alert('KubePodCrashLooping', { pod: 'payment-canary' }));
    expect(await runDiagnoseAlertJob(queued[0] as DiagnoseAlertJob, deps)).toMatchObject({ status: 'done' });
    const later = await ingest(alert('KubeDeploymentReplicasMismatch', { deployment: 'payment' }));
    expect(later.enqueued).toEqual([]);
    expect(later.grouped).toEqual([
      { index: 0, incident: 'demo/shop/Workload/payment', jobId: (queued[0] as DiagnoseAlertJob).id },
    ]);
    expect(queued).toHaveLength(1);
    expect(sent).toHaveLength(1);
  });
});
