// Reads what a change verdict on one workload needs, for a caller without a diagnosis snapshot (the agent's
// recent_changes tool): the workload, its pods and events, its revisions, then the config its pods use.
import { type ClusterReader, loadResources, type ResourceName, type Snapshot } from '../cluster/index.ts';
import { AnalysisContext } from '../evidence/index.ts';
import type { ObjectRef } from '../report/index.ts';
import { type ChangeOptions, changeReads, changesOf, changeVerdict } from './index.ts';

const workloadLists: Record<string, ResourceName> = {
  Deployment: 'deployments',
  StatefulSet: 'statefulSets',
  DaemonSet: 'daemonSets',
};

export async function readChanges(reader: ClusterReader, workload: ObjectRef, options: ChangeOptions = {}) {
  const now = reader.stats.serverTime ?? new Date().toISOString();
  const snapshot: Snapshot = {
    now,
    ...(workload.namespace ? { namespace: workload.namespace } : {}),
    objects: {},
    logs: [],
  };
  const inNamespace = { ...(workload.namespace ? { namespace: workload.namespace } : {}) };
  const revisions: ResourceName = workload.kind === 'Deployment' ? 'replicaSets' : 'controllerRevisions';
  await loadResources(
    reader,
    snapshot,
    ['pods', 'events', revisions, workloadLists[workload.kind] ?? 'deployments'],
    inNamespace,
  );
  await loadResources(reader, snapshot, changeReads(new AnalysisContext(snapshot)), inNamespace);
  // Applications live in Argo CD's namespace, not the workload's: one list across the cluster.
  await loadResources(reader, snapshot, ['applications']);
  snapshot.now = reader.stats.serverTime ?? now;
  const context = new AnalysisContext(snapshot);
  return {
    context,
    changes: changesOf(context, workload),
    verdict: changeVerdict(context, workload, options),
  };
}
