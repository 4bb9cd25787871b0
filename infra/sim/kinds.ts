// The REST identity (group, version, plural, scope, short names, verbs) of every kind the fixture server serves.

export interface KindInfo {
  kind: string;
  /** API group; '' for the core group. */
  group: string;
  version: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  /** Subresources served besides the object itself (e.g. `log`, `scale`). */
  subresources: string[];
  /** Discovery categories (`kubectl get all` lists the `all` category). */
  categories: string[];
}

const READ = ['get', 'list'];
// Verbs the server really implements beyond reads; discovery advertises only what works.
const WORKLOAD = ['get', 'list', 'patch'];

function info(
  apiVersion: string,
  kind: string,
  plural: string,
  options: {
    namespaced?: boolean;
    shortNames?: string[];
    verbs?: string[];
    subresources?: string[];
    categories?: string[];
  } = {},
): KindInfo {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return {
    kind,
    group: group ?? '',
    version: version ?? 'v1',
    plural,
    singular: kind.toLowerCase(),
    namespaced: options.namespaced ?? true,
    shortNames: options.shortNames ?? [],
    verbs: options.verbs ?? READ,
    subresources: options.subresources ?? [],
    categories: options.categories ?? [],
  };
}

/** Built-in kinds, as a real v1.31 API server names them. */
export const builtinKinds: KindInfo[] = [
  info('v1', 'Namespace', 'namespaces', { namespaced: false, shortNames: ['ns'] }),
  info('v1', 'Node', 'nodes', { namespaced: false, shortNames: ['no'] }),
  info('v1', 'Pod', 'pods', {
    categories: ['all'],
    shortNames: ['po'],
    verbs: ['get', 'list', 'delete'],
    subresources: ['log'],
  }),
  info('v1', 'Service', 'services', { categories: ['all'], shortNames: ['svc'] }),
  info('v1', 'Endpoints', 'endpoints', { shortNames: ['ep'] }),
  info('v1', 'Event', 'events', { shortNames: ['ev'], verbs: ['get', 'list', 'create'] }),
  info('v1', 'ConfigMap', 'configmaps', { shortNames: ['cm'] }),
  info('v1', 'Secret', 'secrets'),
  info('v1', 'ServiceAccount', 'serviceaccounts', { shortNames: ['sa'] }),
  info('v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', { shortNames: ['pvc'] }),
  info('v1', 'PersistentVolume', 'persistentvolumes', { namespaced: false, shortNames: ['pv'] }),
  info('v1', 'ResourceQuota', 'resourcequotas', { shortNames: ['quota'] }),
  info('v1', 'LimitRange', 'limitranges', { shortNames: ['limits'] }),
  info('discovery.k8s.io/v1', 'EndpointSlice', 'endpointslices'),
  info('events.k8s.io/v1', 'Event', 'events', { shortNames: ['ev'], verbs: ['get', 'list', 'create'] }),
  info('apps/v1', 'Deployment', 'deployments', {
    categories: ['all'],
    shortNames: ['deploy'],
    verbs: WORKLOAD,
    subresources: ['scale'],
  }),
  info('apps/v1', 'ReplicaSet', 'replicasets', {
    categories: ['all'],
    shortNames: ['rs'],
    subresources: ['scale'],
  }),
  info('apps/v1', 'StatefulSet', 'statefulsets', {
    categories: ['all'],
    shortNames: ['sts'],
    verbs: WORKLOAD,
    subresources: ['scale'],
  }),
  info('apps/v1', 'DaemonSet', 'daemonsets', { categories: ['all'], shortNames: ['ds'], verbs: WORKLOAD }),
  info('batch/v1', 'Job', 'jobs', { categories: ['all'] }),
  info('batch/v1', 'CronJob', 'cronjobs', { categories: ['all'], shortNames: ['cj'] }),
  info('autoscaling/v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', {
    categories: ['all'],
    shortNames: ['hpa'],
  }),
  info('networking.k8s.io/v1', 'Ingress', 'ingresses', { shortNames: ['ing'] }),
  info('networking.k8s.io/v1', 'IngressClass', 'ingressclasses', { namespaced: false }),
  info('networking.k8s.io/v1', 'NetworkPolicy', 'networkpolicies', { shortNames: ['netpol'] }),
  info('policy/v1', 'PodDisruptionBudget', 'poddisruptionbudgets', { shortNames: ['pdb'] }),
  info('storage.k8s.io/v1', 'StorageClass', 'storageclasses', { namespaced: false, shortNames: ['sc'] }),
  info('argoproj.io/v1alpha1', 'Application', 'applications', { shortNames: ['app', 'apps'] }),
  info('metrics.k8s.io/v1beta1', 'PodMetrics', 'pods'),
  info('metrics.k8s.io/v1beta1', 'NodeMetrics', 'nodes', { namespaced: false }),
];

export function apiVersionOf(kind: Pick<KindInfo, 'group' | 'version'>): string {
  return kind.group ? `${kind.group}/${kind.version}` : kind.version;
}

/** The store key of a resource type: `group/version/plural` (core group as ''). */
export function resourceKey(kind: Pick<KindInfo, 'group' | 'version' | 'plural'>): string {
  return `${kind.group}/${kind.version}/${kind.plural}`;
}

/** English plural the way CRD authors usually spell it; only used for custom kinds not in the table. */
export function guessPlural(kind: string): string {
  const lower = kind.toLowerCase();
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}

/** The kind's REST identity: from the built-in table, else a custom kind under its apiVersion. */
export function kindInfoFor(apiVersion: string, kind: string, namespaced: boolean): KindInfo {
  const known = builtinKinds.find((k) => apiVersionOf(k) === apiVersion && k.kind === kind);
  return known ?? info(apiVersion, kind, guessPlural(kind), { namespaced });
}
