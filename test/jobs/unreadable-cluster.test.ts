// When the cluster cannot be read, retries are left to QStash; the last attempt still tells the person on call
// what fired and why there is no diagnosis, instead of the alert ending silently in a dead-letter queue.
import { describe, expect, it } from 'vitest';
import { renderSlackReport } from '../../lib/chat/index.ts';
import { RestClusterReader } from '../../lib/cluster/index.ts';
import { type DiagnoseAlertJob, type JobDeps, runDiagnoseAlertJob } from '../../lib/jobs/index.ts';
import type { Report } from '../../lib/report/index.ts';
import { MemoryKv, stores } from '../../lib/store/index.ts';

const job: DiagnoseAlertJob = {
  v: 1,
  kind: 'diagnose-alert',
  source: 'alertmanager',
  id: 'am-0123456789abcdef-1795427250',
  createdAt: '2026-11-23T08:00:00Z',
  cluster: 'prod-eu',
  replyTo: [{ channel: 'slack', to: 'C0KRONCALL' }],
  incidentKey: 'prod-eu/shop/Deployment/payment',
  namespace: 'shop',
  alert: {
    name: 'KubeDeploymentReplicasMismatch',
    status: 'firing',
    severity: 'warning',
    labels: { alertname: 'KubeDeploymentReplicasMismatch', namespace: 'shop', deployment: 'payment' },
    annotations: { summary: 'Deployment has not matched the expected number of replicas.' },
    startsAt: '2026-11-23T08:00:00Z',
    fingerprint: '0123456789abcdef',
  },
};

function deps() {
  const sent: Report[] = [];
  const value: JobDeps = {
    ...stores(new MemoryKv()),
    // Nothing listens on port 9: every read fails the way a proxy that is down does.
    readerFor: () => new RestClusterReader({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 2000 }),
    async deliver(target, report) {
      sent.push(report);
      return { ...target, id: '1700000000.000100' };
    },
  };
  return { value, sent };
}

describe('a cluster that cannot be read', () => {
  it('fails the attempt (so QStash retries) and sends nothing while retries remain', async () => {
    const { value, sent } = deps();
    await expect(runDiagnoseAlertJob(job, value, { finalAttempt: false })).rejects.toThrow();
    expect(sent).toHaveLength(0);
    // The job was released: the next delivery may run it.
    expect(await value.ledger.claim(job.id, 60)).toBe('claimed');
  });

  it('on the last attempt sends what fired and why there is no diagnosis, once', async () => {
    const { value, sent } = deps();
    const outcome = await runDiagnoseAlertJob(job, value, { finalAttempt: true });
    expect(outcome).toMatchObject({ status: 'done', delivered: ['slack:C0KRONCALL'] });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.findings).toEqual([]);
    expect(sent[0]!.summary).toMatch(
      /^No diagnosis: cluster prod-eu could not be read \(.+\)\. The alert says: Deployment has not matched/,
    );
    const message = renderSlackReport(sent[0]!);
    expect(message.blocks[0].text.text).toBe('🟠 KubeDeploymentReplicasMismatch — Deployment shop/payment');
    expect(await runDiagnoseAlertJob(job, value, { finalAttempt: true })).toEqual({ status: 'duplicate' });
    expect(sent).toHaveLength(1);
  });
});
