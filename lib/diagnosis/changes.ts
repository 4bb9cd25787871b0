// The post-pass that answers "what changed?": for each workload in trouble, the change its trouble followed
// becomes the root cause (or, beside a deeper cause, how that cause arrived), with the way back; else it says
// that no change came, or that a later one is not the cause.
import {
  afterTexts,
  blameText,
  CHANGING_KINDS,
  type ChangeOptions,
  changeVerdict,
  noChangeText,
  revisionsOf,
  type Verdict,
  wayBackTexts,
} from '../changes/index.ts';
import type { AnalysisContext } from '../evidence/index.ts';
import { render, type Text, verbatim } from '../i18n/index.ts';
import type { Finding, ObjectRef } from '../report/index.ts';

/** Codes that are about a workload's pods misbehaving, where a change is the usual story. */
const workloadOf = (finding: Finding): ObjectRef | undefined => {
  const ref = finding.owner ?? finding.object;
  return (CHANGING_KINDS as readonly string[]).includes(ref.kind) ? ref : undefined;
};

/** Codes that only restate that the workload is down: a change explains them better. */
const SHALLOW = new Set(['WorkloadUnavailable', 'CrashLoopBackOff', 'ApplicationError', 'RolloutStuck']);

export function attachChanges(
  findings: Finding[],
  context: AnalysisContext,
  options: ChangeOptions,
): Finding[] {
  const verdicts = new Map<string, Verdict>();
  return findings.map((finding) => {
    const workload = workloadOf(finding);
    if (!workload || finding.severity === 'info') return finding;
    const key = `${workload.kind}/${workload.namespace}/${workload.name}`;
    const verdict = verdicts.get(key) ?? changeVerdict(context, workload, options);
    const first = !verdicts.has(key);
    verdicts.set(key, verdict);
    // One workload, several findings: the change is told once, on the first (the ordered list's lead).
    return first ? withChange(finding, verdict, context) : finding;
  });
}

/** A finding's lines as Texts, one for one: the ones its analyzer kept, else its English quoted as it is. */
const textsOf = (lines: string[], texts: Text[] | undefined): Text[] =>
  texts && texts.length === lines.length ? texts : lines.map((line) => verbatim(line));

function withChange(finding: Finding, verdict: Verdict, context: AnalysisContext): Finding {
  const later = afterTexts(verdict);
  const line = blameText(verdict);
  const evidence = textsOf(finding.evidence, finding.evidenceTexts);
  if (!line) {
    // The revision that ran when the trouble began dates "no change" when no earlier change is known.
    const running = revisionsOf(context, verdict.workload)
      .filter((revision) => revision.at && !(Date.parse(revision.at) > verdict.start))
      .at(-1);
    const none = verdict.previous || running ? noChangeText(verdict, running) : undefined;
    // Second line, within what a message shows: "no recent change" is a finding too.
    const [lead, ...rest] = evidence;
    const texts = [...(lead ? [lead] : []), ...(none ? [none] : []), ...later, ...rest];
    return { ...finding, evidence: english(texts), evidenceTexts: texts };
  }
  const deeper = finding.rootCause && !SHALLOW.has(finding.rootCause.code) ? finding.rootCause : undefined;
  const change = verdict.blamed.at(-1)!;
  const summary: Text = {
    key: deeper ? 'cluster.summaryArrived' : 'cluster.summaryWithChange',
    params: { summary: finding.summaryText ?? finding.summary, line },
  };
  const evidenceTexts: Text[] = [
    deeper ? { key: 'cluster.arrivedWith', params: { line } } : blameText(verdict, true)!,
    ...evidence,
    ...later,
  ];
  const suggestions = textsOf(finding.suggestions, finding.suggestionTexts);
  const back = wayBackTexts(verdict);
  // The way back leads unless a deeper cause has its own fix (fix forward first, roll back next).
  const suggestionTexts = deeper ? [...suggestions, ...back] : [...back, ...suggestions];
  return {
    ...finding,
    // A deeper cause stays the cause; the change is how it arrived, told first.
    rootCause: deeper ?? {
      code: 'RecentChange',
      object: change.object,
      detail: render(line, 'en'),
      detailText: line,
    },
    // The headline says it: "what changed?" is the first question anyone on call asks.
    summary: render(summary, 'en'),
    summaryText: summary,
    evidence: english(evidenceTexts),
    evidenceTexts,
    suggestions: english(suggestionTexts),
    suggestionTexts,
  };
}

const english = (texts: Text[]): string[] => texts.map((text) => render(text, 'en'));
