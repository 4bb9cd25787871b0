// The proxy's request pipeline: verify the signature, refuse replays, judge the request by the policy, forward it
// with the cluster credentials, redact the answer, and write the audit line (and an Event for writes).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { KubeConfig } from '@kubernetes/client-node';
import { ACTOR_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyRequest } from '../../lib/security/index.ts';
import { type AuditLine, type AuditSink, actionEvent, cleanActor } from './audit.ts';
import { authorize, checkWrite, namespaceAllowed, type Policy, RESTARTED_AT_ANNOTATION } from './policy.ts';
import { redactLog, redactObject } from './redact.ts';
import { type ApiRequest, BadRequestError, parseApiRequest, type ResourceRequest } from './request.ts';
import { type SecretValueStore, SecretValuesUnavailable } from './secret-values.ts';
import { annotateTlsSecrets } from './tls-certificates.ts';
import { sendUpstream, UpstreamError } from './upstream.ts';

const READ_METHODS = new Set(['GET', 'HEAD']);
/** Signatures of writes seen recently; a signature is valid for ±60 s, so 130 s covers its whole life. */
const REPLAY_WINDOW_MS = 130_000;

export interface PipelineOptions {
  keys: readonly string[];
  policy: Policy;
  kubeConfig: KubeConfig;
  audit: AuditSink;
  /** The known Secret values masked in every answer (secret-values.ts). */
  secretValues: SecretValueStore;
}

interface Answer {
  status: number;
  body: string;
  contentType: string;
  headers?: Record<string, string>;
}

type Reason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'Conflict'
  | 'RequestEntityTooLarge'
  | 'TooManyRequests'
  | 'ServiceUnavailable'
  | 'InternalError'
  | 'Timeout';

/** A Kubernetes Status object, so kubectl and client libraries show our refusals like the API server's. */
function statusAnswer(
  code: number,
  reason: Reason,
  message: string,
  details?: Record<string, string>,
): Answer {
  const body = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
  return { status: code, body: JSON.stringify(body), contentType: 'application/json' };
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(request: IncomingMessage, maxBytes: number): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** JSON media types only: protobuf or YAML answers could not be redacted, so they are never asked for. */
function upstreamAccept(accept: string | undefined): string {
  const kept = (accept ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part && !/protobuf|yaml/i.test(part));
  return kept.length > 0 ? kept.join(', ') : 'application/json, */*';
}

function isJson(contentType: string | undefined): boolean {
  return /^application\/([a-z0-9.+-]*\+)?json\b/i.test(contentType ?? '');
}

function describeWrite(request: ResourceRequest, body: string): string {
  if (request.resource.endsWith('/scale')) {
    const replicas = /"replicas"\s*:\s*(\d+)/.exec(body)?.[1];
    return `scaled ${request.resource.split('/')[0]} ${request.name} to ${replicas ?? '?'} replicas`;
  }
  if (request.verb === 'delete') return `deleted pod ${request.name}`;
  const at = new RegExp(`"${RESTARTED_AT_ANNOTATION.replaceAll('.', '\\.')}"\\s*:\\s*"([^"]*)"`).exec(
    body,
  )?.[1];
  return `restarted the rollout of ${request.name}${at ? ` (restartedAt ${at})` : ''}`;
}

export function createPipeline(options: PipelineOptions) {
  const { policy, kubeConfig, audit } = options;
  const limits = policy.limits;
  const seenWrites = new Map<string, number>();
  let inFlight = 0;

  function rememberWrite(signature: string, now: number): boolean {
    for (const [key, expires] of seenWrites) if (expires < now) seenWrites.delete(key);
    if (seenWrites.has(signature)) return false;
    seenWrites.set(signature, now + REPLAY_WINDOW_MS);
    return true;
  }

  async function verify(
    request: IncomingMessage,
    pathAndQuery: string,
    body: Uint8Array,
  ): Promise<
    { ok: true; keyIndex: number; signature: string } | { ok: false; reason: string; answer: Answer }
  > {
    const signature = headerValue(request, SIGNATURE_HEADER);
    const verdict = await verifyRequest(
      options.keys,
      {
        method: request.method ?? 'GET',
        pathAndQuery,
        timestamp: headerValue(request, TIMESTAMP_HEADER) ?? '',
        actor: headerValue(request, ACTOR_HEADER) ?? '',
        body,
      },
      signature,
      Math.floor(Date.now() / 1000),
    );
    if (!verdict.ok)
      return {
        ok: false,
        reason: verdict.reason,
        answer: statusAnswer(401, 'Unauthorized', `unauthorized: ${verdict.reason}`),
      };
    return { ok: true, keyIndex: verdict.keyIndex, signature: signature as string };
  }

  /** Forwards an allowed request and turns the API server's answer into a redacted one. */
  async function forward(
    request: IncomingMessage,
    api: ApiRequest,
    pathAndQuery: string,
    body: Uint8Array,
  ): Promise<{ answer: Answer; json?: unknown }> {
    const method = request.method ?? 'GET';
    const isLog = api.kind === 'resource' && api.resource === 'pods/log';
    // Discovery documents hold no cluster content; everything else is masked for the known Secret values. The
    // values of the request's namespace are read before anything is forwarded (a write included).
    let secretValues =
      api.kind === 'resource'
        ? await options.secretValues.forNamespaces(api.namespace ? [api.namespace] : [])
        : undefined;
    const headers: Record<string, string> = {
      accept: isLog ? 'text/plain, */*' : upstreamAccept(headerValue(request, 'accept')),
      'user-agent': 'kube-responder-proxy',
    };
    const contentType = headerValue(request, 'content-type');
    if (body.byteLength > 0 && contentType) headers['content-type'] = contentType;
    const upstream = await sendUpstream(kubeConfig, {
      method,
      pathAndQuery,
      headers,
      ...(body.byteLength > 0 ? { body } : {}),
      timeoutMs: limits.requestTimeoutSeconds * 1000,
      maxBytes: isLog ? limits.maxLogBytes : limits.maxResponseBytes,
      keepTail: isLog,
    });
    const extra: Record<string, string> = {};
    // Diagnoses compute ages against the cluster's clock, which is the API server's Date.
    const date = upstream.headers.date;
    if (date) extra.date = date;
    const upstreamType = upstream.headers['content-type'];
    if (method === 'HEAD' || upstream.body.byteLength === 0) {
      return {
        answer: {
          status: upstream.status,
          body: '',
          contentType: upstreamType ?? 'text/plain',
          headers: extra,
        },
      };
    }
    if (isLog && upstream.status < 300) {
      const { text, truncated } = redactLog(upstream.body, limits.maxLogBytes, secretValues);
      if (truncated || upstream.droppedBytes > 0) extra['x-kr-truncated'] = 'true';
      return {
        answer: {
          status: upstream.status,
          body: text,
          contentType: 'text/plain; charset=utf-8',
          headers: extra,
        },
      };
    }
    if (!isJson(upstreamType)) {
      return {
        answer: statusAnswer(
          502,
          'InternalError',
          `the API server answered with content type '${upstreamType ?? 'none'}', which the proxy cannot redact`,
        ),
      };
    }
    let document: unknown;
    try {
      document = JSON.parse(new TextDecoder().decode(upstream.body));
    } catch {
      return { answer: statusAnswer(502, 'InternalError', 'the API server answered with invalid JSON') };
    }
    document = filterNamespaces(document, api);
    // TLS Secrets carry their certificate's dates as annotations; the values are emptied just below.
    if (api.kind === 'resource' && api.resource === 'secrets') annotateTlsSecrets(document);
    // A list across namespaces holds objects of namespaces whose values may not be read yet (a Role per namespace).
    if (api.kind === 'resource' && api.namespace === undefined)
      secretValues = await options.secretValues.forNamespaces(namespacesIn(document));
    const redacted = redactObject(
      document as Parameters<typeof redactObject>[0],
      api.kind === 'resource' ? api.resource : undefined,
      secretValues,
    );
    return {
      answer: {
        status: upstream.status,
        body: JSON.stringify(redacted),
        contentType: 'application/json',
        headers: extra,
      },
      json: document,
    };
  }

  /** The namespaces of a list's items (or of a Table's embedded objects). */
  function namespacesIn(document: unknown): string[] {
    const list = document as {
      items?: { metadata?: { namespace?: unknown } }[];
      rows?: { object?: { metadata?: { namespace?: unknown } } }[];
    } | null;
    const objects = [
      ...(Array.isArray(list?.items) ? list.items : []),
      ...(Array.isArray(list?.rows) ? list.rows.map((row) => row?.object) : []),
    ];
    return objects.flatMap((object) =>
      typeof object?.metadata?.namespace === 'string' ? [object.metadata.namespace] : [],
    );
  }

  /** Drops items outside the policy's namespaces from lists that span namespaces. */
  function filterNamespaces(document: unknown, api: ApiRequest): unknown {
    const selector = policy.namespaces;
    const restricted = (selector.include?.length ?? 0) > 0 || (selector.exclude?.length ?? 0) > 0;
    if (!restricted || api.kind !== 'resource' || api.verb !== 'list' || api.namespace !== undefined)
      return document;
    const list = document as { items?: { metadata?: { name?: string; namespace?: string } }[] };
    if (!Array.isArray(list?.items)) return document;
    list.items = list.items.filter((item) => {
      const namespace = api.resource === 'namespaces' ? item.metadata?.name : item.metadata?.namespace;
      return namespace === undefined || namespaceAllowed(selector, namespace);
    });
    return list;
  }

  async function recordEvent(
    api: ResourceRequest,
    actor: string,
    action: string,
    target: unknown,
  ): Promise<string> {
    const uid = (target as { metadata?: { uid?: unknown } } | undefined)?.metadata?.uid;
    const event = actionEvent(api, actor, action, typeof uid === 'string' ? uid : undefined, new Date());
    try {
      const response = await sendUpstream(kubeConfig, {
        method: 'POST',
        pathAndQuery: `/api/v1/namespaces/${encodeURIComponent(api.namespace ?? 'default')}/events`,
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: new TextEncoder().encode(JSON.stringify(event)),
        timeoutMs: limits.requestTimeoutSeconds * 1000,
        maxBytes: 1024 * 1024,
      });
      return response.status < 300 ? 'recorded' : `not recorded: the API server answered ${response.status}`;
    } catch (error) {
      return `not recorded: ${(error as Error).message}`;
    }
  }

  async function decide(request: IncomingMessage, line: AuditLine): Promise<Answer> {
    const method = (request.method ?? 'GET').toUpperCase();
    const pathAndQuery = request.url ?? '/';
    const body = await readBody(request, limits.maxRequestBodyBytes);
    if (!body) {
      line.decision = 'rejected';
      return statusAnswer(
        413,
        'RequestEntityTooLarge',
        `request body exceeds ${limits.maxRequestBodyBytes} bytes`,
      );
    }
    // The signature is checked before anything else looks at the request.
    const verdict = await verify(request, pathAndQuery, body);
    if (!verdict.ok) {
      line.decision = 'unauthorized';
      line.reason = verdict.reason;
      return verdict.answer;
    }
    line.keyIndex = verdict.keyIndex;
    if (!READ_METHODS.has(method) && !rememberWrite(verdict.signature, Date.now())) {
      line.decision = 'rejected';
      line.reason = 'replayed signature';
      return statusAnswer(409, 'Conflict', 'this signed request was already used: sign every write afresh');
    }
    let api: ApiRequest;
    try {
      api = parseApiRequest(method, pathAndQuery);
    } catch (error) {
      if (!(error instanceof BadRequestError)) throw error;
      line.decision = 'rejected';
      line.reason = error.message;
      return statusAnswer(400, 'BadRequest', error.message);
    }
    line.verb = api.verb;
    if (api.kind === 'resource') {
      line.resource = api.apiGroup ? `${api.apiGroup}/${api.resource}` : api.resource;
      if (api.namespace) line.namespace = api.namespace;
      if (api.name) line.name = api.name;
    }
    const decision = authorize(policy, api);
    line.rule = decision.rule;
    const text = new TextDecoder().decode(body);
    const refusal = decision.allowed
      ? checkWrite(decision, api, headerValue(request, 'content-type') ?? '', text)
      : decision.reason;
    if (refusal !== undefined) {
      line.decision = 'denied';
      line.reason = refusal;
      return statusAnswer(403, 'Forbidden', `denied by policy rule '${decision.rule}': ${refusal}`, {
        rule: decision.rule,
      });
    }
    if (inFlight >= limits.maxConcurrentRequests) {
      line.decision = 'rejected';
      line.reason = 'too many requests in flight';
      const answer = statusAnswer(
        429,
        'TooManyRequests',
        `more than ${limits.maxConcurrentRequests} requests in flight`,
      );
      return { ...answer, headers: { 'retry-after': '1' } };
    }
    inFlight++;
    try {
      const { answer, json } = await forward(request, api, pathAndQuery, body);
      line.decision = answer.status < 500 ? 'allowed' : 'error';
      if (decision.allowed && decision.write && api.kind === 'resource' && answer.status < 300) {
        line.event = await recordEvent(api, line.actor, describeWrite(api, text), json);
      }
      return answer;
    } catch (error) {
      if (error instanceof SecretValuesUnavailable) {
        // Fail closed: an answer that could carry a printed Secret value is not passed on unmasked.
        line.decision = 'error';
        line.reason = error.message;
        return statusAnswer(
          503,
          'ServiceUnavailable',
          `secret value masking is on but the proxy cannot read the values to mask (${error.message}): grant it list on secrets, or set secretValueMasking.enabled: false in the policy`,
        );
      }
      if (!(error instanceof UpstreamError)) throw error;
      line.decision = 'error';
      line.reason = error.message;
      return statusAnswer(error.status, error.status === 504 ? 'Timeout' : 'InternalError', error.message);
    } finally {
      inFlight--;
    }
  }

  function newLine(request: IncomingMessage): AuditLine {
    return {
      time: new Date().toISOString(),
      actor: cleanActor(headerValue(request, ACTOR_HEADER)),
      method: (request.method ?? 'GET').toUpperCase(),
      path: (request.url ?? '/').slice(0, 2000),
      // Set later; listed here so every line has its fields in the same order (undefined ones are left out).
      verb: undefined,
      resource: undefined,
      namespace: undefined,
      name: undefined,
      decision: 'error',
      rule: undefined,
      reason: undefined,
      status: 500,
      bytes: 0,
      durationMs: 0,
      keyIndex: undefined,
      event: undefined,
    };
  }

  function finish(line: AuditLine, started: number, answer: Answer) {
    line.status = answer.status;
    line.bytes = Buffer.byteLength(answer.body);
    line.durationMs = Math.round((performance.now() - started) * 10) / 10;
    audit(line);
  }

  return {
    async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
      if ((request.method === 'GET' || request.method === 'HEAD') && request.url === '/healthz') {
        response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
        response.end(request.method === 'GET' ? 'ok' : undefined);
        return;
      }
      const started = performance.now();
      const line = newLine(request);
      let answer: Answer;
      try {
        answer = await decide(request, line);
      } catch (error) {
        line.decision = 'error';
        line.reason = (error as Error).message;
        answer = statusAnswer(500, 'InternalError', 'the proxy failed to handle the request');
      }
      response.writeHead(answer.status, {
        'content-type': answer.contentType,
        'content-length': String(Buffer.byteLength(answer.body)),
        'cache-control': 'no-store',
        ...answer.headers,
      });
      response.end(request.method === 'HEAD' ? undefined : answer.body);
      finish(line, started, answer);
    },

    /** exec, attach, port-forward and watch over websockets/SPDY are never proxied. */
    async handleUpgrade(request: IncomingMessage, socket: Duplex): Promise<void> {
      const started = performance.now();
      const line = newLine(request);
      socket.on('error', () => {});
      const verdict = await verify(request, request.url ?? '/', new Uint8Array());
      let answer: Answer;
      if (!verdict.ok) {
        line.decision = 'unauthorized';
        line.reason = verdict.reason;
        answer = verdict.answer;
      } else {
        line.decision = 'denied';
        line.rule = 'no-upgrade';
        answer = statusAnswer(
          403,
          'Forbidden',
          "denied by policy rule 'no-upgrade': connection upgrades (exec, attach, port-forward, streaming) are never proxied",
          { rule: 'no-upgrade' },
        );
      }
      const head = [
        `HTTP/1.1 ${answer.status} ${answer.status === 401 ? 'Unauthorized' : 'Forbidden'}`,
        `content-type: ${answer.contentType}`,
        `content-length: ${Buffer.byteLength(answer.body)}`,
        'connection: close',
        '',
        '',
      ].join('\r\n');
      socket.end(head + answer.body);
      finish(line, started, answer);
    },
  };
}
