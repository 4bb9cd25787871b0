// The one table of Kubernetes resource types the product knows (kind, group, version, plural, scope, short
// names, kubectl columns), how each maps to a REST path, and how a name a person or model types finds one.
import { type PrinterColumn, printerColumns } from './columns.ts';

export interface ResourceType {
  kind: string;
  /** API group; '' for the core group. */
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
  /** kubectl's short names (`po`, `deploy`), as the API server's discovery lists them. */
  shortNames: readonly string[];
  /** Discovery categories (`kubectl get all` lists the `all` category). */
  categories: readonly string[];
  /** The columns `kubectl get` prints; absent: name and age. */
  columns?: readonly PrinterColumn[];
}

type Details = Partial<Pick<ResourceType, 'namespaced' | 'shortNames' | 'categories' | 'columns'>>;

/** `apiVersion` as a manifest writes it (`v1`, `apps/v1`). */
function resource(apiVersion: string, kind: string, plural: string, details: Details = {}): ResourceType {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return {
    kind,
    group: group ?? '',
    version: version ?? 'v1',
    plural,
    namespaced: details.namespaced ?? true,
    shortNames: details.shortNames ?? [],
    categories: details.categories ?? [],
    ...(details.columns ? { columns: details.columns } : {}),
  };
}

const all = ['all'];
const cluster = { namespaced: false };
const columns = printerColumns;

/** Every kind the product knows, as a real v1.31 API server names it: one list for the agent, proxy and sim. */
export const resources = {
  namespaces: resource('v1', 'Namespace', 'namespaces', {
    ...cluster,
    shortNames: ['ns'],
    columns: columns.namespaces,
  }),
  nodes: resource('v1', 'Node', 'nodes', { ...cluster, shortNames: ['no'], columns: columns.nodes }),
  pods: resource('v1', 'Pod', 'pods', { shortNames: ['po'], categories: all, columns: columns.pods }),
  services: resource('v1', 'Service', 'services', {
    shortNames: ['svc'],
    categories: all,
    columns: columns.services,
  }),
  endpoints: resource('v1', 'Endpoints', 'endpoints', { shortNames: ['ep'], columns: columns.endpoints }),
  events: resource('v1', 'Event', 'events', { shortNames: ['ev'], columns: columns.events }),
  configMaps: resource('v1', 'ConfigMap', 'configmaps', { shortNames: ['cm'], columns: columns.configMaps }),
  secrets: resource('v1', 'Secret', 'secrets', { columns: columns.secrets }),
  persistentVolumeClaims: resource('v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', {
    shortNames: ['pvc'],
    columns: columns.persistentVolumeClaims,
  }),
  persistentVolumes: resource('v1', 'PersistentVolume', 'persistentvolumes', {
    ...cluster,
    shortNames: ['pv'],
  }),
  resourceQuotas: resource('v1', 'ResourceQuota', 'resourcequotas', { shortNames: ['quota'] }),
  limitRanges: resource('v1', 'LimitRange', 'limitranges', { shortNames: ['limits'] }),
  serviceAccounts: resource('v1', 'ServiceAccount', 'serviceaccounts', { shortNames: ['sa'] }),
  endpointSlices: resource('discovery.k8s.io/v1', 'EndpointSlice', 'endpointslices'),
  eventsV1: resource('events.k8s.io/v1', 'Event', 'events', { shortNames: ['ev'] }),
  deployments: resource('apps/v1', 'Deployment', 'deployments', {
    shortNames: ['deploy'],
    categories: all,
    columns: columns.deployments,
  }),
  replicaSets: resource('apps/v1', 'ReplicaSet', 'replicasets', {
    shortNames: ['rs'],
    categories: all,
    columns: columns.replicaSets,
  }),
  controllerRevisions: resource('apps/v1', 'ControllerRevision', 'controllerrevisions'),
  statefulSets: resource('apps/v1', 'StatefulSet', 'statefulsets', {
    shortNames: ['sts'],
    categories: all,
    columns: columns.statefulSets,
  }),
  daemonSets: resource('apps/v1', 'DaemonSet', 'daemonsets', {
    shortNames: ['ds'],
    categories: all,
    columns: columns.daemonSets,
  }),
  jobs: resource('batch/v1', 'Job', 'jobs', { categories: all, columns: columns.jobs }),
  cronJobs: resource('batch/v1', 'CronJob', 'cronjobs', {
    shortNames: ['cj'],
    categories: all,
    columns: columns.cronJobs,
  }),
  horizontalPodAutoscalers: resource(
    'autoscaling/v2',
    'HorizontalPodAutoscaler',
    'horizontalpodautoscalers',
    {
      shortNames: ['hpa'],
      categories: all,
      columns: columns.horizontalPodAutoscalers,
    },
  ),
  ingresses: resource('networking.k8s.io/v1', 'Ingress', 'ingresses', {
    shortNames: ['ing'],
    columns: columns.ingresses,
  }),
  ingressClasses: resource('networking.k8s.io/v1', 'IngressClass', 'ingressclasses', cluster),
  networkPolicies: resource('networking.k8s.io/v1', 'NetworkPolicy', 'networkpolicies', {
    shortNames: ['netpol'],
  }),
  podDisruptionBudgets: resource('policy/v1', 'PodDisruptionBudget', 'poddisruptionbudgets', {
    shortNames: ['pdb'],
  }),
  storageClasses: resource('storage.k8s.io/v1', 'StorageClass', 'storageclasses', {
    ...cluster,
    shortNames: ['sc'],
  }),
  applications: resource('argoproj.io/v1alpha1', 'Application', 'applications', {
    shortNames: ['app', 'apps'],
    columns: columns.applications,
  }),
  podMetrics: resource('metrics.k8s.io/v1beta1', 'PodMetrics', 'pods'),
  nodeMetrics: resource('metrics.k8s.io/v1beta1', 'NodeMetrics', 'nodes', cluster),
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

/** `v1` or `GROUP/VERSION`, as a manifest's `apiVersion` says it. */
export function apiVersionOf(resource: Pick<ResourceType, 'group' | 'version'>): string {
  return resource.group ? `${resource.group}/${resource.version}` : resource.version;
}

/**
 * Finds a resource type the way kubectl does: by kind, plural, singular or short name, case-insensitively.
 * Ambiguous names (`pods` is also PodMetrics) resolve to the first in the table, the core kind.
 */
export function resourceFor(name: string): ResourceType | undefined {
  const wanted = name.trim().toLowerCase();
  return Object.values(resources).find(
    (resource: ResourceType) =>
      resource.kind.toLowerCase() === wanted ||
      resource.plural === wanted ||
      `${resource.kind.toLowerCase()}s` === wanted ||
      resource.shortNames.includes(wanted),
  );
}
