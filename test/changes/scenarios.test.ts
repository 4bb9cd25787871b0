// The change-* scenarios as a person reads them: the first lines of the message name the change the trouble
// followed (or say none came), the way back is there, and the decoys are never blamed or named.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportMessage } from '../../lib/chat/index.ts';
import type { Report } from '../../lib/report/index.ts';
import { diagnoseScenario, firstLines, scenarioDir } from './diagnose-fixture.ts';

interface ChangeExpectation {
  /** false: no finding has RecentChange as its root cause. */
  blamed?: boolean;
  /** Text the message (summary, evidence, next steps) must contain. */
  says?: string[];
  /** Text it must not contain (a decoy's name, a wrong rollback). */
  never?: string[];
}

const files = readdirSync(scenarioDir).filter((file) => file.startsWith('change-') && file.endsWith('.yaml'));

/** Everything a person sees of the diagnosis: the lead message and the other findings' lines. */
function seen(report: Report): string {
  const message = reportMessage(report);
  const findings = report.findings.flatMap((f) => [f.summary, ...f.evidence, ...f.suggestions]);
  return [message.title, message.summary, ...message.evidence, ...message.nextSteps, ...findings].join('\n');
}

describe('what changed: change-* scenarios', () => {
  it('there are at least seven, each one of the issue’s cases', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
  });

  for (const file of files) {
    it(file, async () => {
      const { report, fixture } = await diagnoseScenario(file);
      const expectation = ((fixture.fixture.expect as { change?: ChangeExpectation }).change ??
        {}) as ChangeExpectation;
      const text = seen(report);
      console.log(
        `${file} (${report.meta?.apiRequests} requests, ${report.meta?.bytesRead} bytes)\n  ${firstLines(report).join('\n  ')}`,
      );
      for (const wanted of expectation.says ?? []) expect(text, text).toContain(wanted);
      for (const unwanted of expectation.never ?? []) expect(text, text).not.toContain(unwanted);
      const blamed = report.findings.some((finding) => finding.rootCause?.code === 'RecentChange');
      if (expectation.blamed === false) expect(blamed, text).toBe(false);
      const json = JSON.stringify(report);
      for (const value of fixture.secretValues) expect(json).not.toContain(value);
    });
  }
});
