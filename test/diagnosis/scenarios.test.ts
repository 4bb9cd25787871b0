// Every scenario fixture, diagnosed end to end through the fixture server's REST API: the expected findings (code, object, severity, root cause)
// are there, nothing else is critical, and no Secret value from the fixture appears in the report.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingCodes, Report } from '../../lib/report/index.ts';
import { diagnoseScenario, matches, messageMisses, show } from './expectations.ts';

const dir = join(import.meta.dirname, '../fixtures/scenarios');
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.yaml'))
  .sort();

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
      const { fixture, expectation, report } = await diagnoseScenario(text);
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
      expect(messageMisses(report, expectation.message), listing).toEqual([]);
      const json = JSON.stringify(report);
      for (const value of fixture.secretValues) expect(json).not.toContain(value);
    });
  }
});
