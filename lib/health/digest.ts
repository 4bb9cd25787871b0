// The digest: a whole-cluster report compared with the last one — what is new, what is still going on (and for how
// long), and what was resolved since. Pure: the job reads the previous state and stores the next.
import { describeObject } from '../chat/index.ts';
import type { Finding } from '../report/index.ts';
import type { DigestProblem, DigestState } from '../store/index.ts';

export interface OngoingProblem extends DigestProblem {
  /** How long it has been listed: `3h 20m`, `2d 4h`. */
  lasted: string;
}

export interface Digest {
  newProblems: DigestProblem[];
  ongoing: OngoingProblem[];
  resolved: DigestProblem[];
  /** What the next report compares with. */
  state: DigestState;
}

/** One problem per finding: the workload it is about and its code (a pod's restart does not make it new). */
export function problemOf(finding: Finding, seenAt: string): DigestProblem {
  const subject = describeObject(finding.owner ?? finding.object);
  const cause = finding.rootCause;
  return {
    key: `${finding.code}:${subject}`,
    code: finding.code,
    severity: finding.severity,
    subject,
    summary: finding.summary,
    ...(cause
      ? { rootCause: `${cause.code}${cause.object ? ` — ${describeObject(cause.object)}` : ''}` }
      : {}),
    firstSeen: seenAt,
  };
}

/** `45m`, `3h 20m`, `2d 4h`: how long a problem has lasted, short enough for a phone. */
export function lastedFor(fromIso: string, toIso: string): string {
  const minutes = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

export function compareDigest(
  previous: DigestState | undefined,
  current: { cluster: string; reportId: string; at: string; findings: Finding[] },
): Digest {
  const before = new Map((previous?.problems ?? []).map((problem) => [problem.key, problem]));
  const now = new Map<string, DigestProblem>();
  for (const finding of current.findings) {
    const problem = problemOf(finding, current.at);
    if (!now.has(problem.key)) now.set(problem.key, problem);
  }
  const newProblems: DigestProblem[] = [];
  const ongoing: OngoingProblem[] = [];
  const problems: DigestProblem[] = [];
  for (const problem of now.values()) {
    const earlier = before.get(problem.key);
    if (earlier) {
      const kept = { ...problem, firstSeen: earlier.firstSeen };
      ongoing.push({ ...kept, lasted: lastedFor(earlier.firstSeen, current.at) });
      problems.push(kept);
    } else {
      newProblems.push(problem);
      problems.push(problem);
    }
  }
  const resolved = [...before.values()].filter((problem) => !now.has(problem.key));
  return {
    newProblems,
    ongoing,
    resolved,
    state: { cluster: current.cluster, reportId: current.reportId, at: current.at, problems },
  };
}
