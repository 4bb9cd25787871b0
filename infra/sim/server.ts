// The fixture cluster's Kubernetes REST API as a Web-standard handler (Request → Response), usable with or
// without a socket: discovery, list/get with selectors and pagination, pods/log, Table output and the writes
// the proxy allows (restart patch, scale, pod delete, Event create).
import type { K8sObject } from '../../lib/cluster/index.ts';
import { getEvent, isEventKind, listEvents } from './events.ts';
import type { FixtureCluster } from './fixture.ts';
import { apiVersionOf, type KindInfo } from './kinds.ts';
import { LogError, type LogOptions, podLog } from './logs.ts';
import { applyPatch, PATCH_TYPES, PatchError } from './patch.ts';
import { parseFieldSelector, parseLabelSelector, SelectorError } from './selectors.ts';
import { toTable, wantsTable } from './table.ts';

/** The Kubernetes version the fixture server reports. */
export const SIM_VERSION = { major: '1', minor: '31', gitVersion: 'v1.31.0-kube-responder-sim' };

// The real API server's request-body limit is 3 MiB.
const MAX_BODY_BYTES = 3 * 1024 * 1024;

type Json = Record<string, unknown>;

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Json,
  ) {
    super(message);
  }
}

function qualified(kind: KindInfo): string {
  return kind.group ? `${kind.plural}.${kind.group}` : kind.plural;
}

function notFound(kind: KindInfo, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualified(kind)} "${name}" not found`, {
    name,
    ...(kind.group ? { group: kind.group } : {}),
    kind: kind.plural,
  });
}

function methodNotAllowed(method: string, what: string): ApiError {
  return new ApiError(
    405,
    'MethodNotAllowed',
    `the server does not allow this method on the requested resource (${method} ${what})`,
  );
}

function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

/** Creates the handler. Every response carries `Date` = the cluster's clock (the fixture's `now`). */
export function createFixtureHandler(cluster: FixtureCluster): (request: Request) => Promise<Response> {
  const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', date: cluster.clock().toUTCString(), ...headers },
    });
  const statusResponse = (error: ApiError) =>
    json(
      {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: error.message,
        reason: error.reason,
        ...(error.details ? { details: error.details } : {}),
        code: error.code,
      },
      error.code,
    );

  return async (request) => {
    try {
      return await route(request);
    } catch (error) {
      if (error instanceof ApiError) return statusResponse(error);
      const message = error instanceof Error ? error.message : String(error);
      return statusResponse(new ApiError(500, 'InternalError', `fixture server: ${message}`));
    }
  };

  async function route(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const method = request.method.toUpperCase();
    const [top, second, third] = segments;

    if (segments.length === 1 && top === 'version') return json({ ...SIM_VERSION, platform: 'linux/amd64' });
    if (segments.length === 1 && (top === 'healthz' || top === 'livez' || top === 'readyz'))
      return new Response('ok', {
        headers: { 'content-type': 'text/plain', date: cluster.clock().toUTCString() },
      });
    if (top === 'openapi')
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    if (top === 'api' && segments.length === 1)
      return json({
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: url.host }],
      });
    if (top === 'apis' && segments.length === 1) return json(groupList());
    if (top === 'apis' && segments.length === 2) {
      const group = groupList().groups.find((g) => g.name === second);
      if (!group) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
      return json({ kind: 'APIGroup', apiVersion: 'v1', ...group });
    }

    let group: string;
    let version: string;
    let rest: string[];
    if (top === 'api' && second) [group, version, rest] = ['', second, segments.slice(2)];
    else if (top === 'apis' && second && third) [group, version, rest] = [second, third, segments.slice(3)];
    else throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');

    if (rest.length === 0) return json(resourceList(group, version));

    let namespace: string | undefined;
    let plural: string;
    let name: string | undefined;
    let subresource: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3)
      [, namespace, plural, name, subresource] = rest as [string, string, string, string?, string?];
    else [plural, name, subresource] = rest as [string, string?, string?];
    if (rest.length > (namespace !== undefined ? 5 : 3))
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');

    const kind = cluster.findKind(group, version, plural);
    if (!kind || (namespace !== undefined && !kind.namespaced))
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');

    if (name === undefined) {
      if (method === 'GET') return list(kind, namespace, url, request.headers.get('accept'));
      if (method === 'POST' && kind.verbs.includes('create') && namespace !== undefined)
        return create(kind, namespace, request, url);
      throw methodNotAllowed(method, qualified(kind));
    }

    if (subresource === undefined) {
      if (method === 'GET') {
        const object = getOrThrow(kind, namespace, name);
        if (wantsTable(request.headers.get('accept')))
          return json(
            toTable(
              kind,
              [object],
              { resourceVersion: cluster.resourceVersion() },
              cluster.clock(),
              url.searchParams.get('includeObject'),
            ),
          );
        return json(object);
      }
      if (method === 'PATCH' && kind.verbs.includes('patch'))
        return patch(kind, namespace, name, request, url);
      if (method === 'DELETE' && kind.verbs.includes('delete')) return remove(kind, namespace, name, url);
      throw methodNotAllowed(method, `${qualified(kind)}/${name}`);
    }

    if (subresource === 'log' && kind.subresources.includes('log') && method === 'GET')
      return log(kind, namespace, name, url);
    if (subresource === 'scale' && kind.subresources.includes('scale'))
      return scale(kind, namespace, name, request, url);
    if (subresource === 'status' && method === 'GET')
      return json(withKind(kind, getOrThrow(kind, namespace, name)));
    if (kind.subresources.includes(subresource) || subresource === 'status')
      throw methodNotAllowed(method, `${qualified(kind)}/${subresource}`);
    throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  }

  function getOrThrow(kind: KindInfo, namespace: string | undefined, name: string): K8sObject {
    const object = isEventKind(kind)
      ? getEvent(cluster, kind, namespace, name)
      : cluster.get(kind, namespace, name);
    if (!object) throw notFound(kind, name);
    return object;
  }

  function withKind(kind: KindInfo, object: K8sObject): K8sObject {
    return { apiVersion: apiVersionOf(kind), kind: kind.kind, ...object };
  }

  function groupList() {
    const groups = new Map<string, Set<string>>();
    for (const kind of cluster.resourceTypes()) {
      if (!kind.group) continue;
      const versions = groups.get(kind.group) ?? new Set<string>();
      versions.add(kind.version);
      groups.set(kind.group, versions);
    }
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [...groups.entries()].map(([name, versions]) => {
        const list = [...versions].map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
        return { name, versions: list, preferredVersion: list[0]! };
      }),
    };
  }

  function resourceList(group: string, version: string) {
    const kinds = cluster.resourceTypes().filter((k) => k.group === group && k.version === version);
    if (kinds.length === 0)
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    const resources = kinds.flatMap((kind) => [
      {
        name: kind.plural,
        singularName: kind.singular,
        namespaced: kind.namespaced,
        kind: kind.kind,
        verbs: kind.verbs,
        ...(kind.shortNames.length > 0 ? { shortNames: kind.shortNames } : {}),
        ...(kind.categories.length > 0 ? { categories: kind.categories } : {}),
      },
      ...kind.subresources.map((sub) =>
        sub === 'scale'
          ? {
              name: `${kind.plural}/scale`,
              singularName: '',
              namespaced: kind.namespaced,
              group: 'autoscaling',
              version: 'v1',
              kind: 'Scale',
              verbs: ['get', 'patch', 'update'],
            }
          : {
              name: `${kind.plural}/${sub}`,
              singularName: '',
              namespaced: kind.namespaced,
              kind: kind.kind,
              verbs: ['get'],
            },
      ),
    ]);
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: group ? `${group}/${version}` : version,
      resources,
    };
  }

  function list(kind: KindInfo, namespace: string | undefined, url: URL, accept: string | null): Response {
    const params = url.searchParams;
    if (params.get('watch') === 'true' || params.get('watch') === '1')
      throw methodNotAllowed('WATCH', `${qualified(kind)} (the fixture server does not support watch)`);
    let items = isEventKind(kind) ? listEvents(cluster, kind, namespace) : cluster.list(kind, namespace);
    try {
      const labelSelector = params.get('labelSelector');
      if (labelSelector) items = items.filter(parseLabelSelector(labelSelector));
      const fieldSelector = params.get('fieldSelector');
      if (fieldSelector) items = items.filter(parseFieldSelector(fieldSelector, kind));
    } catch (error) {
      if (error instanceof SelectorError) throw badRequest(error.message);
      throw error;
    }

    const resourceVersion = cluster.resourceVersion();
    const metadata: Json = { resourceVersion };
    const token = params.get('continue');
    if (token) {
      const after = decodeContinue(token);
      items = items.filter((item) => `${item.metadata.namespace ?? ''}/${item.metadata.name}` > after);
    }
    const limit = params.get('limit');
    if (limit !== null && limit !== '') {
      const size = Number(limit);
      if (!Number.isInteger(size) || size < 0) throw badRequest(`invalid limit: ${limit}`);
      if (size > 0 && items.length > size) {
        const last = items[size - 1]!;
        metadata.continue = encodeContinue(
          `${last.metadata.namespace ?? ''}/${last.metadata.name}`,
          resourceVersion,
        );
        metadata.remainingItemCount = items.length - size;
        items = items.slice(0, size);
      }
    }
    if (wantsTable(accept))
      return json(toTable(kind, items, metadata, cluster.clock(), params.get('includeObject')));
    // A real list's items carry no kind/apiVersion: the list names them.
    const bare = items.map(({ kind: _kind, apiVersion: _apiVersion, ...item }) => item);
    return json({ kind: `${kind.kind}List`, apiVersion: apiVersionOf(kind), metadata, items: bare });
  }

  function log(kind: KindInfo, namespace: string | undefined, name: string, url: URL): Response {
    const pod = getOrThrow(kind, namespace, name);
    const params = url.searchParams;
    const integer = (key: string, min: number) => {
      const raw = params.get(key);
      if (raw === null || raw === '') return undefined;
      const value = Number(raw);
      if (!Number.isInteger(value) || value < min)
        throw badRequest(`invalid ${key}: ${raw} (must be an integer >= ${min})`);
      return value;
    };
    const flag = (key: string) => params.get(key) === 'true' || params.get(key) === '1';
    const options: LogOptions = { previous: flag('previous'), timestamps: flag('timestamps') };
    const container = params.get('container');
    if (container) options.container = container;
    const tailLines = integer('tailLines', 0);
    if (tailLines !== undefined) options.tailLines = tailLines;
    const limitBytes = integer('limitBytes', 1);
    if (limitBytes !== undefined) options.limitBytes = limitBytes;
    const sinceSeconds = integer('sinceSeconds', 1);
    if (sinceSeconds !== undefined) options.sinceSeconds = sinceSeconds;
    const sinceTime = params.get('sinceTime');
    if (sinceTime) {
      if (Number.isNaN(Date.parse(sinceTime))) throw badRequest(`invalid sinceTime: ${sinceTime}`);
      if (sinceSeconds !== undefined)
        throw badRequest('at most one of sinceTime or sinceSeconds may be specified');
      options.sinceTime = sinceTime;
    }
    try {
      const text = podLog(cluster, pod, options);
      return new Response(text, {
        headers: { 'content-type': 'text/plain', date: cluster.clock().toUTCString() },
      });
    } catch (error) {
      if (error instanceof LogError) throw badRequest(error.message);
      throw error;
    }
  }

  async function readBody(request: Request): Promise<unknown> {
    const buffer = await request.arrayBuffer();
    if (buffer.byteLength > MAX_BODY_BYTES)
      throw new ApiError(
        413,
        'RequestEntityTooLarge',
        `request body of ${buffer.byteLength} bytes is over the limit`,
      );
    const text = new TextDecoder().decode(buffer);
    try {
      return JSON.parse(text);
    } catch {
      throw badRequest('the request body is not valid JSON (the fixture server accepts JSON only)');
    }
  }

  function mediaType(request: Request): string {
    return (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  }

  // Stores a written object: bumps resourceVersion (and generation when the spec changed) unless a dry run.
  function commit(kind: KindInfo, before: K8sObject, after: K8sObject, url: URL): K8sObject {
    if (
      JSON.stringify(before.spec) !== JSON.stringify(after.spec) &&
      typeof before.metadata.generation === 'number'
    )
      after.metadata.generation = before.metadata.generation + 1;
    if (url.searchParams.get('dryRun') === 'All') return after;
    after.metadata.resourceVersion = cluster.nextResourceVersion();
    cluster.put(kind, after);
    return after;
  }

  async function patch(
    kind: KindInfo,
    namespace: string | undefined,
    name: string,
    request: Request,
    url: URL,
  ) {
    const object = getOrThrow(kind, namespace, name);
    const type = mediaType(request);
    if (!(PATCH_TYPES as readonly string[]).includes(type))
      throw new ApiError(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: ${PATCH_TYPES.join(', ')}`,
      );
    const body = await readBody(request);
    let patched: K8sObject;
    try {
      patched = applyPatch(type, withKind(kind, object), body) as K8sObject;
    } catch (error) {
      if (error instanceof PatchError) throw badRequest(error.message);
      throw error;
    }
    if (
      patched?.metadata?.name !== name ||
      (patched.metadata.namespace ?? undefined) !== (object.metadata.namespace ?? undefined)
    )
      throw badRequest('metadata.name and metadata.namespace cannot be changed by a patch');
    if (patched.metadata.uid !== object.metadata.uid)
      throw badRequest('metadata.uid cannot be changed by a patch');
    return json(commit(kind, withKind(kind, object), patched, url));
  }

  async function remove(kind: KindInfo, namespace: string | undefined, name: string, url: URL) {
    const object = getOrThrow(kind, namespace, name);
    const deleted = withKind(kind, structuredClone(object));
    const now = cluster.clock().toISOString();
    deleted.metadata.deletionTimestamp = now.replace(/\.\d{3}Z$/, 'Z');
    Object.assign(deleted.metadata, {
      deletionGracePeriodSeconds: object.spec?.terminationGracePeriodSeconds ?? 30,
    });
    if (url.searchParams.get('dryRun') !== 'All') {
      // No kubelet here: the pod is gone at once instead of terminating over its grace period.
      cluster.delete(kind, namespace, name);
      deleted.metadata.resourceVersion = cluster.nextResourceVersion();
    }
    return json(deleted);
  }

  async function create(kind: KindInfo, namespace: string, request: Request, url: URL) {
    const body = await readBody(request);
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw badRequest('the request body must be an object');
    const object = body as K8sObject;
    if (object.kind !== undefined && object.kind !== kind.kind)
      throw badRequest(`the body is a ${String(object.kind)}, expected ${kind.kind}`);
    object.metadata ??= { name: '' };
    if (object.metadata.namespace && object.metadata.namespace !== namespace)
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    object.metadata.namespace = namespace;
    const generateName = (object.metadata as { generateName?: string }).generateName;
    if (!object.metadata.name && generateName)
      object.metadata.name = `${generateName}${Math.random().toString(36).slice(2, 7)}`;
    if (!object.metadata.name)
      throw new ApiError(422, 'Invalid', `${kind.kind} is invalid: metadata.name: Required value`);
    if (getEvent(cluster, kind, namespace, object.metadata.name))
      throw new ApiError(
        409,
        'AlreadyExists',
        `${qualified(kind)} "${object.metadata.name}" already exists`,
        {
          name: object.metadata.name,
          kind: kind.plural,
        },
      );
    const created = withKind(kind, object);
    created.metadata.uid = crypto.randomUUID();
    created.metadata.creationTimestamp = cluster
      .clock()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
    if (url.searchParams.get('dryRun') !== 'All') {
      created.metadata.resourceVersion = cluster.nextResourceVersion();
      cluster.put(kind, created);
    }
    return json(created, 201);
  }

  async function scale(
    kind: KindInfo,
    namespace: string | undefined,
    name: string,
    request: Request,
    url: URL,
  ) {
    const object = getOrThrow(kind, namespace, name);
    const method = request.method.toUpperCase();
    const toScale = (o: K8sObject) => ({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: o.metadata.name,
        namespace: o.metadata.namespace,
        uid: o.metadata.uid,
        resourceVersion: o.metadata.resourceVersion,
        creationTimestamp: o.metadata.creationTimestamp,
      },
      spec: { replicas: o.spec?.replicas ?? 1 },
      status: {
        replicas: o.status?.replicas ?? 0,
        selector: Object.entries((o.spec?.selector?.matchLabels ?? {}) as Record<string, string>)
          .map(([k, v]) => `${k}=${v}`)
          .join(','),
      },
    });
    if (method === 'GET') return json(toScale(object));
    let desired: unknown;
    if (method === 'PUT') {
      const body = (await readBody(request)) as {
        metadata?: { resourceVersion?: string };
        spec?: { replicas?: unknown };
      };
      const version = body?.metadata?.resourceVersion;
      if (version && version !== object.metadata.resourceVersion)
        throw new ApiError(
          409,
          'Conflict',
          `Operation cannot be fulfilled on ${qualified(kind)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
        );
      desired = body?.spec?.replicas;
    } else if (method === 'PATCH') {
      const type = mediaType(request);
      if (!(PATCH_TYPES as readonly string[]).includes(type))
        throw new ApiError(
          415,
          'UnsupportedMediaType',
          `the body of the request was in an unknown format - accepted media types include: ${PATCH_TYPES.join(', ')}`,
        );
      try {
        desired = (
          applyPatch(type, toScale(object), await readBody(request)) as { spec?: { replicas?: unknown } }
        ).spec?.replicas;
      } catch (error) {
        if (error instanceof PatchError) throw badRequest(error.message);
        throw error;
      }
    } else throw methodNotAllowed(method, `${qualified(kind)}/scale`);
    if (typeof desired !== 'number' || !Number.isInteger(desired) || desired < 0)
      throw new ApiError(
        422,
        'Invalid',
        `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(desired)}: must be greater than or equal to 0`,
      );
    const before = withKind(kind, object);
    const after = structuredClone(before);
    after.spec = { ...after.spec, replicas: desired };
    return json(toScale(commit(kind, before, after, url)));
  }
}

function encodeContinue(lastKey: string, resourceVersion: string): string {
  return btoa(JSON.stringify({ v: 'sim/1', rv: resourceVersion, start: lastKey }));
}

function decodeContinue(token: string): string {
  try {
    const parsed = JSON.parse(atob(token)) as { v?: string; start?: unknown };
    if (parsed.v === 'sim/1' && typeof parsed.start === 'string') return parsed.start;
  } catch {
    // fall through to the API's error
  }
  throw badRequest('continue key is not valid: the token was not issued by this server');
}
