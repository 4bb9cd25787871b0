// A cluster snapshot: the objects one diagnosis reads, loaded with one paginated list per kind (and namespace),
// plus the few pod logs fetched for objects under suspicion. Secret values are dropped on load (keys stay).
import type { ClusterReader, LogOptions } from './reader.ts';
import { ClusterReadError } from './reader.ts';
import { type ResourceName, resources } from './resources.ts';
import type { K8sObject } from './types.ts';

/** One log the snapshot holds: what `kubectl logs [--previous] -c CONTAINER` returned (tail only). */
export interface PodLog {
  namespace: string;
  pod: string;
  container?: string;
  previous: boolean;
  text: string;
}

export interface Snapshot {
  /** The moment the snapshot describes (the cluster's clock); every age is computed against it. */
  now: string;
  /** The namespace the snapshot is limited to; undefined when it covers the whole cluster. */
  namespace?: string;
  /** Objects by resource; a resource that was not loaded is absent (not the same as an empty list). */
  objects: Partial<Record<ResourceName, K8sObject[]>>;
  logs: PodLog[];
}

export interface LoadOptions {
  /** Limit namespaced kinds to this namespace; cluster-scoped kinds are listed whole. */
  namespace?: string;
  /** Page size for `limit`/`continue`. */
  pageSize?: number;
}

/** Lists the given resources in parallel and adds them to the snapshot (kinds already loaded are skipped). */
export async function loadResources(
  reader: ClusterReader,
  snapshot: Snapshot,
  names: readonly ResourceName[],
  options: LoadOptions = {},
): Promise<void> {
  const todo = [...new Set(names)].filter((name) => !snapshot.objects[name]);
  const lists = await Promise.all(
    todo.map(async (name) => {
      const resource = resources[name];
      try {
        return await reader.list(resource, {
          ...(resource.namespaced && options.namespace ? { namespace: options.namespace } : {}),
          ...(options.pageSize ? { limit: options.pageSize } : {}),
        });
      } catch (error) {
        // A kind the cluster does not serve (no Argo CD, no metrics) or may not read is simply absent.
        if (error instanceof ClusterReadError && [403, 404].includes(error.status)) return [];
        throw error;
      }
    }),
  );
  todo.forEach((name, i) => {
    const items = lists[i] ?? [];
    snapshot.objects[name] = name === 'secrets' ? items.map(withoutSecretValues) : items;
  });
}

/** Fetches pod logs (tail only) into the snapshot; a log that cannot be read is recorded as empty. */
export async function loadLogs(
  reader: ClusterReader,
  snapshot: Snapshot,
  requests: readonly (LogOptions & { namespace: string; pod: string })[],
): Promise<void> {
  const fresh = requests.filter(
    (request) =>
      !snapshot.logs.some(
        (log) =>
          log.namespace === request.namespace &&
          log.pod === request.pod &&
          log.container === request.container &&
          log.previous === Boolean(request.previous),
      ),
  );
  const texts = await Promise.all(
    fresh.map(({ namespace, pod, ...options }) => reader.logs(namespace, pod, options).catch(() => '')),
  );
  fresh.forEach((request, i) => {
    snapshot.logs.push({
      namespace: request.namespace,
      pod: request.pod,
      ...(request.container ? { container: request.container } : {}),
      previous: Boolean(request.previous),
      text: texts[i] ?? '',
    });
  });
}

/** Builds a snapshot from objects already at hand (tests, fixtures parsed in-process). */
export function snapshotFromObjects(
  objects: readonly K8sObject[],
  now: string,
  logs: PodLog[] = [],
): Snapshot {
  const snapshot: Snapshot = { now, objects: {}, logs };
  const byKind = new Map<string, ResourceName>();
  for (const [name, resource] of Object.entries(resources) as [
    ResourceName,
    (typeof resources)[ResourceName],
  ][]) {
    const key = `${resource.group}/${resource.kind}`;
    // PodMetrics/NodeMetrics share plurals with pods/nodes; the kind keeps them apart.
    if (!byKind.has(key)) byKind.set(key, name);
  }
  for (const object of objects) {
    const group = object.apiVersion?.includes('/') ? object.apiVersion.split('/')[0] : '';
    const name = byKind.get(`${group}/${object.kind}`);
    if (!name) continue;
    const list = snapshot.objects[name] ?? [];
    list.push(name === 'secrets' ? withoutSecretValues(object) : object);
    snapshot.objects[name] = list;
  }
  return snapshot;
}

/** Keeps a Secret's keys (an analyzer may need to know a key exists) and drops every value. */
function withoutSecretValues(secret: K8sObject): K8sObject {
  const keys = (field: unknown) =>
    field && typeof field === 'object'
      ? Object.fromEntries(Object.keys(field).map((key) => [key, '']))
      : undefined;
  const { data, stringData, ...rest } = secret;
  return {
    ...rest,
    ...(data ? { data: keys(data) } : {}),
    ...(stringData ? { stringData: keys(stringData) } : {}),
  };
}
