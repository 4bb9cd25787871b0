// The Worker's map of clusters (`CLUSTERS`): cluster name (an alert's `cluster` label, a chat command) → the
// proxy that serves it and the key that signs for it. One proxy per cluster.

import { z } from 'zod';
import { parseJsonSetting } from '../validation/index.ts';

const ClusterEntrySchema = z
  .strictObject({
    /** Base URL of the cluster's kube-responder proxy. */
    proxyUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    /** The key that signs requests (the first line of the proxy's secret file). */
    key: z.string().min(16, 'must be at least 16 characters').optional(),
    /** Several keys during a rotation: the first signs. */
    keys: z.array(z.string().min(16, 'must be at least 16 characters')).min(1).optional(),
    /** Default actor for requests that have no person or alert behind them (e.g. scheduled reports). */
    actor: z.string().min(1).max(200).optional(),
  })
  .superRefine((entry, ctx) => {
    if (!entry.key && !entry.keys)
      ctx.addIssue({ code: 'custom', path: ['key'], message: 'is required (or keys)' });
    if (entry.key && entry.keys)
      ctx.addIssue({ code: 'custom', path: ['keys'], message: 'give either key or keys, not both' });
  })
  .transform(({ proxyUrl, key, keys, actor }) => ({
    proxyUrl: proxyUrl.replace(/\/+$/, ''),
    key: (key ?? keys?.[0]) as string,
    ...(actor ? { actor } : {}),
  }));

const ClusterNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'must be a cluster name (letters, digits, . _ -)');

export const ClustersSchema = z.record(ClusterNameSchema, ClusterEntrySchema);

/** One cluster as the Worker uses it: where its proxy is and the key that signs. */
export type ClusterTarget = z.output<typeof ClusterEntrySchema>;
export type Clusters = z.output<typeof ClustersSchema>;

export class ClustersConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClustersConfigError';
  }
}

/** Parses `CLUSTERS` (JSON); the error names the bad field (`CLUSTERS.prod.proxyUrl: …`), never a key's value. */
export function parseClusters(json: string): Clusters {
  const clusters = parseJsonSetting(
    'CLUSTERS',
    json,
    ClustersSchema,
    (message) => new ClustersConfigError(message),
  );
  if (Object.keys(clusters).length === 0) throw new ClustersConfigError('CLUSTERS names no cluster');
  return clusters;
}

/** The cluster's target, or an error naming the known clusters. */
export function clusterTarget(clusters: Clusters, name: string): ClusterTarget {
  const target = Object.hasOwn(clusters, name) ? clusters[name] : undefined;
  if (!target)
    throw new ClustersConfigError(
      `cluster '${name}' is not in CLUSTERS (known: ${Object.keys(clusters).join(', ') || 'none'})`,
    );
  return target;
}
