// ClusterReader: reads the cluster over the Kubernetes REST API with plain fetch, optionally signing
// every request for the kube-responder proxy. Counts requests and bytes so a diagnosis can report its cost.
import { collectionPath, objectPath, type ResourceType } from './resources.ts';
import { proxyHeaders } from './signing.ts';
import { describeStatus } from './status.ts';
import type { K8sList, K8sObject } from './types.ts';

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Page size for `limit`/`continue` pagination. */
  limit?: number;
  /** Stop after this many items (the rest is not fetched). */
  maxItems?: number;
}

export interface LogOptions {
  container?: string;
  previous?: boolean;
  tailLines?: number;
  limitBytes?: number;
  sinceSeconds?: number;
  timestamps?: boolean;
}

export interface ReadStats {
  requests: number;
  bytes: number;
  /**
   * The cluster's clock, from the latest response's `Date` header. Ages and "last seen" are computed against it,
   * never the local wall clock; the fixture cluster server sends its fixture's `now` here.
   */
  serverTime?: string;
}

export interface ClusterReader {
  /** Lists a resource, following `continue` tokens. */
  list<T extends K8sObject = K8sObject>(resource: ResourceType, options?: ListOptions): Promise<T[]>;
  /** Gets one object, or undefined when it does not exist. */
  get<T extends K8sObject = K8sObject>(
    resource: ResourceType,
    namespace: string | undefined,
    name: string,
  ): Promise<T | undefined>;
  /** A pod's log (text). Empty string when the container has no such log. */
  logs(namespace: string, pod: string, options?: LogOptions): Promise<string>;
  /** Requests made and response bytes read so far. */
  readonly stats: ReadStats;
}

export class ClusterReadError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'ClusterReadError';
  }
}

export interface ProxySigner {
  /** The first key of the proxy secret: signs every request. */
  secret: string;
  /** Who asked, e.g. `alert:KubePodCrashLooping`, `line:U123`. */
  actor: string;
}

export interface RestClusterReaderOptions {
  /** Base URL of the API server or proxy, e.g. `https://proxy.example.com` (no trailing path needed). */
  baseUrl: string;
  /** The fetch to use: global fetch, an authenticated one (kubeconfig) or an in-process handler. */
  fetch?: (request: Request) => Promise<Response>;
  /** Sign requests for the kube-responder proxy. */
  signer?: ProxySigner;
  /** Extra headers on every request (e.g. `Authorization: Bearer` for a direct API server). */
  headers?: Record<string, string>;
  /** Default page size for lists. */
  pageSize?: number;
  /** Per-request timeout. */
  timeoutMs?: number;
}

const DEFAULT_PAGE_SIZE = 500;
const DEFAULT_TIMEOUT_MS = 10_000;

export class RestClusterReader implements ClusterReader {
  readonly stats: ReadStats = { requests: 0, bytes: 0 };
  readonly #base: string;
  readonly #fetch: (request: Request) => Promise<Response>;

  constructor(private readonly options: RestClusterReaderOptions) {
    this.#base = options.baseUrl.replace(/\/+$/, '');
    this.#fetch = options.fetch ?? ((request) => fetch(request));
  }

  async list<T extends K8sObject = K8sObject>(
    resource: ResourceType,
    options: ListOptions = {},
  ): Promise<T[]> {
    const items: T[] = [];
    let token: string | undefined;
    do {
      const query = new URLSearchParams();
      if (options.labelSelector) query.set('labelSelector', options.labelSelector);
      if (options.fieldSelector) query.set('fieldSelector', options.fieldSelector);
      query.set('limit', String(options.limit ?? this.options.pageSize ?? DEFAULT_PAGE_SIZE));
      if (token) query.set('continue', token);
      const page = (await this.#getJson(
        `${collectionPath(resource, options.namespace)}?${query}`,
      )) as K8sList<T>;
      for (const item of page.items ?? []) {
        // List items omit kind/apiVersion; restore them so every object names its kind.
        item.kind ??= resource.kind;
        item.apiVersion ??= resource.group ? `${resource.group}/${resource.version}` : resource.version;
        items.push(item);
      }
      token = page.metadata?.continue || undefined;
      if (options.maxItems !== undefined && items.length >= options.maxItems) break;
    } while (token);
    return items;
  }

  async get<T extends K8sObject = K8sObject>(
    resource: ResourceType,
    namespace: string | undefined,
    name: string,
  ): Promise<T | undefined> {
    try {
      return (await this.#getJson(objectPath(resource, namespace, name))) as T;
    } catch (error) {
      if (error instanceof ClusterReadError && error.status === 404) return undefined;
      throw error;
    }
  }

  async logs(namespace: string, pod: string, options: LogOptions = {}): Promise<string> {
    const query = new URLSearchParams();
    if (options.container) query.set('container', options.container);
    if (options.previous) query.set('previous', 'true');
    if (options.tailLines !== undefined) query.set('tailLines', String(options.tailLines));
    if (options.limitBytes !== undefined) query.set('limitBytes', String(options.limitBytes));
    if (options.sinceSeconds !== undefined) query.set('sinceSeconds', String(options.sinceSeconds));
    if (options.timestamps) query.set('timestamps', 'true');
    const qs = query.toString();
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log${qs ? `?${qs}` : ''}`;
    try {
      return await this.#getText(path);
    } catch (error) {
      // No previous instance, or the container never started: there is simply no log to read.
      if (error instanceof ClusterReadError && (error.status === 400 || error.status === 404)) return '';
      throw error;
    }
  }

  async #getJson(pathAndQuery: string): Promise<unknown> {
    const text = await this.#getText(pathAndQuery, 'application/json');
    try {
      return JSON.parse(text);
    } catch {
      throw new ClusterReadError(502, pathAndQuery, `GET ${pathAndQuery}: response is not JSON`);
    }
  }

  async #getText(pathAndQuery: string, accept = '*/*'): Promise<string> {
    const headers = new Headers({ accept, ...this.options.headers });
    if (this.options.signer) {
      const { secret, actor } = this.options.signer;
      const signed = await proxyHeaders(secret, actor, { method: 'GET', pathAndQuery, body: '' });
      for (const [name, value] of Object.entries(signed)) headers.set(name, value);
    }
    this.stats.requests++;
    const response = await this.#fetch(
      new Request(`${this.#base}${pathAndQuery}`, {
        headers,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      }),
    );
    const body = await response.text();
    const date = response.headers.get('date');
    if (date && !Number.isNaN(Date.parse(date))) this.stats.serverTime = new Date(date).toISOString();
    this.stats.bytes += new TextEncoder().encode(body).byteLength;
    if (!response.ok) {
      throw new ClusterReadError(
        response.status,
        pathAndQuery,
        `GET ${pathAndQuery}: ${response.status} ${describeStatus(body)}`,
      );
    }
    return body;
  }
}
