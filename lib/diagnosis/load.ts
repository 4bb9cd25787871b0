// Loads the snapshot a scope needs: a lean first read, then only the kinds the first read makes suspicious.
import {
  type ClusterReader,
  type K8sObject,
  loadResources,
  type ResourceName,
  resources,
  type Snapshot,
} from '../cluster/index.ts';
import type { Scope } from '../report/index.ts';

/** What an alert or object diagnosis always reads in its namespace (the demo reads these plus one log). */
const LEAN: ResourceName[] = [
  'pods',
  'services',
  'endpoints',
  'events',
  'deployments',
  'replicaSets',
  'statefulSets',
];

/** What a namespace or cluster diagnosis reads up front. */
const FULL: ResourceName[] = [
  ...LEAN,
  'daemonSets',
  'jobs',
  'cronJobs',
  'persistentVolumeClaims',
  'ingresses',
  'horizontalPodAutoscalers',
  'resourceQuotas',
];

const BY_KIND: Record<string, ResourceName[]> = {
  DaemonSet: ['daemonSets'],
  Job: ['jobs', 'cronJobs'],
  CronJob: ['jobs', 'cronJobs'],
  PersistentVolumeClaim: ['persistentVolumeClaims', 'storageClasses'],
  Ingress: ['ingresses'],
  HorizontalPodAutoscaler: ['horizontalPodAutoscalers'],
  Application: ['applications'],
  Node: ['nodes'],
};

export async function loadSnapshot(
  reader: ClusterReader,
  scope: Scope,
  options: { pageSize?: number; now?: string; fallbackNow: string },
): Promise<Snapshot> {
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

  const objectKind = scope.object?.kind;
  if (scope.kind === 'cluster') await load([...FULL, 'nodes', 'applications']);
  else if (!namespace) await load(BY_KIND[objectKind ?? ''] ?? ['nodes']);
  else if (scope.kind === 'namespace') await load([...FULL, 'applications']);
  else await load([...LEAN, ...(BY_KIND[objectKind ?? ''] ?? [])]);
  if (objectKind === 'Node' && scope.object && !snapshot.objects.pods) {
    // A node alert: the pods on that node (one field-selected list) say which workloads it hurts.
    snapshot.objects.pods = await reader
      .list(resources.pods, {
        fieldSelector: `spec.nodeName=${scope.object.name}`,
        ...(options.pageSize ? { limit: options.pageSize } : {}),
      })
      .catch(() => []);
  }

  // Second read: only the kinds the first read points at.
  await load(followUps(snapshot));
  await load(followUps(snapshot)); // e.g. PVCs found Pending only after PVCs were read → StorageClasses
  snapshot.now = options.now ?? reader.stats.serverTime ?? options.fallbackNow;
  return snapshot;
}

function followUps(snapshot: Snapshot): ResourceName[] {
  const wanted = new Set<ResourceName>();
  const pods = snapshot.objects.pods ?? [];
  for (const pod of pods) {
    for (const ref of pod.metadata.ownerReferences ?? []) {
      if (ref.kind === 'DaemonSet') wanted.add('daemonSets');
      if (ref.kind === 'Job') {
        wanted.add('jobs');
        wanted.add('cronJobs');
      }
    }
    const phase = pod.status?.phase;
    if (phase === 'Pending') {
      wanted.add('nodes');
      if ((pod.spec?.volumes ?? []).some((volume: K8sObject['spec']) => volume.persistentVolumeClaim))
        wanted.add('persistentVolumeClaims');
    }
    if (pod.status?.reason === 'Evicted') wanted.add('nodes');
    const waiting = [
      ...(pod.status?.containerStatuses ?? []),
      ...(pod.status?.initContainerStatuses ?? []),
    ].map((status) => status.state?.waiting?.reason);
    if (waiting.includes('CreateContainerConfigError')) {
      wanted.add('configMaps');
      wanted.add('secrets');
    }
    if (
      (pod.status?.conditions ?? []).some(
        (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'Unknown',
      )
    )
      wanted.add('nodes');
  }
  for (const event of snapshot.objects.events ?? []) {
    const message = String(event.message ?? event.note ?? '');
    if (/exceeded quota/i.test(message)) wanted.add('resourceQuotas');
    if (event.reason === 'FailedMount' && /configmap|secret/i.test(message)) {
      wanted.add('configMaps');
      wanted.add('secrets');
    }
    if (event.reason === 'FailedMount' || event.reason === 'FailedAttachVolume')
      wanted.add('persistentVolumeClaims');
  }
  if ((snapshot.objects.persistentVolumeClaims ?? []).some((pvc) => pvc.status?.phase === 'Pending'))
    wanted.add('storageClasses');
  return [...wanted].filter((name) => !snapshot.objects[name]);
}
