// From what a person typed to the object a command acts on: an exact name in the cluster, else a reference to
// what the conversation remembers, else a name's start among the namespace's live objects; never a guess.
import { viewOf } from '../agent/index.ts';
import {
  type ClusterReader,
  foldName,
  type K8sObject,
  type ResourceType,
  resourceFor,
  resources,
} from '../cluster/index.ts';
import {
  type ContextObject,
  type ConversationContext,
  isReferenceWord,
  type Resolution,
  resolveReference,
} from './context.ts';

export interface TargetQuery {
  /** The words as typed (`payment`, `deploy/payment`, `shop/payment`, `that crashing one`). */
  text: string;
  /** Kinds the command can act on, most likely first. */
  kinds: readonly string[];
  /** The namespace the command names or the conversation uses. */
  namespace: string | undefined;
}

const resourceOfKind = (kind: string): ResourceType | undefined => resourceFor(kind);

/** An object as the conversation remembers it, with the STATUS its kind's list view shows. */
export function contextObject(resource: ResourceType, object: K8sObject, now: number): ContextObject {
  const status = viewOf(resource).list.columns.find((column) => column.title === 'STATUS');
  const { namespace, name } = object.metadata;
  return {
    kind: resource.kind,
    name,
    ...(namespace ? { namespace } : {}),
    ...(status ? { status: status.cell(object, now) } : {}),
  };
}

/** Resolves a command's target; see the module comment for the order. */
export async function resolveTarget(
  query: TargetQuery,
  context: ConversationContext,
  reader: ClusterReader,
  now: number,
): Promise<Resolution> {
  const text = query.text.trim();
  const single = !/\s/.test(text);
  if (single && text.includes('/')) {
    // `deploy/payment` (kind/name) or `shop/payment` (namespace/name).
    const [first = '', name = ''] = text.split('/', 2);
    const resource = resourceFor(first);
    const kinds = resource ? [resource.kind] : query.kinds;
    const namespace = resource ? query.namespace : first;
    const found = await exact(reader, kinds, namespace, name, now);
    return found ? { object: found } : { missing: text };
  }
  if (single && !isReferenceWord(text)) {
    const found = await exact(reader, query.kinds, query.namespace, text, now);
    if (found) return { object: found };
  }
  const remembered = resolveReference(text, context, { kinds: query.kinds });
  if (!('missing' in remembered) || !single || !query.namespace) return remembered;
  // A name's start ("payment" for its pods): among the namespace's live objects of the wanted kinds.
  const objects: ContextObject[] = [];
  for (const kind of query.kinds) {
    const resource = resourceOfKind(kind);
    if (!resource) continue;
    const items = await reader.list(resource, { namespace: query.namespace, limit: 500, maxItems: 500 });
    objects.push(
      ...(viewOf(resource).list.order?.(items) ?? items).map((item) => contextObject(resource, item, now)),
    );
  }
  return resolveReference(text, context, { kinds: query.kinds, objects });
}

/** The object of one of `kinds` named exactly `name`, read from the cluster. */
async function exact(
  reader: ClusterReader,
  kinds: readonly string[],
  namespace: string | undefined,
  name: string,
  now: number,
): Promise<ContextObject | undefined> {
  if (!name) return undefined;
  for (const kind of kinds) {
    const resource = resourceOfKind(kind);
    if (!resource || (resource.namespaced && !namespace)) continue;
    const object = await reader.get(resource, resource.namespaced ? namespace : undefined, name);
    if (object) return contextObject(resource, object, now);
  }
  return undefined;
}

/** A workload's pods, unhealthy first, by the controllers' naming (what `kubectl logs deploy/x` picks from). */
export async function podsOf(
  reader: ClusterReader,
  workload: ContextObject,
  now: number,
): Promise<ContextObject[]> {
  const pods = resources.pods;
  const items = await reader.list(pods, {
    ...(workload.namespace ? { namespace: workload.namespace } : {}),
    limit: 500,
    maxItems: 500,
  });
  const own = items.filter((item) => foldName('Pod', item.metadata.name)?.name === workload.name);
  return (viewOf(pods).list.order?.(own) ?? own).map((item) => contextObject(pods, item, now));
}
