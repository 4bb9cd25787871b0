// The CLI reads a cluster itself (--fixture, --kubeconfig), not through the proxy, so every answer gets the
// proxy's rules here before the diagnosis, the model or the terminal sees it: the shared object redaction and
// the values of the Secrets the CLI itself can list, masked in every encoding.
import {
  type Json,
  MASK,
  redactClusterObject,
  redactClusterText,
  type SecretValues,
  secretValues,
  valuesOfSecrets,
} from '../../lib/security/index.ts';

type Fetch = (request: Request) => Promise<Response>;

const PAGE_SIZE = 500;

/** The resource plural an API path is about (`/api/v1/namespaces/shop/pods/p/log` → `pods`). */
export function resourceOfPath(path: string): string | undefined {
  const parts = path.split('/').filter(Boolean);
  const rest = parts[0] === 'api' ? parts.slice(2) : parts[0] === 'apis' ? parts.slice(3) : [];
  return rest[0] === 'namespaces' && rest.length >= 3 ? rest[2] : rest[0];
}

async function listSecrets(fetch: Fetch, baseUrl: string, path: string): Promise<unknown[]> {
  const items: unknown[] = [];
  let token: string | undefined;
  do {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (token) query.set('continue', token);
    const response = await fetch(
      new Request(`${baseUrl}${path}?${query}`, { headers: { accept: 'application/json' } }),
    );
    if (!response.ok) throw new Error(`listing ${path} answered ${response.status}`);
    const page = (await response.json()) as { items?: unknown[]; metadata?: { continue?: string } };
    items.push(...(page.items ?? []));
    token = page.metadata?.continue || undefined;
  } while (token);
  return items;
}

/**
 * The Secret values the CLI can read: across the cluster, else in `namespace`. Never thrown: without them the
 * run goes on with the pattern-based redaction, and `warn` says what is then not masked.
 */
export async function readSecretValues(
  fetch: Fetch,
  baseUrl: string,
  namespace: string | undefined,
  warn: (message: string) => void,
): Promise<SecretValues> {
  const paths = ['/api/v1/secrets'];
  if (namespace) paths.push(`/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets`);
  const reasons: string[] = [];
  for (const path of paths) {
    try {
      return secretValues(valuesOfSecrets(await listSecrets(fetch, baseUrl, path)));
    } catch (error) {
      reasons.push((error as Error).message);
    }
  }
  warn(
    `Secret values are not masked in this run (${reasons.join('; ')}): a value an app prints in its log reaches the output and the model unless it looks like a credential`,
  );
  return secretValues([]);
}

/** Wraps a fetch so every answer is redacted the way the proxy redacts it. */
export function redactingFetch(fetch: Fetch, values: SecretValues): Fetch {
  const options = { mask: MASK, secretValues: values };
  return async (request) => {
    const response = await fetch(request);
    if (response.status === 204 || response.status === 304 || request.method === 'HEAD') return response;
    const text = await response.text();
    let body: string;
    if (/json/i.test(response.headers.get('content-type') ?? '')) {
      try {
        const document = JSON.parse(text) as Json;
        body = JSON.stringify(
          redactClusterObject(document, resourceOfPath(new URL(request.url).pathname), options),
        );
      } catch {
        body = redactClusterText(text, options);
      }
    } else body = redactClusterText(text, options);
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  };
}
