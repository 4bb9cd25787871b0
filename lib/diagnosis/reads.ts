// Which lists a diagnosis reads, derived from what the analyzers declare: a first read by scope, then the
// follow-ups the snapshot so far points at. No table per kind: a new analyzer brings its own reads.
import type { Analyzer } from '../analyzers/index.ts';
import { type ResourceName, resources, type Snapshot } from '../cluster/index.ts';
import { AnalysisContext } from '../evidence/index.ts';
import type { Scope } from '../report/index.ts';

const unique = (names: readonly ResourceName[]) => [...new Set(names)];

/** What the analyzers read for objects of one kind. */
function readsAbout(analyzers: readonly Analyzer[], kind: string): ResourceName[] {
  return unique(analyzers.flatMap((analyzer) => analyzer.reads[kind] ?? []));
}

/**
 * Every list any analyzer reads. Cluster-scoped lists only in a whole-cluster scan, and only those of a kind
 * an analyzer reports on (Nodes); one that only explains another kind (StorageClasses) waits for a follow-up.
 */
function scanReads(analyzers: readonly Analyzer[], wholeCluster: boolean): ResourceName[] {
  const kinds = new Set(analyzers.flatMap((analyzer) => Object.keys(analyzer.reads)));
  const all = analyzers.flatMap((analyzer) => Object.values(analyzer.reads).flatMap((names) => names ?? []));
  return unique(all).filter(
    (name) => resources[name].namespaced || (wholeCluster && kinds.has(resources[name].kind)),
  );
}

/** The first read of a scope (`namespace`: the one the snapshot is limited to, if any). */
export function firstRead(
  analyzers: readonly Analyzer[],
  scope: Scope,
  namespace: string | undefined,
): ResourceName[] {
  if (scope.kind === 'cluster') return scanReads(analyzers, true);
  if (scope.kind === 'namespace' && namespace) return scanReads(analyzers, false);
  // Every diagnosis in a namespace reads what the pod analyzers read: an alert's pods show its trouble.
  const pods = readsAbout(analyzers, 'Pod');
  const own = readsAbout(analyzers, scope.object?.kind ?? '').filter((name) => !pods.includes(name));
  if (namespace) return unique([...pods, ...own]);
  // An object outside any namespace (a Node): only its own kind's lists; pods across the cluster are too many.
  return own.length > 0 ? own : ['nodes'];
}

/** What the snapshot so far makes the analyzers want, less what it already holds. */
export function followUps(analyzers: readonly Analyzer[], snapshot: Snapshot): ResourceName[] {
  const context = new AnalysisContext(snapshot);
  return unique(analyzers.flatMap((analyzer) => analyzer.followUps?.(context) ?? [])).filter(
    (name) => !snapshot.objects[name],
  );
}
