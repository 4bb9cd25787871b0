// The Secret values the proxy masks in its answers: listed with its own credentials from the namespaces it
// serves, held in memory only, read again on an interval. Never logged, never passed on, never in an audit line.
import type { KubeConfig } from '@kubernetes/client-node';
import {
  type KnownSecretValue,
  noSecretValues,
  type SecretValues,
  secretValues,
  valuesOfSecrets,
} from '../../lib/security/index.ts';
import { namespaceAllowed, type Policy } from './policy.ts';
import { sendUpstream } from './upstream.ts';

/** The proxy cannot read the values it must mask: it answers 503 rather than pass text on unmasked. */
export class SecretValuesUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretValuesUnavailable';
  }
}

export interface SecretValueStore {
  /**
   * The masker for an answer holding objects of these namespaces (none: cluster-scoped). Waits only for the
   * first read of the values it needs, never for a refresh; throws SecretValuesUnavailable when that first read
   * failed.
   */
  forNamespaces(namespaces: Iterable<string>): Promise<SecretValues>;
  close(): void;
}

const PAGE_SIZE = 500;

/** A store that masks nothing (secretValueMasking.enabled: false). */
export const noSecretValueStore: SecretValueStore = {
  forNamespaces: async () => noSecretValues,
  close: () => {},
};

export function secretValueStore(kubeConfig: KubeConfig, policy: Policy): SecretValueStore {
  const limits = policy.limits;
  /** Cluster-wide list allowed (ClusterRole) or only per namespace (Role per namespace): learnt on first read. */
  let scope: 'unknown' | 'cluster' | 'namespaced' = 'unknown';
  const byNamespace = new Map<string, KnownSecretValue[]>();
  const firstReads = new Map<string, Promise<void>>();
  let masker: SecretValues = noSecretValues;

  function rebuild() {
    masker = secretValues([...byNamespace.values()].flat());
  }

  /** Every Secret of a list path, page by page; the status on refusal. */
  async function list(path: string): Promise<{ status: number; items: unknown[] }> {
    const items: unknown[] = [];
    let token: string | undefined;
    do {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (token) query.set('continue', token);
      // An API server that does not answer (UpstreamError: 502/504) fails the request the same way.
      const response = await sendUpstream(kubeConfig, {
        method: 'GET',
        pathAndQuery: `${path}?${query}`,
        headers: { accept: 'application/json', 'user-agent': 'kube-responder-proxy' },
        timeoutMs: limits.requestTimeoutSeconds * 1000,
        maxBytes: limits.maxResponseBytes,
      });
      if (response.status !== 200) return { status: response.status, items: [] };
      const page = JSON.parse(new TextDecoder().decode(response.body)) as {
        items?: unknown[];
        metadata?: { continue?: string };
      };
      items.push(...(page.items ?? []));
      token = page.metadata?.continue || undefined;
    } while (token);
    return { status: 200, items };
  }

  async function readCluster(): Promise<void> {
    const { status, items } = await list('/api/v1/secrets');
    if (status === 403 && scope !== 'cluster') {
      scope = 'namespaced';
      await Promise.all((policy.namespaces.include ?? []).map((namespace) => readNamespace(namespace)));
      return;
    }
    if (status !== 200)
      throw new SecretValuesUnavailable(
        `listing Secrets across namespaces: the API server answered ${status}`,
      );
    scope = 'cluster';
    const grouped = new Map<string, unknown[]>();
    for (const item of items) {
      const namespace = (item as { metadata?: { namespace?: string } }).metadata?.namespace ?? '';
      if (!namespaceAllowed(policy.namespaces, namespace)) continue;
      grouped.set(namespace, [...(grouped.get(namespace) ?? []), item]);
    }
    byNamespace.clear();
    for (const [namespace, secrets] of grouped) byNamespace.set(namespace, valuesOfSecrets(secrets));
    rebuild();
  }

  async function readNamespace(namespace: string): Promise<void> {
    const { status, items } = await list(`/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets`);
    if (status !== 200)
      throw new SecretValuesUnavailable(
        `listing Secrets in namespace ${namespace}: the API server answered ${status}`,
      );
    byNamespace.set(namespace, valuesOfSecrets(items));
    rebuild();
  }

  /** One first read per key at a time; a failed one is forgotten so the next request tries again. */
  function firstRead(key: string, read: () => Promise<void>): Promise<void> {
    let pending = firstReads.get(key);
    if (!pending) {
      pending = read().catch((error) => {
        firstReads.delete(key);
        throw error;
      });
      firstReads.set(key, pending);
    }
    return pending;
  }

  const timer = setInterval(() => {
    // A failed refresh keeps the values read before; the next tick tries again.
    const refresh =
      scope === 'cluster'
        ? readCluster()
        : Promise.all([...byNamespace.keys()].map((namespace) => readNamespace(namespace)));
    refresh.catch(() => {});
  }, policy.secretValueMasking.refreshSeconds * 1000);
  timer.unref();

  return {
    async forNamespaces(namespaces) {
      await firstRead('*', readCluster);
      if (scope === 'namespaced')
        for (const namespace of new Set(namespaces))
          if (namespaceAllowed(policy.namespaces, namespace))
            await firstRead(namespace, () => readNamespace(namespace));
      return masker;
    },
    close: () => clearInterval(timer),
  };
}
