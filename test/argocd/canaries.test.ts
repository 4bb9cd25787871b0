// The Application's sync messages and manifest echo the values of a Secret it syncs: read through the proxy and
// diagnosed, none of them reaches the delivered message (Slack and LINE as rendered) or the stored report.
import { afterAll, describe, expect, it } from 'vitest';
import { reportMessage, toLine, toSlack } from '../../lib/chat/index.ts';
import { runDiagnoseArgoJob } from '../../lib/jobs/index.ts';
import { leaks } from '../fixtures/canaries/canaries.ts';
import { type ArgoCluster, argoDeps, argoJob, notificationOf, startArgoCluster } from './harness.ts';

let cluster: ArgoCluster | undefined;
afterAll(async () => {
  await cluster?.close();
});

describe('canaries in an Application', () => {
  it('never reach the chat or the stored report', async () => {
    cluster = await startArgoCluster('canary');
    const { deps, delivered } = argoDeps(cluster.readerFor);
    const outcome = await runDiagnoseArgoJob(argoJob(notificationOf('canary')), deps);
    expect(outcome).toMatchObject({ status: 'done' });
    const report = delivered[0]!.report;
    // It was diagnosed (the canaries were there to leak), and still says which resource and field.
    expect(report.summary).toContain('Secret wallet-db: metadata.annotations: Invalid value');
    const stored = await deps.reports.get(report.id);
    expect(stored).toBeDefined();
    const message = reportMessage(report);
    expect(
      leaks({
        report: JSON.stringify(report),
        stored: JSON.stringify(stored),
        slack: JSON.stringify(toSlack(message)),
        line: JSON.stringify(toLine(message)),
      }),
    ).toEqual([]);
  });
});
