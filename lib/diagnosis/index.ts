// The diagnosis: scoped snapshot → logs for suspects → every analyzer → grouped, ordered findings → Report.
import { type Analyzer, analyzers as allAnalyzers } from '../analyzers/index.ts';
import { type ClusterReader, foldName } from '../cluster/index.ts';
import { AnalysisContext } from '../evidence/index.ts';
import type { Finding, ObjectRef, Report, ReportSource, Scope } from '../report/index.ts';
import { attachChanges } from './changes.ts';
import { causeChain, consolidate, orderFindings, summarize } from './findings.ts';
import { loadSnapshot } from './load.ts';

export { scopeFor, scopeFromAlert } from './scope.ts';

export interface DiagnoseInput {
  reader: ClusterReader;
  cluster: string;
  source: ReportSource;
  scope: Scope;
  alert?: { name: string; severity?: string; labels: Record<string, string> };
  id?: string;
  startedAt?: string;
  /** The moment to diagnose at; defaults to the cluster's clock (the reader's serverTime). */
  now?: string;
  /** Page size for list calls. */
  pageSize?: number;
  /** At most this many logs are read (alert/object/namespace: 4, cluster: 60). */
  maxLogs?: number;
  /** Called as the snapshot loads, for a progress line on large clusters. */
  onProgress?: (stage: string) => void;
  analyzers?: readonly Analyzer[];
  /** How long before the trouble a change is blamed (CHANGE_WINDOW_MINUTES; default 30). */
  changeWindowMinutes?: number;
  /** When the trouble began by the alert (its startsAt). */
  troubleSince?: string;
  /** Read and judge change evidence (default true; false measures the engine without it). */
  whatChanged?: boolean;
}

export async function diagnose(input: DiagnoseInput): Promise<Report> {
  const started = Date.now();
  const startedAt = input.startedAt ?? new Date(started).toISOString();
  const { reader, scope } = input;
  const before = { requests: reader.stats.requests, bytes: reader.stats.bytes };
  const analyzers = input.analyzers ?? allAnalyzers;

  input.onProgress?.('listing objects');
  const snapshot = await loadSnapshot(reader, scope, {
    analyzers,
    fallbackNow: startedAt,
    maxLogs: input.maxLogs ?? (scope.kind === 'cluster' ? 60 : 4),
    ...(input.now ? { now: input.now } : {}),
    ...(input.pageSize ? { pageSize: input.pageSize } : {}),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    whatChanged: input.whatChanged ?? true,
  });
  const context = new AnalysisContext(snapshot, scope.object);

  input.onProgress?.('analyzing');
  const raw: Finding[] = analyzers.flatMap((analyzer) => analyzer.analyze(context));
  const targets = scopeTargets(context, scope);
  const consolidated = consolidate(raw);
  const ordered = orderFindings(consolidated, targets);
  const findings =
    input.whatChanged === false
      ? ordered
      : attachChanges(ordered, context, {
          ...(input.changeWindowMinutes ? { windowMinutes: input.changeWindowMinutes } : {}),
          ...(input.troubleSince ? { since: input.troubleSince } : {}),
        });
  // A chain is worth showing when it passes through another finding; one hop is the root-cause line itself.
  const causes = causeChain(findings[0], { ...consolidated, findings });
  const chain = causes.findings.length > 1 ? causes.links : [];

  return {
    id: input.id ?? `kr-${crypto.randomUUID().slice(0, 8)}`,
    source: input.source,
    cluster: input.cluster,
    scope,
    startedAt,
    ...(input.alert ? { alert: input.alert } : {}),
    findings,
    ...(chain.length > 1 ? { chain } : {}),
    ...summarize({ ...consolidated, findings }, scope, context, targets),
    proposals: [],
    meta: {
      apiRequests: reader.stats.requests - before.requests,
      bytesRead: reader.stats.bytes - before.bytes,
      durationMs: Date.now() - started,
    },
  };
}

/** The scope's object and the top workload that owns it. */
function scopeTargets(context: AnalysisContext, scope: Scope): ObjectRef[] {
  const target = scope.object;
  if (!target) return [];
  const object = context.find(target.kind, target.namespace, target.name);
  if (object && target.kind === 'Service') {
    // An alert on a Service is about the workloads behind it.
    const owners = context
      .podsMatching(target.namespace, object.spec?.selector)
      .map((pod) => context.ownerOf(pod))
      .filter((ref): ref is ObjectRef => !!ref);
    return [target, ...owners];
  }
  const owner = object ? context.ownerOf(object) : guessOwner(target);
  return owner ? [target, owner] : [target];
}

/** The owner of a pod that is already gone, from the controllers' naming (`deploy-<hash>-<id>`, `sts-<n>`). */
function guessOwner(target: ObjectRef): ObjectRef | undefined {
  if (target.kind !== 'Pod') return undefined;
  const folded = foldName('Pod', target.name);
  if (!folded?.controller) return undefined;
  return {
    kind: folded.controller,
    ...(target.namespace ? { namespace: target.namespace } : {}),
    name: folded.name,
  };
}
