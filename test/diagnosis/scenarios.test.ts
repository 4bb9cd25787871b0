// Every scenario fixture, diagnosed end to end through the fixture server's REST API: the expected findings (code, object, severity, root cause)
// are there, nothing else is critical, and no Secret value from the fixture appears in the report.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFixtureHandler, loadFixture } from '../../infra/sim/index.ts';
import { RestClusterReader } from '../../lib/cluster/index.ts';
import { diagnose, scopeFor } from '../../lib/diagnosis/index.ts';
import { type Finding, findingCodes, Report } from '../../lib/report/index.ts';
import { parseFixture } from './scenario-file.ts';

const dir = join(import.meta.dirname, '../fixtures/scenarios');
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.yaml'))
  .sort();

interface Expectation {
  first?: ExpectedFinding;
  findings?: ExpectedFinding[];
  summaryIncludes?: string[];
  maxApiRequests?: number;
  /** Exactly this many findings (grouping: one per owner, causes not repeated). */
  total?: number;
  /** Codes that must not appear at all (noise that must stay quiet). */
  absent?: string[];
}
interface ExpectedFinding {
  code: string;
  object: string;
  severity?: string;
  rootCause?: string;
}

/** "Deployment shop/payment" matches a finding about that object or owned by it. */
function about(finding: Finding, object: string): boolean {
  const names = [finding.object, finding.owner]
    .filter(Boolean)
    .map((ref) => `${ref!.kind} ${ref!.namespace ? `${ref!.namespace}/` : ''}${ref!.name}`);
  return names.includes(object);
}

function matches(finding: Finding, expected: ExpectedFinding): boolean {
  if (finding.code !== expected.code || !about(finding, expected.object)) return false;
  if (expected.severity && finding.severity !== expected.severity) return false;
  if (expected.rootCause) {
    const [code, ...object] = expected.rootCause.split(' ');
    if (finding.rootCause?.code !== code) return false;
    const ref = finding.rootCause?.object;
    if (
      object.length &&
      `${ref?.kind} ${ref?.namespace ? `${ref.namespace}/` : ''}${ref?.name}` !== object.join(' ')
    )
      return false;
  }
  return true;
}

const show = (findings: Finding[]) =>
  findings
    .map(
      (f) =>
        `${f.severity} ${f.code} ${f.owner?.name ?? f.object.name} → ${f.rootCause?.code ?? '-'} ${f.rootCause?.object?.name ?? ''}`,
    )
    .join('\n');

describe('scenario fixtures', () => {
  it('there are at least 30, covering every finding code', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    const named = files.map((file) => readFileSync(join(dir, file), 'utf8')).join('\n');
    const missing = findingCodes.filter((code) => !new RegExp(`(code|rootCause): ${code}\\b`).test(named));
    expect(missing).toEqual([]);
  });

  for (const file of files) {
    it(file, async () => {
      const text = readFileSync(join(dir, file), 'utf8');
      const fixture = parseFixture(text);
      const expectation = (fixture.fixture.expect ?? {}) as Expectation;
      const alert = fixture.fixture.alert as { name: string; labels: Record<string, string> } | undefined;
      const namespace = fixture.fixture.namespace as string | undefined;
      // Through the fixture server's REST handler: the same requests a real API server would get.
      const reader = new RestClusterReader({
        baseUrl: 'http://fixture.invalid',
        fetch: createFixtureHandler(loadFixture(text)),
      });
      const report = await diagnose({
        reader,
        cluster: 'fixture',
        source: alert ? 'alertmanager' : 'cli',
        scope: scopeFor({ alertLabels: alert?.labels, namespace }),
        ...(alert ? { alert } : {}),
      });
      Report.parse(report);
      const listing = show(report.findings);
      for (const expected of expectation.findings ?? []) {
        expect(
          report.findings.some((finding) => matches(finding, expected)),
          `missing ${JSON.stringify(expected)} in\n${listing}`,
        ).toBe(true);
      }
      if (expectation.first) {
        expect(
          matches(report.findings[0]!, expectation.first),
          `first finding is not ${JSON.stringify(expectation.first)}:\n${listing}`,
        ).toBe(true);
      }
      const expectedCritical = (expectation.findings ?? []).filter(
        (e) => (e.severity ?? 'critical') === 'critical',
      );
      for (const finding of report.findings.filter((f) => f.severity === 'critical')) {
        expect(
          expectedCritical.some((e) => matches(finding, e)),
          `unexpected critical finding in\n${listing}`,
        ).toBe(true);
      }
      if (expectation.total !== undefined) expect(report.findings, listing).toHaveLength(expectation.total);
      for (const code of expectation.absent ?? []) {
        expect(
          report.findings.map((f) => f.code),
          listing,
        ).not.toContain(code);
      }
      for (const text of expectation.summaryIncludes ?? []) expect(report.summary).toContain(text);
      if (expectation.maxApiRequests !== undefined)
        expect(report.meta?.apiRequests).toBeLessThanOrEqual(expectation.maxApiRequests);
      const json = JSON.stringify(report);
      for (const value of fixture.secretValues) expect(json).not.toContain(value);
    });
  }
});
