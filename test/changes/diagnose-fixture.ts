// Diagnoses a change-* scenario file through the fixture server's REST API (test/diagnosis/expectations' way).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportMessage } from '../../lib/chat/index.ts';
import type { DiagnoseInput } from '../../lib/diagnosis/index.ts';
import type { Report } from '../../lib/report/index.ts';
import { diagnoseScenario as diagnose } from '../diagnosis/expectations.ts';

export const scenarioDir = join(import.meta.dirname, '../fixtures/scenarios');

export async function diagnoseScenario(file: string, options: Partial<DiagnoseInput> = {}) {
  const { report, fixture } = await diagnose(readFileSync(join(scenarioDir, file), 'utf8'), options);
  return { report, fixture };
}

/** The first lines of the message a person sees, as the lead quotes them. */
export function firstLines(report: Report): string[] {
  const message = reportMessage(report);
  return [message.title, message.summary, ...message.evidence.slice(0, 2), ...message.nextSteps.slice(0, 2)];
}
