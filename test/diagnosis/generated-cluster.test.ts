// A generated cluster with one fault of every generator kind: a whole-cluster scan finds each one and raises
// no critical finding about the healthy workloads and noise around them; each fault's alert leads with it.
import { describe, expect, it } from 'vitest';
import { createFixtureHandler, FixtureCluster } from '../../infra/sim/index.ts';
import { RestClusterReader } from '../../lib/cluster/index.ts';
import { diagnose, scopeFromAlert } from '../../lib/diagnosis/index.ts';
import type { Finding } from '../../lib/report/index.ts';
import { type ExpectedFinding, faultKinds, generateCluster } from '../fixtures/generator/index.ts';

const generated = generateCluster({ pods: 400, namespaces: 12, faults: faultKinds.length, seed: 3 });
const cluster = new FixtureCluster({ now: generated.now, logs: generated.logs });
for (const object of generated.objects)
  cluster.put(cluster.findKindOf(object.apiVersion!, object.kind!)!, object);
const reader = () =>
  new RestClusterReader({
    baseUrl: 'http://fixture.invalid',
    fetch: createFixtureHandler(cluster),
    pageSize: 100,
  });

const names = (f: Finding) =>
  [f.object, f.owner]
    .filter(Boolean)
    .map((r) => `${r!.kind} ${r!.namespace ? `${r!.namespace}/` : ''}${r!.name}`);
const matches = (f: Finding, e: ExpectedFinding) => f.code === e.code && names(f).includes(e.object);

describe('generated cluster', () => {
  it('a scan finds every injected fault and no false critical', async () => {
    const report = await diagnose({
      reader: reader(),
      cluster: 'generated',
      source: 'cli',
      scope: { kind: 'cluster' },
    });
    const expected = generated.faults.flatMap((fault) => fault.expected);
    for (const e of expected)
      expect(
        report.findings.some((f) => matches(f, e)),
        JSON.stringify(e),
      ).toBe(true);
    const stray = report.findings.filter(
      (f) => f.severity === 'critical' && !expected.some((e) => matches(f, e)),
    );
    expect(stray.map((f) => f.summary)).toEqual([]);
    // Pods were paged (limit=100), not read in one response.
    expect(report.meta?.apiRequests).toBeGreaterThan(generated.pods / 100);
  });

  it('each fault’s alert leads with it, within 12 API requests', async () => {
    for (const fault of generated.faults) {
      const report = await diagnose({
        reader: reader(),
        cluster: 'generated',
        source: 'alertmanager',
        scope: scopeFromAlert(fault.alert),
        alert: { name: fault.alert.alertname ?? 'alert', labels: fault.alert },
      });
      const first = report.findings[0];
      expect(first && fault.expected.some((e) => matches(first, e)), `${fault.kind}: ${report.summary}`).toBe(
        true,
      );
      expect(report.meta?.apiRequests, fault.kind).toBeLessThanOrEqual(12);
    }
  });
});
