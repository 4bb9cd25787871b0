// Loads the snapshot a scope needs: a lean first read, then only the kinds the first read makes suspicious,
// then the logs of the suspects and what those logs point at. The analyzers say what they read (`reads.ts`).
import type { Analyzer, LogRequest } from '../analyzers/index.ts';
import { changeReads } from '../changes/index.ts';
import {
  type ClusterReader,
  loadLogs,
  loadResources,
  type ResourceName,
  resources,
  type Snapshot,
} from '../cluster/index.ts';
import { AnalysisContext } from '../evidence/index.ts';
import type { Scope } from '../report/index.ts';
import { firstRead, followUps } from './reads.ts';

export interface LoadOptions {
  analyzers: readonly Analyzer[];
  pageSize?: number;
  now?: string;
  fallbackNow: string;
  /** At most this many logs are read. */
  maxLogs: number;
  onProgress?: (stage: string) => void;
  /** Read change evidence for workloads in trouble. */
  whatChanged?: boolean;
}

export async function loadSnapshot(
  reader: ClusterReader,
  scope: Scope,
  options: LoadOptions,
): Promise<Snapshot> {
  const { analyzers } = options;
  const namespace = scope.kind === 'cluster' ? undefined : (scope.namespace ?? scope.object?.namespace);
  const snapshot: Snapshot = {
    now: options.fallbackNow,
    ...(namespace ? { namespace } : {}),
    objects: {},
    logs: [],
  };
  const load = (names: ResourceName[]) =>
    loadResources(reader, snapshot, names, {
      ...(namespace ? { namespace } : {}),
      ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    });

  await load(firstRead(analyzers, scope, namespace));
  if (scope.object?.kind === 'Node' && !snapshot.objects.pods) {
    // A node alert: the pods on that node (one field-selected list) say which workloads it hurts.
    snapshot.objects.pods = await reader
      .list(resources.pods, {
        fieldSelector: `spec.nodeName=${scope.object.name}`,
        ...(options.pageSize ? { limit: options.pageSize } : {}),
      })
      .catch(() => []);
  }

  // Second read: only the kinds the first read points at.
  await load(followUps(analyzers, snapshot));
  await load(followUps(analyzers, snapshot)); // e.g. PVCs found Pending only after PVCs were read → StorageClasses
  // What changed: read only when a workload is in trouble (its revisions, the config its pods use); a Node's
  // pods across the cluster are the node's story, not a change's.
  if (options.whatChanged && (namespace || scope.kind === 'cluster'))
    await load(changeReads(new AnalysisContext(snapshot)).filter((name) => !snapshot.objects[name]));
  snapshot.now = options.now ?? reader.stats.serverTime ?? options.fallbackNow;

  options.onProgress?.('reading logs');
  const context = new AnalysisContext(snapshot, scope.object);
  const wanted = analyzers.flatMap((analyzer) => analyzer.logs?.(context) ?? []);
  await loadLogs(reader, snapshot, prioritise(context, wanted, scope).slice(0, options.maxLogs));
  // What the logs point at: a timeout or a failed lookup may be a NetworkPolicy.
  await load(followUps(analyzers, snapshot));
  return snapshot;
}

/** Logs of the scope's own object first, then one per suspect. */
function prioritise(context: AnalysisContext, requests: LogRequest[], scope: Scope): LogRequest[] {
  const target = scope.object;
  if (!target) return requests;
  const score = (request: LogRequest) => {
    if (target.kind === 'Pod') return request.pod === target.name ? 0 : 1;
    const pod = context.find('Pod', request.namespace, request.pod);
    const owner = pod ? context.ownerOf(pod) : undefined;
    return owner?.kind === target.kind && owner.name === target.name ? 0 : 1;
  };
  return [...requests].sort((a, b) => score(a) - score(b));
}
