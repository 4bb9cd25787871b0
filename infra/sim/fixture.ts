// Loads a fixture file (multi-document YAML, docs/fixtures.md) into an in-memory cluster store.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import type { K8sObject } from '../../lib/cluster/index.ts';
import { apiVersionOf, builtinKinds, type KindInfo, kindInfoFor, resourceKey } from './kinds.ts';

export const FIXTURE_API_VERSION = 'fixture.kube-responder.dev/v1';

/** A `kind: PodLog` document: the log of one container instance. */
export interface PodLog {
  namespace: string;
  pod: string;
  /** Resolved on load when the document leaves it out (the pod then has exactly one container). */
  container: string;
  previous: boolean;
  text: string;
}

export class FixtureError extends Error {}

/** Where a stored object lives: its resource type, namespace ('' when cluster-scoped) and name. */
export interface ObjectAddress {
  kind: KindInfo;
  namespace: string;
  name: string;
}

/**
 * A fixture cluster: every object keyed by group/version/resource + namespace + name, the pod logs and
 * the clock. Writes through the fixture server mutate it, so it is one live cluster, not a constant.
 */
export class FixtureCluster {
  /** The moment the fixture describes (ISO 8601); the load time when the fixture has no `Fixture` document. */
  readonly now: string;
  /** True when a `Fixture` document pinned `now`; otherwise the server's clock is the real one. */
  readonly fixedClock: boolean;
  readonly description: string | undefined;
  /** The whole `Fixture` document (scenario files carry extra keys such as `alert` and `expect`). */
  readonly fixture: Record<string, unknown> | undefined;
  readonly logs: PodLog[];
  private readonly kinds = new Map<string, KindInfo>();
  private readonly objects = new Map<string, Map<string, K8sObject>>();
  // Sorted keys per resource type, rebuilt only when a key is added or removed (lists are the hot path).
  private readonly sortedKeys = new Map<string, string[]>();
  private revision: number;

  constructor(init: {
    now?: string;
    description?: string;
    fixture?: Record<string, unknown>;
    logs?: PodLog[];
    revision?: number;
  }) {
    this.fixedClock = init.now !== undefined;
    this.now = init.now ?? new Date().toISOString();
    this.description = init.description;
    this.fixture = init.fixture;
    this.logs = init.logs ?? [];
    this.revision = init.revision ?? 1000;
    for (const kind of builtinKinds) this.kinds.set(resourceKey(kind), kind);
  }

  /** The cluster's clock: the fixture's `now`, or the real time when the fixture does not pin one. */
  clock(): Date {
    return this.fixedClock ? new Date(this.now) : new Date();
  }

  nextResourceVersion(): string {
    this.revision += 1;
    return String(this.revision);
  }

  /** Keeps the store's resourceVersion at or above one a fixture object carries. */
  observeResourceVersion(resourceVersion: string): void {
    const value = Number(resourceVersion);
    if (Number.isSafeInteger(value) && value > this.revision) this.revision = value;
  }

  /** The current resourceVersion of the whole store (what a list reports). */
  resourceVersion(): string {
    return String(this.revision);
  }

  /** Every resource type served: the built-ins plus the custom kinds found in the fixture. */
  resourceTypes(): KindInfo[] {
    return [...this.kinds.values()];
  }

  registerKind(kind: KindInfo): void {
    if (!this.kinds.has(resourceKey(kind))) this.kinds.set(resourceKey(kind), kind);
  }

  findKind(group: string, version: string, plural: string): KindInfo | undefined {
    return this.kinds.get(`${group}/${version}/${plural}`);
  }

  findKindOf(apiVersion: string, kind: string): KindInfo | undefined {
    return [...this.kinds.values()].find((k) => apiVersionOf(k) === apiVersion && k.kind === kind);
  }

  /** Objects of one type, in one namespace or all, sorted by namespace then name (the API's key order). */
  list(kind: KindInfo, namespace?: string): K8sObject[] {
    const type = resourceKey(kind);
    const bucket = this.objects.get(type);
    if (!bucket) return [];
    let keys = this.sortedKeys.get(type);
    if (!keys) {
      keys = [...bucket.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      this.sortedKeys.set(type, keys);
    }
    const prefix = `${namespace}/`;
    const items: K8sObject[] = [];
    for (const key of keys)
      if (namespace === undefined || !kind.namespaced || key.startsWith(prefix)) items.push(bucket.get(key)!);
    return items;
  }

  get(kind: KindInfo, namespace: string | undefined, name: string): K8sObject | undefined {
    return this.objects.get(resourceKey(kind))?.get(`${kind.namespaced ? (namespace ?? '') : ''}/${name}`);
  }

  /** Stores (or replaces) an object; the caller sets metadata such as resourceVersion. */
  put(kind: KindInfo, object: K8sObject): void {
    this.registerKind(kind);
    const key = resourceKey(kind);
    let bucket = this.objects.get(key);
    if (!bucket) {
      bucket = new Map();
      this.objects.set(key, bucket);
    }
    const id = `${kind.namespaced ? (object.metadata.namespace ?? '') : ''}/${object.metadata.name}`;
    if (!bucket.has(id)) this.sortedKeys.delete(key);
    bucket.set(id, object);
  }

  delete(kind: KindInfo, namespace: string | undefined, name: string): boolean {
    const key = resourceKey(kind);
    const deleted =
      this.objects.get(key)?.delete(`${kind.namespaced ? (namespace ?? '') : ''}/${name}`) ?? false;
    if (deleted) this.sortedKeys.delete(key);
    return deleted;
  }

  /** Every stored object with its address, for callers that build a snapshot in-process. */
  all(): Array<{ kind: KindInfo; object: K8sObject }> {
    const out: Array<{ kind: KindInfo; object: K8sObject }> = [];
    for (const kind of this.kinds.values()) for (const object of this.list(kind)) out.push({ kind, object });
    return out;
  }
}

type Doc = Record<string, unknown>;

function isRecord(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A uid derived from the object's identity, so the same fixture always yields the same uids. */
function stableUid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\0')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function isBase64(value: string): boolean {
  return /^[A-Za-z0-9+/]*={0,2}$/.test(value) && value.length % 4 === 0;
}

/**
 * Parses a fixture file. Every bad document is an error naming its index (0-based) and line; nothing is skipped.
 */
/**
 * Runs `step` on one object of the fixture; a field of the wrong shape deep inside it (a list where a mapping belongs,
 * a string where a list belongs) becomes a FixtureError naming the document and the object, never a TypeError.
 */
function shaped(where: string, object: K8sObject, step: () => void): void {
  try {
    step();
  } catch (error) {
    if (error instanceof FixtureError || !(error instanceof TypeError)) throw error;
    throw new FixtureError(
      `${where}: ${object.kind} ${object.metadata.name}: a field has the wrong shape (${error.message})`,
    );
  }
}

export function loadFixture(yamlText: string): FixtureCluster {
  try {
    return buildFixture(yamlText);
  } catch (error) {
    // A shape no check above names (a field deep in an object the fixture server reads): still the fixture's fault.
    if (error instanceof TypeError)
      throw new FixtureError(`the fixture has a field of the wrong shape (${error.message})`);
    throw error;
  }
}

function buildFixture(yamlText: string): FixtureCluster {
  const documents = parseAllDocuments(yamlText);
  const parsed: Array<{ index: number; line: number; doc: Doc }> = [];
  const docs = Array.isArray(documents) ? documents : [documents];
  // Line numbers by binary search over line starts: large generated fixtures hold tens of thousands of documents.
  const lineStarts = [0];
  for (let at = yamlText.indexOf('\n'); at !== -1; at = yamlText.indexOf('\n', at + 1))
    lineStarts.push(at + 1);
  const lineOf = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
  docs.forEach((document, index) => {
    const line = lineOf(document.contents?.range?.[0] ?? document.range?.[0] ?? 0);
    const where = `fixture document ${index} (line ${line})`;
    if (document.errors.length > 0) {
      throw new FixtureError(`${where}: invalid YAML: ${document.errors[0]?.message.trimEnd()}`);
    }
    let value: unknown;
    try {
      // An alias whose anchor is missing, or one that expands too far (a billion laughs), is bad YAML too.
      value = document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      throw new FixtureError(
        `${where}: invalid YAML: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (value === null || value === undefined) return; // an empty document (e.g. a trailing `---`)
    if (!isRecord(value))
      throw new FixtureError(`${where}: expected a mapping (an object), got ${typeof value}`);
    parsed.push({ index, line, doc: value });
  });

  let fixtureDoc: { index: number; doc: Doc } | undefined;
  const podLogDocs: Array<{ index: number; line: number; doc: Doc }> = [];
  const objects: Array<{ index: number; line: number; kind: KindInfo; object: K8sObject }> = [];

  for (const { index, line, doc } of parsed) {
    const where = `fixture document ${index} (line ${line})`;
    const { apiVersion, kind } = doc;
    if (typeof apiVersion !== 'string' || apiVersion === '')
      throw new FixtureError(`${where}: missing apiVersion`);
    if (typeof kind !== 'string' || kind === '') throw new FixtureError(`${where}: missing kind`);
    if (apiVersion === FIXTURE_API_VERSION && kind === 'Fixture') {
      if (fixtureDoc)
        throw new FixtureError(
          `${where}: a second Fixture document (the first is document ${fixtureDoc.index})`,
        );
      if (doc.now !== undefined && (typeof doc.now !== 'string' || Number.isNaN(Date.parse(doc.now))))
        throw new FixtureError(
          `${where}: Fixture.now must be an RFC 3339 time, got ${JSON.stringify(doc.now)}`,
        );
      if (doc.description !== undefined && typeof doc.description !== 'string')
        throw new FixtureError(`${where}: Fixture.description must be a string`);
      fixtureDoc = { index, doc };
      continue;
    }
    const metadata = doc.metadata;
    if (!isRecord(metadata)) throw new FixtureError(`${where}: ${kind} has no metadata`);
    if (typeof metadata.name !== 'string' || metadata.name === '')
      throw new FixtureError(`${where}: ${kind} has no metadata.name`);
    if (metadata.namespace !== undefined && typeof metadata.namespace !== 'string')
      throw new FixtureError(`${where}: ${kind} ${metadata.name}: metadata.namespace must be a string`);
    for (const field of ['ownerReferences', 'finalizers'] as const)
      if (metadata[field] !== undefined && !Array.isArray(metadata[field]))
        throw new FixtureError(`${where}: ${kind} ${metadata.name}: metadata.${field} must be a list`);
    for (const field of ['labels', 'annotations'] as const)
      if (metadata[field] !== undefined && !isRecord(metadata[field]))
        throw new FixtureError(`${where}: ${kind} ${metadata.name}: metadata.${field} must be a mapping`);
    if (apiVersion === FIXTURE_API_VERSION && kind === 'PodLog') {
      podLogDocs.push({ index, line, doc });
      continue;
    }
    if (apiVersion === FIXTURE_API_VERSION)
      throw new FixtureError(`${where}: unknown fixture kind ${kind} (expected Fixture or PodLog)`);
    const info = kindInfoFor(apiVersion, kind, typeof metadata.namespace === 'string');
    objects.push({ index, line, kind: info, object: doc as unknown as K8sObject });
  }

  const now = fixtureDoc ? (fixtureDoc.doc.now as string | undefined) : undefined;
  const cluster = new FixtureCluster({
    ...(now ? { now: new Date(now).toISOString() } : {}),
    ...(typeof fixtureDoc?.doc.description === 'string' ? { description: fixtureDoc.doc.description } : {}),
    ...(fixtureDoc ? { fixture: fixtureDoc.doc } : {}),
  });
  const loadTime = cluster.now;

  const seen = new Map<string, number>();
  for (const { index, line, kind, object } of objects) {
    const where = `fixture document ${index} (line ${line})`;
    const metadata = object.metadata;
    if (kind.namespaced) metadata.namespace ??= 'default';
    else delete metadata.namespace;
    const identity = `${resourceKey(kind)}/${metadata.namespace ?? ''}/${metadata.name}`;
    const earlier = seen.get(identity);
    if (earlier !== undefined)
      throw new FixtureError(
        `${where}: duplicate ${kind.kind} ${metadata.namespace ? `${metadata.namespace}/` : ''}${metadata.name} (also document ${earlier})`,
      );
    seen.set(identity, index);
    metadata.uid ??= stableUid(resourceKey(kind), metadata.namespace ?? '', metadata.name);
    if (metadata.resourceVersion !== undefined)
      cluster.observeResourceVersion(String(metadata.resourceVersion));
    metadata.creationTimestamp ??= loadTime;
    shaped(where, object, () => {
      if (kind.kind === 'Secret' && kind.group === '') normaliseSecret(object, where);
      cluster.put(kind, object);
    });
  }

  for (const { object } of objects)
    object.metadata.resourceVersion = String(
      object.metadata.resourceVersion ?? cluster.nextResourceVersion(),
    );

  // The API server creates nothing by itself, but a fixture that names a namespace means the namespace exists.
  const namespaceKind = cluster.findKind('', 'v1', 'namespaces')!;
  for (const { kind, object } of objects) {
    const namespace = object.metadata.namespace;
    if (!kind.namespaced || !namespace || cluster.get(namespaceKind, undefined, namespace)) continue;
    cluster.put(namespaceKind, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: namespace,
        uid: stableUid('namespace', namespace),
        resourceVersion: cluster.nextResourceVersion(),
        creationTimestamp: loadTime,
        labels: { 'kubernetes.io/metadata.name': namespace },
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
  for (const namespace of cluster.list(namespaceKind)) {
    namespace.status ??= { phase: 'Active' };
    namespace.metadata.labels ??= {};
    namespace.metadata.labels['kubernetes.io/metadata.name'] ??= namespace.metadata.name;
  }

  for (const { index, line, kind, object } of objects)
    shaped(`fixture document ${index} (line ${line})`, object, () => linkReferences(cluster, kind, object));

  const podKind = cluster.findKind('', 'v1', 'pods')!;
  for (const { index, line, doc } of podLogDocs) {
    const where = `fixture document ${index} (line ${line})`;
    const metadata = doc.metadata as Doc;
    const name = metadata.name as string;
    const namespace = (metadata.namespace as string | undefined) ?? 'default';
    if (typeof doc.text !== 'string')
      throw new FixtureError(`${where}: PodLog ${namespace}/${name}: text must be a string`);
    if (doc.previous !== undefined && typeof doc.previous !== 'boolean')
      throw new FixtureError(`${where}: PodLog ${namespace}/${name}: previous must be true or false`);
    if (doc.container !== undefined && typeof doc.container !== 'string')
      throw new FixtureError(`${where}: PodLog ${namespace}/${name}: container must be a string`);
    let container = doc.container as string | undefined;
    // The pod must exist: a log for a pod the fixture does not have is a typo, not something to serve.
    const pod = cluster.get(podKind, namespace, name);
    if (!pod)
      throw new FixtureError(`${where}: PodLog ${namespace}/${name}: there is no Pod ${namespace}/${name}`);
    const names = containerNames(pod);
    if (container === undefined) {
      if (names.length !== 1)
        throw new FixtureError(
          `${where}: PodLog ${namespace}/${name}: container is required, the pod has containers [${names.join(' ')}]`,
        );
      container = names[0];
    } else if (!names.includes(container) && !initContainerNames(pod).includes(container)) {
      throw new FixtureError(
        `${where}: PodLog ${namespace}/${name}: the pod has no container ${container} (it has [${names.join(' ')}])`,
      );
    }
    cluster.logs.push({
      namespace,
      pod: name,
      container: container!,
      previous: doc.previous === true,
      text: doc.text,
    });
  }
  return cluster;
}

export async function loadFixtureFile(path: string): Promise<FixtureCluster> {
  const text = await readFile(path, 'utf8');
  try {
    return loadFixture(text);
  } catch (error) {
    if (error instanceof FixtureError) throw new FixtureError(`${path}: ${error.message}`);
    throw error;
  }
}

/** The names in a pod's container list; a list that is not one (a fixture typo) has none. */
const namesIn = (list: unknown): string[] =>
  Array.isArray(list) ? list.map((c: { name?: string } | null) => String(c?.name)) : [];

export function containerNames(pod: K8sObject): string[] {
  return namesIn(pod.spec?.containers);
}

export function initContainerNames(pod: K8sObject): string[] {
  return namesIn(pod.spec?.initContainers);
}

// The API serves Secret data base64-encoded; a fixture may use stringData the way `kubectl apply` accepts it.
function normaliseSecret(secret: K8sObject, where: string): void {
  const data: Record<string, string> = {};
  for (const [key, value] of Object.entries((secret.data ?? {}) as Record<string, unknown>)) {
    if (typeof value !== 'string' || !isBase64(value))
      throw new FixtureError(
        `${where}: Secret ${secret.metadata.name}: data.${key} must be base64 (or use stringData)`,
      );
    data[key] = value;
  }
  for (const [key, value] of Object.entries((secret.stringData ?? {}) as Record<string, unknown>))
    data[key] = Buffer.from(String(value), 'utf8').toString('base64');
  delete secret.stringData;
  secret.data = data;
  secret.type ??= 'Opaque';
}

// Fixture authors often omit uids in references; fill them from the referenced object so that
// `kubectl describe` (events by involvedObject.uid) and owner walks work as on a real cluster.
function linkReferences(cluster: FixtureCluster, kind: KindInfo, object: K8sObject): void {
  const namespace = object.metadata.namespace;
  for (const owner of object.metadata.ownerReferences ?? []) {
    if (owner.uid) continue;
    const ownerKind = cluster.findKindOf(owner.apiVersion, owner.kind);
    const target = ownerKind && cluster.get(ownerKind, namespace, owner.name);
    if (target?.metadata.uid) owner.uid = target.metadata.uid;
  }
  const reference =
    kind.kind === 'Event' ? (kind.group === '' ? object.involvedObject : object.regarding) : undefined;
  if (
    isRecord(reference) &&
    !reference.uid &&
    typeof reference.kind === 'string' &&
    typeof reference.name === 'string'
  ) {
    // Fixture authors often leave out the reference's apiVersion; the kind name alone is unambiguous for built-ins.
    const refKind =
      typeof reference.apiVersion === 'string'
        ? cluster.findKindOf(reference.apiVersion, reference.kind)
        : cluster.resourceTypes().find((k) => k.kind === reference.kind && k.group !== 'metrics.k8s.io');
    const target = refKind && cluster.get(refKind, String(reference.namespace ?? namespace), reference.name);
    if (target?.metadata.uid) reference.uid = target.metadata.uid;
  }
}
