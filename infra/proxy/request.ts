// What a Kubernetes REST request asks for (verb, group, resource, namespace, name), parsed the way the API
// server's RequestInfo resolver does, so the policy judges the same request the API server will serve.

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export interface ResourceRequest {
  kind: 'resource';
  verb: Verb;
  apiGroup: string;
  version: string;
  namespace?: string;
  /** The resource, with its subresource when there is one: `pods`, `pods/log`, `deployments/scale`. */
  resource: string;
  name?: string;
  /** The path exactly as received (already validated): what the upstream is sent. */
  path: string;
  query: URLSearchParams;
}

export interface NonResourceRequest {
  kind: 'nonResource';
  verb: Verb;
  path: string;
  query: URLSearchParams;
}

export type ApiRequest = ResourceRequest | NonResourceRequest;

export class BadRequestError extends Error {}

// Object names are DNS subdomains or labels; a few kinds allow ':' (e.g. ClusterRole names). Anything else
// (an encoded '/', '..', whitespace) could be read differently by the API server than by us, so it is refused.
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
// Namespaces whose sub-path is a subresource of the Namespace itself, as in the API server's resolver.
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/** Go's strconv.ParseBool truth, as the API server reads `watch`; any true value among repeats counts. */
function anyTrue(values: string[]): boolean {
  return values.some((value) => ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value));
}

/** Parses method + path + query into what the request asks for; throws BadRequestError for odd paths. */
export function parseApiRequest(method: string, pathAndQuery: string): ApiRequest {
  const queryStart = pathAndQuery.indexOf('?');
  const path = queryStart < 0 ? pathAndQuery : pathAndQuery.slice(0, queryStart);
  const query = new URLSearchParams(queryStart < 0 ? '' : pathAndQuery.slice(queryStart + 1));
  if (!path.startsWith('/')) throw new BadRequestError(`path must start with '/': ${path}`);
  const raw = path === '/' ? [] : path.slice(1).split('/');
  const parts: string[] = [];
  for (const segment of raw) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw new BadRequestError(`path segment is not valid percent-encoding: ${segment}`);
    }
    if (!SEGMENT.test(decoded) || decoded.includes('..'))
      throw new BadRequestError(`path segment '${segment}' is not a valid Kubernetes path segment`);
    parts.push(decoded);
  }

  const upper = method.toUpperCase();
  const nonResource = (): NonResourceRequest => {
    if (upper !== 'GET' && upper !== 'HEAD')
      throw new BadRequestError(`${upper} is not supported on non-resource path ${path}`);
    return { kind: 'nonResource', verb: 'get', path, query };
  };

  let rest: string[];
  let apiGroup: string;
  let version: string;
  if (parts[0] === 'api') {
    if (parts.length < 3) return nonResource();
    apiGroup = '';
    version = parts[1] as string;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis') {
    if (parts.length < 4) return nonResource();
    apiGroup = parts[1] as string;
    version = parts[2] as string;
    rest = parts.slice(3);
  } else {
    return nonResource();
  }

  // The deprecated `/api/v1/watch/...` form.
  let watchPrefix = false;
  if (rest[0] === 'watch') {
    watchPrefix = true;
    rest = rest.slice(1);
  }

  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && !NAMESPACE_SUBRESOURCES.has(rest[2] as string)) {
    namespace = rest[1];
    rest = rest.slice(2);
  } else if (rest[0] === 'namespaces' && rest.length >= 2) {
    // `/api/v1/namespaces/NAME[/status]`: the Namespace object itself, which is also its own namespace.
    namespace = rest[1];
  }
  // `…/NAME/proxy/any/path`: the API server's proxy subresource; the rest is the proxied path, judged as `X/proxy`.
  if (rest.length > 3 && rest[2] === 'proxy') rest = rest.slice(0, 3);
  if (rest.length === 0 || rest.length > 3) throw new BadRequestError(`unrecognised API path ${path}`);
  const [plural, name, subresource] = rest as [string, string | undefined, string | undefined];
  const resource = subresource ? `${plural}/${subresource}` : plural;

  let verb: Verb;
  switch (upper) {
    case 'GET':
    case 'HEAD':
      verb = watchPrefix || anyTrue(query.getAll('watch')) ? 'watch' : name ? 'get' : 'list';
      break;
    case 'POST':
      verb = 'create';
      break;
    case 'PUT':
      verb = 'update';
      break;
    case 'PATCH':
      verb = 'patch';
      break;
    case 'DELETE':
      verb = name ? 'delete' : 'deletecollection';
      break;
    default:
      throw new BadRequestError(`method ${upper} is not supported`);
  }
  return {
    kind: 'resource',
    verb,
    apiGroup,
    version,
    ...(namespace !== undefined ? { namespace } : {}),
    resource,
    ...(name !== undefined ? { name } : {}),
    path,
    query,
  };
}

/** `apps/deployments/scale` or `pods` (core), for messages. */
export function describeRequest(request: ApiRequest): string {
  if (request.kind === 'nonResource') return `${request.verb} ${request.path}`;
  const group = request.apiGroup ? `${request.apiGroup}/` : '';
  const where = request.namespace ? ` in namespace ${request.namespace}` : '';
  const name = request.name ? ` ${request.name}` : '';
  return `${request.verb} ${group}${request.resource}${name}${where}`;
}
