// Helm upgrades of the release that manages a workload, from the release Secrets' labels only (`name`,
// `version`, `status`, `modifiedAt`): the release payload is never read.
import type { AnalysisContext } from '../evidence/index.ts';
import type { ObjectRef } from '../report/index.ts';
import { type Change, changeWords } from './change.ts';

const RELEASE_TYPE = 'helm.sh/release.v1';

/** `modifiedAt` is Unix seconds; a release without one is dated by its Secret's creation. */
function releasedAt(labels: Record<string, string>, created: string | undefined): string | undefined {
  const seconds = Number(labels.modifiedAt);
  if (labels.modifiedAt && Number.isFinite(seconds)) return new Date(seconds * 1000).toISOString();
  return created;
}

export function helmChanges(context: AnalysisContext, workload: ObjectRef): Change[] {
  const object = context.find(workload.kind, workload.namespace, workload.name);
  const release = object?.metadata.annotations?.['meta.helm.sh/release-name'];
  const namespace = object?.metadata.annotations?.['meta.helm.sh/release-namespace'] ?? workload.namespace;
  if (!release) return [];
  const versions = context
    .list('secrets')
    .filter(
      (secret) =>
        secret.type === RELEASE_TYPE &&
        secret.metadata.namespace === namespace &&
        secret.metadata.labels?.name === release,
    )
    .map((secret) => {
      const labels = secret.metadata.labels ?? {};
      return {
        version: Number(labels.version),
        status: labels.status ?? 'unknown',
        at: releasedAt(labels, secret.metadata.creationTimestamp),
      };
    })
    .filter((entry) => Number.isFinite(entry.version))
    .sort((a, b) => a.version - b.version);
  const latest = versions.at(-1);
  if (!latest?.at || versions.length < 2) return [];
  const previous = versions.at(-2);
  const ref: ObjectRef = { kind: 'HelmRelease', ...(namespace ? { namespace } : {}), name: release };
  return [
    {
      source: 'helm',
      at: latest.at,
      object: ref,
      revision: latest.version,
      ...(previous ? { previousRevision: previous.version } : {}),
      pods: context.podsOf(workload).map((pod) => pod.metadata.name),
      ...changeWords(
        {
          key: 'cluster.helmUpgraded',
          params: { release, version: String(latest.version), status: latest.status },
        },
        previous
          ? [
              {
                key: 'cluster.helmRollback',
                params: { command: `helm -n ${namespace} rollback ${release} ${previous.version}` },
              },
            ]
          : [],
      ),
    },
  ];
}
