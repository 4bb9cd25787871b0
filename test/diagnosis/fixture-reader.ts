// A ClusterReader over a fixture file parsed in-process: the same list/get/logs answers as the fixture
// server, without HTTP. Counts one request per page and the JSON bytes it would have sent.
import { parseAllDocuments } from 'yaml';
import type {
  ClusterReader,
  K8sObject,
  ListOptions,
  LogOptions,
  ReadStats,
  ResourceType,
} from '../../lib/cluster/index.ts';

export interface ParsedFixture {
  now: string;
  fixture: Record<string, unknown>;
  objects: K8sObject[];
  logs: { namespace: string; pod: string; container?: string; previous: boolean; text: string }[];
  /** Every Secret value (decoded) in the fixture: must never appear in a report. */
  secretValues: string[];
}

export function parseFixture(text: string): ParsedFixture {
  const docs = parseAllDocuments(text);
  const result: ParsedFixture = { now: '', fixture: {}, objects: [], logs: [], secretValues: [] };
  docs.forEach((doc, index) => {
    if (doc.errors.length) throw new Error(`fixture document ${index}: ${doc.errors[0]?.message}`);
    const value = doc.toJS() as K8sObject | null;
    if (!value) return;
    if (value.kind === 'Fixture') {
      result.fixture = value as Record<string, unknown>;
      result.now = String(value.now);
    } else if (value.kind === 'PodLog') {
      result.logs.push({
        namespace: value.metadata.namespace ?? 'default',
        pod: value.metadata.name,
        ...(value.container ? { container: value.container } : {}),
        previous: Boolean(value.previous),
        text: String(value.text ?? ''),
      });
    } else {
      value.metadata.namespace ??= namespacedDefault(value.kind) ? 'default' : undefined;
      if (value.metadata.namespace === undefined) delete value.metadata.namespace;
      if (value.kind === 'Secret') {
        for (const v of Object.values(value.data ?? {})) result.secretValues.push(atob(String(v)));
        for (const v of Object.values(value.stringData ?? {})) result.secretValues.push(String(v));
      }
      result.objects.push(value);
    }
  });
  return result;
}

const CLUSTER_KINDS = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'IngressClass',
  'NodeMetrics',
]);
const namespacedDefault = (kind: string | undefined) => !CLUSTER_KINDS.has(kind ?? '');

export class FixtureReader implements ClusterReader {
  readonly stats: ReadStats = { requests: 0, bytes: 0 };
  constructor(readonly fixture: ParsedFixture) {}

  #match(resource: ResourceType, object: K8sObject): boolean {
    const group = object.apiVersion?.includes('/') ? object.apiVersion.split('/')[0] : '';
    return object.kind === resource.kind && group === resource.group;
  }

  async list<T extends K8sObject = K8sObject>(
    resource: ResourceType,
    options: ListOptions = {},
  ): Promise<T[]> {
    const items = this.fixture.objects.filter(
      (object) =>
        this.#match(resource, object) &&
        (!options.namespace || !resource.namespaced || object.metadata.namespace === options.namespace),
    );
    const pageSize = options.limit ?? 500;
    const pages = Math.max(1, Math.ceil(items.length / pageSize));
    this.#count(pages, items);
    return structuredClone(items) as T[];
  }

  async get<T extends K8sObject = K8sObject>(
    resource: ResourceType,
    namespace: string | undefined,
    name: string,
  ) {
    const found = this.fixture.objects.find(
      (object) =>
        this.#match(resource, object) &&
        object.metadata.name === name &&
        (!resource.namespaced || object.metadata.namespace === namespace),
    );
    this.#count(1, found ?? {});
    return found ? (structuredClone(found) as T) : undefined;
  }

  async logs(namespace: string, pod: string, options: LogOptions = {}): Promise<string> {
    const log = this.fixture.logs.find(
      (entry) =>
        entry.namespace === namespace &&
        entry.pod === pod &&
        entry.previous === Boolean(options.previous) &&
        (!options.container || !entry.container || entry.container === options.container),
    );
    let text = log?.text ?? '';
    if (options.tailLines !== undefined)
      text = text
        .split('\n')
        .slice(-options.tailLines - 1)
        .join('\n');
    if (options.limitBytes !== undefined) text = text.slice(-options.limitBytes);
    this.stats.requests++;
    this.stats.bytes += text.length;
    this.stats.serverTime = this.fixture.now;
    return text;
  }

  #count(requests: number, body: unknown) {
    this.stats.requests += requests;
    this.stats.bytes += JSON.stringify(body).length;
    this.stats.serverTime = this.fixture.now;
  }
}
