// ClusterWriter: sends one approved write (a request the action catalog built) to the kube-responder proxy,
// signed like every read but with the approving person as the actor, so the proxy's audit names who approved.

import { proxyHeaders } from './signing.ts';
import { describeStatus } from './status.ts';
import type { K8sObject } from './types.ts';

/** One Kubernetes REST request, exactly as it goes on the wire (the action catalog builds these). */
export interface ClusterRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path with its query string, e.g. `/apis/apps/v1/namespaces/shop/deployments/payment/scale`. */
  path: string;
  /** `content-type` of the body (a patch type), when there is one. */
  headers: Record<string, string>;
  body?: string;
}

export interface WriteResult {
  status: number;
  /** The object the API server answered with (redacted by the proxy), when it answered JSON. */
  object?: K8sObject;
}

/** Why a write did not happen, in the words an approver needs. */
export type WriteRefusal = 'unauthorized' | 'forbidden' | 'not-found' | 'conflict' | 'invalid' | 'failed';

export class ClusterWriteError extends Error {
  constructor(
    readonly status: number,
    readonly refusal: WriteRefusal,
    readonly request: Pick<ClusterRequest, 'method' | 'path'>,
    message: string,
  ) {
    super(message);
    this.name = 'ClusterWriteError';
  }
}

export interface ClusterWriter {
  /** Sends `request` on behalf of `approver` (`slack:U123`, `line:U…`); throws ClusterWriteError when refused. */
  send(request: ClusterRequest, approver: string): Promise<WriteResult>;
}

export interface RestClusterWriterOptions {
  /** Base URL of the proxy. */
  baseUrl: string;
  /** The first key of the proxy secret. */
  secret: string;
  fetch?: (request: Request) => Promise<Response>;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
// An approver is a chat identity: `slack:U0123`, `line:U…`, `cli:alice`.
const APPROVER = /^[a-z][a-z0-9-]*:[A-Za-z0-9._@-]+$/;

function refusalOf(status: number): WriteRefusal {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 400 || status === 415 || status === 422) return 'invalid';
  return 'failed';
}

const explain: Record<WriteRefusal, string> = {
  unauthorized: 'the proxy did not accept the signature (check PROXY_KEY and the clocks)',
  forbidden: "the proxy's policy does not allow this write",
  'not-found': 'the object no longer exists',
  conflict: 'the write conflicts (a replayed signature or a concurrent change); approve it again',
  invalid: 'the API server rejected the request as malformed',
  failed: 'the proxy or the API server failed',
};

export class RestClusterWriter implements ClusterWriter {
  readonly #base: string;
  readonly #fetch: (request: Request) => Promise<Response>;

  constructor(private readonly options: RestClusterWriterOptions) {
    this.#base = options.baseUrl.replace(/\/+$/, '');
    this.#fetch = options.fetch ?? ((request) => fetch(request));
  }

  async send(request: ClusterRequest, approver: string): Promise<WriteResult> {
    if (!APPROVER.test(approver))
      throw new TypeError(`approver must be a chat identity like slack:U0123, got '${approver}'`);
    const body = request.body ?? '';
    const signed = await proxyHeaders(this.options.secret, approver, {
      method: request.method,
      pathAndQuery: request.path,
      body,
    });
    const response = await this.#fetch(
      new Request(`${this.#base}${request.path}`, {
        method: request.method,
        headers: { accept: 'application/json', ...request.headers, ...signed },
        ...(body ? { body } : {}),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      }),
    );
    const text = await response.text();
    if (!response.ok) {
      const refusal = refusalOf(response.status);
      throw new ClusterWriteError(
        response.status,
        refusal,
        { method: request.method, path: request.path },
        `${request.method} ${request.path}: ${response.status}, ${explain[refusal]}: ${describeStatus(text)}`,
      );
    }
    let object: K8sObject | undefined;
    try {
      object = text ? (JSON.parse(text) as K8sObject) : undefined;
    } catch {
      object = undefined;
    }
    return { status: response.status, ...(object ? { object } : {}) };
  }
}
