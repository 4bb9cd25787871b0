// Turns raw analyzer output into what a person reads: one finding per owner, the alert's object and its
// root cause first, then by severity; and a one- or two-sentence summary.
import { type AnalysisContext, describeRef, sameRef } from '../evidence/index.ts';
import type { Finding, ObjectRef, Scope } from '../report/index.ts';

const SEVERITY = { critical: 0, warning: 1, info: 2 } as const;
/** Codes that describe a whole workload and give way to a more specific finding about the same owner. */
const WORKLOAD_SYMPTOMS = new Set(['WorkloadUnavailable']);

/** Findings after grouping, and which finding now speaks for a folded object (a Service → its failing workload). */
export interface Consolidated {
  findings: Finding[];
  aliases: Map<string, Finding>;
}

export function consolidate(findings: Finding[]): Consolidated {
  const aliases = new Map<string, Finding>();
  const seen = new Set<string>();
  const unique = findings.filter((finding) => {
    const key = `${finding.code}|${refKey(finding.object)}|${finding.owner ? refKey(finding.owner) : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const workloadOf = (finding: Finding) => finding.owner ?? finding.object;
  const out: Finding[] = [];
  for (const finding of unique) {
    const target = workloadOf(finding);
    if (WORKLOAD_SYMPTOMS.has(finding.code)) {
      const specific = unique.find(
        (other) =>
          other !== finding && !WORKLOAD_SYMPTOMS.has(other.code) && sameRef(workloadOf(other), target),
      );
      if (specific) {
        // The workload is down *because of* the specific finding: keep its counts as evidence there.
        specific.evidence.push(...finding.evidence.slice(0, 1));
        continue;
      }
    }
    if (
      finding.code === 'ServiceNoEndpoints' &&
      finding.rootCause?.object &&
      !['SelectorMismatch', 'WorkloadUnavailable'].includes(finding.rootCause.code)
    ) {
      // No endpoints because the backing workload is itself failing: that finding already says why.
      const backing = unique.find(
        (other) => other !== finding && sameRef(other.owner ?? other.object, finding.rootCause?.object),
      );
      if (backing && backing.code !== 'ServiceNoEndpoints') {
        backing.evidence.push(finding.summary);
        aliases.set(refKey(finding.object), backing);
        continue;
      }
    }
    if (finding.code !== 'RolloutStuck' && finding.owner) {
      const rollout = unique.find(
        (other) => other.code === 'RolloutStuck' && sameRef(other.object, finding.owner),
      );
      if (rollout) {
        rollout.evidence.push(...finding.evidence.slice(0, 2));
        rollout.rootCause ??= finding.rootCause ?? { code: finding.code, object: finding.object };
        continue;
      }
    }
    out.push(finding);
  }
  return { findings: out, aliases };
}

/** `targets`: the scope's object and the workload that owns it (an alert on a pod is about its Deployment too). */
export function orderFindings({ findings, aliases }: Consolidated, targets: ObjectRef[]): Finding[] {
  const about = (finding: Finding, ref: ObjectRef | undefined) =>
    !!ref && (sameRef(finding.object, ref) || sameRef(finding.owner, ref));
  const primary = findings.filter((finding) => targets.some((target) => about(finding, target)));
  const causes = primary.map((finding) => causeOf(finding, { findings, aliases }));
  const rank = (finding: Finding) => {
    if (primary.includes(finding)) return 0;
    if (causes.includes(finding)) return 1;
    return 2;
  };
  return [...findings].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      SEVERITY[a.severity] - SEVERITY[b.severity] ||
      // Findings that explain another come before the symptoms they explain.
      Number(!!b.rootCause) - Number(!!a.rootCause) ||
      refKey(a.owner ?? a.object).localeCompare(refKey(b.owner ?? b.object)),
  );
}

export function summarize(
  { findings, aliases }: Consolidated & { findings: Finding[] },
  scope: Scope,
  context: AnalysisContext,
  targets: ObjectRef[],
): string {
  const where =
    scope.object && scope.kind !== 'namespace'
      ? describeRef(scope.object)
      : scope.namespace
        ? `namespace ${scope.namespace}`
        : 'the cluster';
  const serious = findings.filter((finding) => finding.severity !== 'info');
  const first = findings[0];
  if (!first) {
    const pods = context.list('pods').length;
    return `No problems found in ${where} (${pods} pod${pods === 1 ? '' : 's'} checked).`;
  }
  const target = scope.object;
  const aboutTarget = targets.some((ref) => sameRef(first.object, ref) || sameRef(first.owner, ref));
  let summary = first.summary;
  if (target && !aboutTarget && scope.kind === 'alert')
    summary = `No problem found on ${describeRef(target)} itself; in ${scope.namespace ? `namespace ${scope.namespace}` : 'the cluster'}: ${first.summary}`;
  // Follow the cause one hop when the first finding's summary does not already say it.
  const cause = causeOf(first, { findings, aliases });
  const chain = [first];
  if (cause) {
    chain.push(cause);
    if (cause.rootCause?.detail && !first.summary.includes(cause.rootCause.detail))
      summary += ` ${cause.summary}`;
  }
  const rest = serious.filter((finding) => !chain.includes(finding)).length;
  if (rest > 0) summary += ` ${rest} more finding${rest === 1 ? '' : 's'} below.`;
  return summary;
}

/** The finding about a finding's root-cause object (directly, or the workload a Service was folded into). */
function causeOf(finding: Finding, { findings, aliases }: Consolidated): Finding | undefined {
  const ref = finding.rootCause?.object;
  if (!ref) return undefined;
  const direct = findings.find(
    (other) => other !== finding && (sameRef(other.object, ref) || sameRef(other.owner, ref)),
  );
  const cause = direct ?? aliases.get(refKey(ref));
  return cause === finding ? undefined : cause;
}

function refKey(ref: ObjectRef): string {
  return `${ref.namespace ?? ''}/${ref.kind}/${ref.name}`;
}
