// Turns raw analyzer output into what a person reads: one finding per owner, the alert's object and its
// root cause first, then by severity; and a one- or two-sentence summary.
import { type AnalysisContext, count, describeRef, sameRef } from '../evidence/index.ts';
import { type Text, verbatim } from '../i18n/index.ts';
import type { CauseLink, Finding, FindingCode, ObjectRef, Scope } from '../report/index.ts';

const SEVERITY = { critical: 0, warning: 1, info: 2 } as const;
/** Codes that describe a whole workload and give way to a more specific finding about the same owner. */
const WORKLOAD_SYMPTOMS = new Set(['WorkloadUnavailable']);

/** Findings after grouping, and which finding now speaks for a folded object (a Service → its failing workload). */
export interface Consolidated {
  findings: Finding[];
  aliases: Map<string, Finding>;
}

/**
 * Adds another finding's lines to a finding's evidence, keeping `evidenceTexts` one for one with it (a line that
 * came without its Text reads as it is).
 */
function addEvidence(to: Finding, lines: string[], texts: Finding['evidenceTexts'], from = 0): void {
  const kept =
    texts && texts.length >= from + lines.length ? texts.slice(from, from + lines.length) : undefined;
  if (to.evidenceTexts && to.evidenceTexts.length === to.evidence.length)
    to.evidenceTexts.push(...(kept ?? lines.map(verbatim)));
  to.evidence.push(...lines);
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
        addEvidence(specific, finding.evidence.slice(0, 1), finding.evidenceTexts);
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
        addEvidence(backing, [finding.summary], finding.summaryText && [finding.summaryText]);
        aliases.set(refKey(finding.object), backing);
        continue;
      }
    }
    if (finding.code !== 'RolloutStuck' && finding.owner) {
      const rollout = unique.find(
        (other) => other.code === 'RolloutStuck' && sameRef(other.object, finding.owner),
      );
      if (rollout) {
        addEvidence(rollout, finding.evidence.slice(0, 2), finding.evidenceTexts);
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

/** A finding's state in a few words, for a hop of the chain; a code with no entry shows as itself. */
const STATE: Partial<Record<FindingCode, string>> = {
  CrashLoopBackOff: 'crash-looping',
  OOMKilled: 'killed out of memory',
  ImagePullFailure: 'image pull fails',
  ContainerConfigError: 'container config error',
  ProbeFailure: 'probe fails',
  Unschedulable: 'pods cannot be scheduled',
  FailedMount: 'volume mount fails',
  InitContainerFailure: 'init container fails',
  Evicted: 'pods evicted',
  RolloutStuck: 'rollout stuck',
  WorkloadUnavailable: 'replicas not ready',
  JobFailed: 'job failed',
  CronJobFailing: 'runs fail',
  ServiceNoEndpoints: 'no ready endpoints',
  IngressBackendMissing: 'answers 503',
  PVCPending: 'claim pending',
  NodeNotReady: 'not ready',
  NodePressure: 'under pressure',
  HPAAtLimit: 'at its max replicas',
  QuotaExceeded: 'quota exceeded',
  ArgoSyncFailed: 'sync failed',
  ArgoDegraded: 'degraded',
  DependencyUnreachable: 'unreachable',
  MissingConfig: 'config missing',
  BadImageReference: 'bad image reference',
  InsufficientResources: 'not enough resources',
  SelectorMismatch: 'labels do not match',
  ApplicationError: 'application error',
  UntoleratedTaint: 'no node tolerates it',
  StorageExhausted: 'out of capacity',
};

const stateOf = (finding: Finding): string =>
  // A probe's kind is in its sentence ("its readiness probe fails"); the chain says which.
  finding.code === 'ProbeFailure'
    ? (/\b(readiness|liveness|startup) probe/.exec(finding.summary)?.[0]?.concat(' fails') ?? 'probe fails')
    : (STATE[finding.code] ?? finding.code);

/** The same state kept language-neutral: the code, and for a probe which one (`report.state`). */
const stateTextOf = (code: FindingCode, summary = ''): Text => {
  const probe =
    code === 'ProbeFailure' ? /\b(readiness|liveness|startup) probe/.exec(summary)?.[1] : undefined;
  return { key: 'report.state', params: { code, probe: probe ?? 'none' } };
};

const hop = (object: ObjectRef, code: FindingCode, state: string, summary?: string): CauseLink => ({
  object,
  code,
  state,
  stateText: stateTextOf(code, summary),
});

const subjectOf = (finding: Finding): ObjectRef => finding.owner ?? finding.object;

/** The lead finding's causes, followed as far as the evidence goes (each finding once: a cycle ends the walk). */
export interface CauseChain {
  /** The findings on the way, lead first, deepest evidenced cause last. */
  findings: Finding[];
  /** The hops a person reads, with the objects in between (a Service folded into its workload, a last cause). */
  links: CauseLink[];
}

export function causeChain(lead: Finding | undefined, consolidated: Consolidated): CauseChain {
  if (!lead) return { findings: [], links: [] };
  const path = [lead];
  const links: CauseLink[] = [hop(subjectOf(lead), lead.code, stateOf(lead), lead.summary)];
  let current = lead;
  for (;;) {
    const cause = causeOf(current, consolidated);
    const ref = current.rootCause?.object;
    if (!cause || path.includes(cause)) {
      // No finding about the cause: it still names one more object (a selector's near miss, a dependency).
      const last = current.rootCause;
      if (last?.object && !links.some((link) => sameRef(link.object, last.object)))
        links.push({
          ...hop(last.object, last.code, last.state ?? STATE[last.code] ?? last.code),
          // The cause's own word (`LOADING`) says more than its code's.
          ...(last.stateText ? { stateText: last.stateText } : {}),
        });
      break;
    }
    // A Service folded into the workload behind it is still a hop the traffic takes.
    if (ref && !sameRef(subjectOf(cause), ref) && !sameRef(cause.object, ref))
      links.push(hop(ref, 'ServiceNoEndpoints', STATE.ServiceNoEndpoints!));
    path.push(cause);
    links.push(hop(subjectOf(cause), cause.code, stateOf(cause), cause.summary));
    current = cause;
  }
  return { findings: path, links };
}

/**
 * The report's summary, in English and kept language-neutral: `report.summary` frames the findings' own sentences,
 * which it names by their index in `findings` (`lead`, `cause`) so each is rendered in the reader's language.
 */
export function summarize(
  { findings, aliases }: Consolidated & { findings: Finding[] },
  scope: Scope,
  context: AnalysisContext,
  targets: ObjectRef[],
): { summary: string; summaryText: Text } {
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
    const place: Record<string, string> =
      scope.object && scope.kind !== 'namespace'
        ? { where: 'object', object: describeRef(scope.object) }
        : scope.namespace
          ? { where: 'namespace', namespace: scope.namespace }
          : { where: 'cluster' };
    return {
      summary: `No problems found in ${where} (${count(pods, 'pod')} checked).`,
      summaryText: { key: 'report.noProblems', params: { ...place, pods } },
    };
  }
  const target = scope.object;
  const aboutTarget = targets.some((ref) => sameRef(first.object, ref) || sameRef(first.owner, ref));
  const walk = causeChain(first, { findings, aliases });
  const chain = walk.findings;
  // A finding on a hop of the chain (a Service folded into its workload) is told by the chain line, as the message
  // leaves it out of "Also found": it is not one more finding either.
  const onHop = (finding: Finding) =>
    walk.links.some(
      (link) =>
        finding.code === link.code &&
        (sameRef(finding.owner, link.object) || sameRef(finding.object, link.object)),
    );
  const deepest = chain[chain.length - 1]!;
  // The deepest cause leads, unless the first finding's sentence already says it (then it is the better one).
  const saysIt =
    deepest === first ||
    (!!deepest.rootCause?.detail && first.summary.includes(deepest.rootCause.detail)) ||
    first.summary.includes(deepest.summary.replace(/\.$/, ''));
  let summary = saysIt
    ? first.summary
    : `${deepest.summary} That is what breaks ${describeRef(subjectOf(first))} (${stateOf(first)}).`;
  const onOther = !!target && !aboutTarget && scope.kind === 'alert';
  if (target && onOther)
    summary = `No problem found on ${describeRef(target)} itself; in ${scope.namespace ? `namespace ${scope.namespace}` : 'the cluster'}: ${summary}`;
  const rest = serious.filter((finding) => !chain.includes(finding) && !onHop(finding)).length;
  if (rest > 0) summary += ` ${count(rest, 'more finding')} below.`;
  const state = stateTextOf(first.code, first.summary).params!;
  const summaryText: Text = {
    key: 'report.summary',
    params: {
      target: target && onOther ? describeRef(target) : 'none',
      namespace: scope.namespace ?? 'none',
      lead: 0,
      cause: saysIt ? 'none' : indexIn(findings, deepest),
      subject: describeRef(subjectOf(first)),
      // The lead's state is rendered by `report.state` beside the frame (a message cannot hold another).
      stateCode: state.code!,
      probe: state.probe!,
      rest,
    },
  };
  return { summary, summaryText };
}

/** Where a finding is in the list (a folded alias may be an earlier copy of it: the same code on the same object). */
function indexIn(findings: Finding[], finding: Finding): number {
  const index = findings.indexOf(finding);
  return index >= 0
    ? index
    : findings.findIndex((other) => other.code === finding.code && sameRef(other.object, finding.object));
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
