// The Kubernetes resource types the product reads, and how each maps to a REST path.

export interface ResourceType {
  kind: string;
  /** API group; '' for the core group. */
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
}

const core = (kind: string, plural: string, namespaced = true): ResourceType => ({
  kind,
  group: '',
  version: 'v1',
  plural,
  namespaced,
});
const grouped = (
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced = true,
): ResourceType => ({
  kind,
  group,
  version,
  plural,
  namespaced,
});

export const resources = {
  namespaces: core('Namespace', 'namespaces', false),
  nodes: core('Node', 'nodes', false),
  pods: core('Pod', 'pods'),
  services: core('Service', 'services'),
  endpoints: core('Endpoints', 'endpoints'),
  events: core('Event', 'events'),
  configMaps: core('ConfigMap', 'configmaps'),
  secrets: core('Secret', 'secrets'),
  persistentVolumeClaims: core('PersistentVolumeClaim', 'persistentvolumeclaims'),
  persistentVolumes: core('PersistentVolume', 'persistentvolumes', false),
  resourceQuotas: core('ResourceQuota', 'resourcequotas'),
  limitRanges: core('LimitRange', 'limitranges'),
  serviceAccounts: core('ServiceAccount', 'serviceaccounts'),
  endpointSlices: grouped('discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices'),
  eventsV1: grouped('events.k8s.io', 'v1', 'Event', 'events'),
  deployments: grouped('apps', 'v1', 'Deployment', 'deployments'),
  replicaSets: grouped('apps', 'v1', 'ReplicaSet', 'replicasets'),
  statefulSets: grouped('apps', 'v1', 'StatefulSet', 'statefulsets'),
  daemonSets: grouped('apps', 'v1', 'DaemonSet', 'daemonsets'),
  jobs: grouped('batch', 'v1', 'Job', 'jobs'),
  cronJobs: grouped('batch', 'v1', 'CronJob', 'cronjobs'),
  horizontalPodAutoscalers: grouped(
    'autoscaling',
    'v2',
    'HorizontalPodAutoscaler',
    'horizontalpodautoscalers',
  ),
  ingresses: grouped('networking.k8s.io', 'v1', 'Ingress', 'ingresses'),
  ingressClasses: grouped('networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', false),
  networkPolicies: grouped('networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies'),
  podDisruptionBudgets: grouped('policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets'),
  storageClasses: grouped('storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', false),
  applications: grouped('argoproj.io', 'v1alpha1', 'Application', 'applications'),
  podMetrics: grouped('metrics.k8s.io', 'v1beta1', 'PodMetrics', 'pods'),
  nodeMetrics: grouped('metrics.k8s.io', 'v1beta1', 'NodeMetrics', 'nodes', false),
} as const satisfies Record<string, ResourceType>;

export type ResourceName = keyof typeof resources;

/** `/api/v1` or `/apis/GROUP/VERSION`. */
export function groupVersionPath(resource: ResourceType): string {
  return resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
}

/** The collection path, namespaced when a namespace is given and the resource is namespaced. */
export function collectionPath(resource: ResourceType, namespace?: string): string {
  const base = groupVersionPath(resource);
  if (resource.namespaced && namespace)
    return `${base}/namespaces/${encodeURIComponent(namespace)}/${resource.plural}`;
  return `${base}/${resource.plural}`;
}

export function objectPath(resource: ResourceType, namespace: string | undefined, name: string): string {
  return `${collectionPath(resource, namespace)}/${encodeURIComponent(name)}`;
}
