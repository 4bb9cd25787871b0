// The post-pass that answers "what changed?": for each workload in trouble, the change its trouble followed
// becomes the root cause (or, beside a deeper cause, how that cause arrived), with the way back; else it says
// that no change came, or that a later one is not the cause.
import {
  afterLines,
  blameLine,
  CHANGING_KINDS,
  type ChangeOptions,
  changeVerdict,
  noChangeLine,
  revisionsOf,
  type Verdict,
  wayBack,
} from '../changes/index.ts';
import type { AnalysisContext } from '../evidence/index.ts';
import { verbatim } from '../i18n/index.ts';
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

function withChange(finding: Finding, verdict: Verdict, context: AnalysisContext): Finding {
  const later = afterLines(verdict);
  const line = blameLine(verdict);
  if (!line) {
    // The revision that ran when the trouble began dates "no change" when no earlier change is known.
    const running = revisionsOf(context, verdict.workload)
      .filter((revision) => revision.at && !(Date.parse(revision.at) > verdict.start))
      .at(-1);
    const none = verdict.previous || running ? noChangeLine(verdict, running) : undefined;
    // Second line, within what a message shows: "no recent change" is a finding too.
    const [lead, ...rest] = finding.evidence;
    const added = [...(none ? [none] : []), ...later];
    return {
      ...finding,
      evidence: [...(lead ? [lead] : []), ...added, ...rest],
      // The change lines are English (not yet in the catalogue): quoted, so the Texts stay one for one.
      ...(finding.evidenceTexts && {
        evidenceTexts: [
          ...finding.evidenceTexts.slice(0, 1),
          ...added.map(verbatim),
          ...finding.evidenceTexts.slice(1),
        ],
      }),
    };
  }
  const deeper = finding.rootCause && !SHALLOW.has(finding.rootCause.code) ? finding.rootCause : undefined;
  const change = verdict.blamed.at(-1)!;
  const text = line.charAt(0).toUpperCase() + line.slice(1);
  const first = deeper ? `Arrived with a change: ${line}` : text;
  // The summary grows an English sentence: its Text would say less, so the English stands until it is catalogued.
  const { summaryText: _untold, ...told } = finding;
  return {
    ...told,
    // A deeper cause stays the cause; the change is how it arrived, told first.
    rootCause: deeper ?? { code: 'RecentChange', object: change.object, detail: line },
    // The headline says it: "what changed?" is the first question anyone on call asks.
    summary: `${finding.summary} ${deeper ? 'It arrived with a change: it ' : 'It '}${line}.`,
    evidence: [first, ...finding.evidence, ...later],
    ...(finding.evidenceTexts && {
      evidenceTexts: [verbatim(first), ...finding.evidenceTexts, ...later.map(verbatim)],
    }),
    // The way back leads unless a deeper cause has its own fix (fix forward first, roll back next).
    suggestions: deeper
      ? [...finding.suggestions, ...wayBack(verdict)]
      : [...wayBack(verdict), ...finding.suggestions],
  };
}
