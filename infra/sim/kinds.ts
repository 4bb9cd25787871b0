// The REST identity of every kind the fixture server serves: the product's resource table (lib/cluster) plus
// what this server implements for each (verbs beyond reads, subresources), so discovery advertises only what works.
import { apiVersionOf, type ResourceName, type ResourceType, resources } from '../../lib/cluster/index.ts';

export { apiVersionOf };

export interface KindInfo extends ResourceType {
  singular: string;
  verbs: readonly string[];
  /** Subresources served besides the object itself (e.g. `log`, `scale`). */
  subresources: readonly string[];
}

const READ = ['get', 'list'];
const WORKLOAD = ['get', 'list', 'patch'];

/** The verbs and subresources this server implements beyond get and list, per resource of the table. */
const served: Partial<Record<ResourceName, { verbs?: string[]; subresources?: string[] }>> = {
  pods: { verbs: ['get', 'list', 'delete'], subresources: ['log'] },
  events: { verbs: ['get', 'list', 'create'] },
  eventsV1: { verbs: ['get', 'list', 'create'] },
  deployments: { verbs: WORKLOAD, subresources: ['scale'] },
  replicaSets: { subresources: ['scale'] },
  statefulSets: { verbs: WORKLOAD, subresources: ['scale'] },
  daemonSets: { verbs: WORKLOAD },
};

function kindInfo(
  resource: ResourceType,
  serves: { verbs?: string[]; subresources?: string[] } = {},
): KindInfo {
  return {
    ...resource,
    singular: resource.kind.toLowerCase(),
    verbs: serves.verbs ?? READ,
    subresources: serves.subresources ?? [],
  };
}

/** Built-in kinds: every entry of the resource table. */
export const builtinKinds: KindInfo[] = (Object.entries(resources) as [ResourceName, ResourceType][]).map(
  ([name, resource]) => kindInfo(resource, served[name]),
);

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
  if (known) return known;
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return kindInfo({
    kind,
    group: group ?? '',
    version: version ?? 'v1',
    plural: guessPlural(kind),
    namespaced,
    shortNames: [],
    categories: [],
  });
}
