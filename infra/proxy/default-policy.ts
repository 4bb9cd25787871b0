// The proxy's shipped default policy: what kube-responder may read (every kind of the resource table, grouped
// by API group) and the only writes it may make. Anything not listed is denied (403 naming the rule). Secret
// values, sensitive env values, token-like strings and last-applied-configuration are redacted from every
// response whatever the policy says. The Helm chart (values.yaml `policy`) carries the same document.
import { actionByName, targetResources } from '../../lib/actions/index.ts';
import { type ResourceType, resources } from '../../lib/cluster/index.ts';
import { type Policy, parsePolicy } from './policy.ts';

type RuleDocument = Record<string, unknown> & { name: string };

const READ = ['get', 'list'];

/** The table's plurals in one API group, in table order, without duplicates (core and events.k8s.io share none). */
function pluralsIn(group: string, except: readonly string[] = []): string[] {
  const plurals = Object.values(resources as Record<string, ResourceType>)
    .filter((resource) => resource.group === group && !except.includes(resource.plural))
    .map((resource) => resource.plural);
  return [...new Set(plurals)];
}

const readGroup = (name: string, group: string): RuleDocument => ({
  name,
  verbs: READ,
  apiGroups: [group],
  resources: pluralsIn(group),
});

const secrets = resources.secrets.plural;

/** The read rules: one per API group of the resource table, Secrets apart (their values are always emptied). */
function readRules(): RuleDocument[] {
  return [
    { name: 'read-core', verbs: READ, apiGroups: [''], resources: pluralsIn('', [secrets]) },
    { name: 'read-pod-logs', verbs: ['get'], apiGroups: [''], resources: [`${resources.pods.plural}/log`] },
    {
      name: 'read-secret-metadata',
      description: 'metadata and key names only; the proxy empties every value',
      verbs: READ,
      apiGroups: [''],
      resources: [secrets],
    },
    readGroup('read-workloads', 'apps'),
    readGroup('read-batch', 'batch'),
    readGroup('read-autoscaling', 'autoscaling'),
    readGroup('read-networking', 'networking.k8s.io'),
    readGroup('read-endpointslices', 'discovery.k8s.io'),
    readGroup('read-events-v1', 'events.k8s.io'),
    readGroup('read-disruption-budgets', 'policy'),
    readGroup('read-storage-classes', 'storage.k8s.io'),
    readGroup('read-argocd-applications', 'argoproj.io'),
    readGroup('read-metrics', 'metrics.k8s.io'),
  ];
}

/** The plurals an action of the catalog writes, with a subresource (`deployments/scale`). */
const writtenBy = (action: keyof typeof actionByName, subresource = '') =>
  actionByName[action].targetKinds.map((kind) => `${targetResources[kind].plural}${subresource}`);

/**
 * The three guarded writes, on exactly the kinds the action catalog targets (their body checks are policy.ts
 * `checkWrite`, which stays a separate, stricter guard: the catalog cannot widen what the proxy lets through).
 */
const writeRules: RuleDocument[] = [
  {
    name: 'rollout-restart',
    description: 'kubectl rollout restart; the patch may only set the restartedAt annotation',
    verbs: ['patch'],
    apiGroups: ['apps'],
    resources: writtenBy('restart'),
    write: 'restartAnnotation',
  },
  {
    name: 'scale',
    description: 'the scale subresource, bounded',
    verbs: ['get', 'patch', 'update'],
    apiGroups: ['apps'],
    resources: writtenBy('scale', '/scale'),
    write: 'scale',
    maxReplicas: 20,
  },
  {
    name: 'delete-pod',
    description: 'delete one pod (its controller replaces it)',
    verbs: ['delete'],
    apiGroups: [''],
    resources: writtenBy('delete-pod'),
    write: 'podDelete',
  },
];

/** The default policy, validated by the same schema as a file (its limits are the schema's defaults). */
export function defaultPolicy(): Policy {
  return parsePolicy(
    {
      apiVersion: 'kube-responder.dev/v1',
      kind: 'ProxyPolicy',
      namespaces: { include: [], exclude: [] },
      rules: [
        {
          name: 'discovery',
          description: 'API discovery, so kubectl and client libraries work through the proxy',
          verbs: ['get'],
          nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/version'],
        },
        ...readRules(),
        ...writeRules,
      ],
    },
    'default policy',
  );
}
