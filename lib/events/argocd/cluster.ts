// Which of the responder's clusters an Argo CD notification is about: its destination, matched to CLUSTERS.
/** The destination Argo CD names the cluster it runs in (`spec.destination.server` / `.name`). */
export const IN_CLUSTER = [
  'https://kubernetes.default.svc',
  'https://kubernetes.default.svc:443',
  'in-cluster',
];

/**
 * The cluster to read for a notification's `cluster` (the Application's destination name or server):
 * - a name in CLUSTERS (`spec.destination.name` as Argo CD knows the cluster) is that cluster;
 * - Argo CD's own cluster (`https://kubernetes.default.svc`, `in-cluster`) is CLUSTER_NAME, the cluster the
 *   responder calls home, unless CLUSTERS has a cluster by that name;
 * - a server URL whose host, or the first label of its host, is a name in CLUSTERS
 *   (`https://prod.k8s.example.com:6443` → `prod`) is that cluster;
 * - anything else, or nothing, is CLUSTER_NAME.
 */
export function argoCluster(
  destination: string | undefined,
  options: { clusterNames: readonly string[]; defaultCluster: string },
): string {
  const known = (name: string | undefined) =>
    name !== undefined && options.clusterNames.includes(name) ? name : undefined;
  const value = destination?.trim();
  if (!value) return options.defaultCluster;
  const named = known(value);
  if (named) return named;
  if (IN_CLUSTER.includes(value.replace(/\/+$/, ''))) return options.defaultCluster;
  const host = hostOf(value);
  return known(host) ?? known(host?.split('.')[0]) ?? options.defaultCluster;
}

function hostOf(server: string): string | undefined {
  try {
    return new URL(server).hostname || undefined;
  } catch {
    return undefined;
  }
}
