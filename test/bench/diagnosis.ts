// Diagnosis benchmark: generated clusters (500 → 5,000 → 20,000 pods in 50 namespaces, 25 injected faults)
// served by the fixture server's REST handler; whole-cluster scan and single-alert diagnoses.
import { createFixtureHandler, FixtureCluster } from '../../infra/sim/index.ts';
import { RestClusterReader } from '../../lib/cluster/index.ts';
import { diagnose, scopeFromAlert } from '../../lib/diagnosis/index.ts';
import type { Finding, Report } from '../../lib/report/index.ts';
import { type ExpectedFinding, type GeneratedCluster, generateCluster } from '../fixtures/generator/index.ts';
import { type BenchRow, row } from './table.ts';

export function serve(generated: GeneratedCluster): FixtureCluster {
  const cluster = new FixtureCluster({ now: generated.now, logs: generated.logs });
  for (const object of generated.objects) {
    const kind = cluster.findKindOf(object.apiVersion!, object.kind!);
    if (!kind) throw new Error(`generator produced an unknown kind ${object.apiVersion} ${object.kind}`);
    object.metadata.resourceVersion ??= cluster.nextResourceVersion();
    cluster.put(kind, object);
  }
  return cluster;
}

const describe = (f: Finding) =>
  [f.object, f.owner]
    .filter(Boolean)
    .map((r) => `${r!.kind} ${r!.namespace ? `${r!.namespace}/` : ''}${r!.name}`);
const matches = (f: Finding, e: ExpectedFinding) => f.code === e.code && describe(f).includes(e.object);

function score(report: Report, generated: GeneratedCluster) {
  const expected = generated.faults.flatMap((fault) => fault.expected);
  const found = generated.faults.filter((fault) =>
    fault.expected.every((e) => report.findings.some((f) => matches(f, e))),
  ).length;
  const falseCriticals = report.findings.filter(
    (f) => f.severity === 'critical' && !expected.some((e) => matches(f, e)),
  );
  return { found, falseCriticals };
}

const reader = (cluster: FixtureCluster) =>
  new RestClusterReader({ baseUrl: 'http://fixture.invalid', fetch: createFixtureHandler(cluster) });

export async function run(): Promise<BenchRow[]> {
  const out: BenchRow[] = [];
  console.error('## Diagnosis engine (generated clusters, 50 namespaces, 25 injected faults)\n');
  console.error(
    '| pods | scan wall ms | scan API requests | scan bytes read | faults found | false criticals | alert p50 ms | alert max requests | alert max bytes | alert leads with fault |',
  );
  console.error('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const rows: { pods: number; ms: number }[] = [];
  for (const pods of [500, 5_000, 20_000]) {
    const generated = generateCluster({ pods, namespaces: 50, faults: 25, seed: 7 });
    const cluster = serve(generated);
    const scanStart = performance.now();
    const report = await diagnose({
      reader: reader(cluster),
      cluster: `bench-${pods}`,
      source: 'cli',
      scope: { kind: 'cluster' },
    });
    const scanMs = performance.now() - scanStart;
    const { found, falseCriticals } = score(report, generated);
    const alertTimes: number[] = [];
    let maxRequests = 0;
    let maxBytes = 0;
    let leads = 0;
    for (const fault of generated.faults) {
      const start = performance.now();
      const alertReport = await diagnose({
        reader: reader(cluster),
        cluster: `bench-${pods}`,
        source: 'alertmanager',
        scope: scopeFromAlert(fault.alert),
        alert: { name: fault.alert.alertname ?? 'alert', labels: fault.alert },
      });
      alertTimes.push(performance.now() - start);
      maxRequests = Math.max(maxRequests, alertReport.meta?.apiRequests ?? 0);
      maxBytes = Math.max(maxBytes, alertReport.meta?.bytesRead ?? 0);
      const first = alertReport.findings[0];
      if (first && fault.expected.some((e) => matches(first, e))) leads++;
    }
    alertTimes.sort((a, b) => a - b);
    const p50 = alertTimes[Math.floor(alertTimes.length / 2)] ?? 0;
    rows.push({ pods: generated.pods, ms: scanMs });
    const size = `${generated.pods.toLocaleString('en')} pods`;
    const faults = generated.faults.length;
    out.push(
      row(`scan: wall time, ${size}`, Math.round(scanMs), 'ms', { note: '50 namespaces, in process' }),
      row(`scan: time per pod, ${size}`, Math.round((scanMs / generated.pods) * 1000), 'µs/pod'),
      row(`scan: API requests, ${size}`, report.meta?.apiRequests ?? 0, 'requests'),
      row(`scan: faults found, ${size}`, found, 'faults', { target: faults, compare: '>=' }),
      row(`scan: false criticals, ${size}`, falseCriticals.length, 'findings', { target: 0 }),
      row(`single incident: diagnosis p50, ${size}`, Math.round(p50 * 10) / 10, 'ms', {
        note: `${faults} alerts, one at a time`,
      }),
      row(`single incident: API requests (max), ${size}`, maxRequests, 'requests'),
      row(`single incident: leads with the fault, ${size}`, leads, 'alerts', {
        target: faults,
        compare: '>=',
      }),
    );
    console.error(
      `| ${generated.pods} | ${scanMs.toFixed(0)} | ${report.meta?.apiRequests} | ${(report.meta?.bytesRead ?? 0).toLocaleString('en')} | ${found}/${generated.faults.length} | ${falseCriticals.length} | ${p50.toFixed(1)} | ${maxRequests} | ${maxBytes.toLocaleString('en')} | ${leads}/${generated.faults.length} |`,
    );
    for (const f of falseCriticals.slice(0, 5))
      console.error(`  false critical: ${f.code} ${describe(f).join(' / ')}: ${f.summary}`);
    for (const fault of generated.faults)
      if (!fault.expected.every((e) => report.findings.some((f) => matches(f, e))))
        console.error(`  missed: ${fault.kind} ${JSON.stringify(fault.expected)}`);
  }
  const base = rows[0]!;
  console.error(
    `\nScan time per pod: ${rows.map((r) => `${r.pods} pods → ${((r.ms / r.pods) * 1000).toFixed(0)} µs/pod`).join(', ')} (flat = linear; ${base.pods}→${rows.at(-1)!.pods} pods is ×${(rows.at(-1)!.pods / base.pods).toFixed(0)} pods, ×${(rows.at(-1)!.ms / base.ms).toFixed(1)} time)\n`,
  );
  return out;
}
