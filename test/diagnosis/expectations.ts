// What a scenario fixture expects (its `expect:`), how a finding matches it, and a scenario diagnosed the way a
// real API server would be read: shared by the scenario test and the accuracy bench.
import { createFixtureHandler, loadFixture } from '../../infra/sim/index.ts';
import { reportMessage, slackMessageAsText, toSlack } from '../../lib/chat/index.ts';
import { RestClusterReader } from '../../lib/cluster/index.ts';
import { type DiagnoseInput, diagnose, scopeFor } from '../../lib/diagnosis/index.ts';
import type { Finding, Report } from '../../lib/report/index.ts';
import { type ParsedFixture, parseFixture } from './scenario-file.ts';

export interface Expectation {
  first?: ExpectedFinding;
  findings?: ExpectedFinding[];
  summaryIncludes?: string[];
  maxApiRequests?: number;
  /** Exactly this many findings (grouping: one per owner, causes not repeated). */
  total?: number;
  /** Codes that must not appear at all (noise that must stay quiet). */
  absent?: string[];
  /** What the person reads in the message. */
  message?: ExpectedMessage;
}
export interface ExpectedFinding {
  code: string;
  object: string;
  severity?: string;
  rootCause?: string;
}
export interface ExpectedMessage {
  /** The root-cause line: `ProbeFailure Deployment shop/web` (code, then the object). */
  rootCause?: string;
  /** Text the root-cause line's chain shows. */
  chainIncludes?: string[];
  /** Text some evidence line shows (the alert's pod, the stuck replica). */
  evidenceIncludes?: string[];
  /** Text some next step shows. */
  nextStepsInclude?: string[];
  /** Text the message (as Slack shows it) never shows. */
  excludes?: string[];
}

/** "Deployment shop/payment" matches a finding about that object or owned by it. */
export function about(finding: Finding, object: string): boolean {
  const names = [finding.object, finding.owner]
    .filter(Boolean)
    .map((ref) => `${ref!.kind} ${ref!.namespace ? `${ref!.namespace}/` : ''}${ref!.name}`);
  return names.includes(object);
}

export function matches(finding: Finding, expected: ExpectedFinding): boolean {
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

export const show = (findings: Finding[]) =>
  findings
    .map(
      (f) =>
        `${f.severity} ${f.code} ${f.owner?.name ?? f.object.name} → ${f.rootCause?.code ?? '-'} ${f.rootCause?.object?.name ?? ''}`,
    )
    .join('\n');

export interface DiagnosedScenario {
  fixture: ParsedFixture;
  expectation: Expectation;
  report: Report;
}

/** The scenario diagnosed through the fixture server's REST handler: the same requests a real API server would get. */
export async function diagnoseScenario(
  text: string,
  options: Partial<DiagnoseInput> = {},
): Promise<DiagnosedScenario> {
  const fixture = parseFixture(text);
  const expectation = (fixture.fixture.expect ?? {}) as Expectation;
  const alert = fixture.fixture.alert as { name: string; labels: Record<string, string> } | undefined;
  const namespace = fixture.fixture.namespace as string | undefined;
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
    ...options,
  });
  return { fixture, expectation, report };
}

/** The report's message as a person reads it in Slack (the demo's rendering). */
export const messageText = (report: Report): string =>
  slackMessageAsText(toSlack(reportMessage(report)).blocks);

/** Words a person reads (buttons and the footer are not reading). */
export function messageWords(report: Report): number {
  const text = messageText(report)
    .split('\n')
    .filter((line) => !/^\s*(\[|report \S+ ·)/.test(line))
    .join(' ');
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Where the message misses what the scenario expects of it (empty: all there). */
export function messageMisses(report: Report, expected: ExpectedMessage | undefined): string[] {
  if (!expected) return [];
  const message = reportMessage(report);
  const misses: string[] = [];
  const cause = message.rootCause ? `${message.rootCause.code} ${message.rootCause.object ?? ''}`.trim() : '';
  if (expected.rootCause && cause !== expected.rootCause)
    misses.push(`root cause is "${cause}", expected "${expected.rootCause}"`);
  for (const text of expected.chainIncludes ?? [])
    if (!message.rootCause?.detail?.includes(text)) misses.push(`chain lacks "${text}"`);
  for (const text of expected.evidenceIncludes ?? [])
    if (!message.evidence.some((line) => line.includes(text))) misses.push(`evidence lacks "${text}"`);
  for (const text of expected.nextStepsInclude ?? [])
    if (!message.nextSteps.some((line) => line.includes(text))) misses.push(`next steps lack "${text}"`);
  const rendered = messageText(report);
  for (const text of expected.excludes ?? [])
    if (rendered.includes(text)) misses.push(`message shows "${text}"`);
  return misses;
}
