// Diagnoses a change-* scenario through the fixture server's REST API, as test/diagnosis/scenarios does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFixtureHandler, loadFixture } from '../../infra/sim/index.ts';
import { reportMessage } from '../../lib/chat/index.ts';
import { RestClusterReader } from '../../lib/cluster/index.ts';
import { type DiagnoseInput, diagnose, scopeFor } from '../../lib/diagnosis/index.ts';
import type { Report } from '../../lib/report/index.ts';
import { parseFixture } from '../diagnosis/scenario-file.ts';

export const scenarioDir = join(import.meta.dirname, '../fixtures/scenarios');

export async function diagnoseScenario(file: string, options: Partial<DiagnoseInput> = {}) {
  const text = readFileSync(join(scenarioDir, file), 'utf8');
  const fixture = parseFixture(text);
  const alert = fixture.fixture.alert as { name: string; labels: Record<string, string> } | undefined;
  const reader = new RestClusterReader({
    baseUrl: 'http://fixture.invalid',
    fetch: createFixtureHandler(loadFixture(text)),
  });
  const report = await diagnose({
    reader,
    cluster: 'fixture',
    source: alert ? 'alertmanager' : 'cli',
    scope: scopeFor({
      alertLabels: alert?.labels,
      namespace: fixture.fixture.namespace as string | undefined,
    }),
    ...(alert ? { alert } : {}),
    ...options,
  });
  return { report, fixture };
}

/** The first lines of the message a person sees, as the lead quotes them. */
export function firstLines(report: Report): string[] {
  const message = reportMessage(report);
  return [message.title, message.summary, ...message.evidence.slice(0, 2), ...message.nextSteps.slice(0, 2)];
}
