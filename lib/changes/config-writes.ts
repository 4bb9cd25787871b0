// ConfigMaps and Secrets a workload's pods use, and when each was last written (`managedFields`, else creation):
// an edit under running pods. Secrets by metadata only: their values never reach this code through the proxy.
import type { K8sObject } from '../cluster/index.ts';
import type { AnalysisContext } from '../evidence/index.ts';
import type { ObjectRef } from '../report/index.ts';
import { type Change, changeWords } from './change.ts';
import { describeWorkload } from './revisions.ts';

type ConfigKind = 'ConfigMap' | 'Secret';

// biome-ignore lint/suspicious/noExplicitAny: pod spec shapes as the API returns them
type Spec = any;

/** The ConfigMaps and Secrets a pod spec references (volumes, projected volumes, envFrom, env valueFrom). */
export function configRefs(spec: Spec): { kind: ConfigKind; name: string }[] {
  const refs: { kind: ConfigKind; name: string }[] = [];
  const add = (kind: ConfigKind, name: unknown) => {
    if (typeof name === 'string' && !refs.some((ref) => ref.kind === kind && ref.name === name))
      refs.push({ kind, name });
  };
  for (const volume of spec?.volumes ?? []) {
    add('ConfigMap', volume.configMap?.name);
    add('Secret', volume.secret?.secretName);
    for (const source of volume.projected?.sources ?? []) {
      add('ConfigMap', source.configMap?.name);
      add('Secret', source.secret?.name);
    }
  }
  for (const container of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
    for (const from of container.envFrom ?? []) {
      add('ConfigMap', from.configMapRef?.name);
      add('Secret', from.secretRef?.name);
    }
    for (const env of container.env ?? []) {
      add('ConfigMap', env.valueFrom?.configMapKeyRef?.name);
      add('Secret', env.valueFrom?.secretKeyRef?.name);
    }
  }
  return refs;
}

/** The last write: the newest `managedFields[].time`, else the creation time. */
export function lastWrite(object: K8sObject): string | undefined {
  const times = ((object.metadata.managedFields ?? []) as { time?: string }[])
    .map((entry) => entry.time)
    .filter((time): time is string => !!time && Number.isFinite(Date.parse(time)))
    .sort();
  return times.at(-1) ?? object.metadata.creationTimestamp;
}

/** The writer of the last write (`kubectl-edit`, `argocd-controller`, `helm`), when managedFields say. */
function lastWriter(object: K8sObject): string | undefined {
  const entries = ((object.metadata.managedFields ?? []) as { time?: string; manager?: string }[])
    .filter((entry) => entry.time)
    .sort((a, b) => String(a.time).localeCompare(String(b.time)));
  return entries.at(-1)?.manager;
}

/** Edits of the ConfigMaps and Secrets the workload's pods use, newest first. */
export function configChanges(context: AnalysisContext, workload: ObjectRef): Change[] {
  const pods = context.podsOf(workload);
  const users = new Map<string, string[]>();
  for (const pod of pods)
    for (const ref of configRefs(pod.spec)) {
      const key = `${ref.kind}/${ref.name}`;
      users.set(key, [...(users.get(key) ?? []), pod.metadata.name]);
    }
  const changes: Change[] = [];
  for (const [key, podNames] of users) {
    const [kind, name] = key.split('/') as [ConfigKind, string];
    const object = context.find(kind, workload.namespace, name);
    const at = object ? lastWrite(object) : undefined;
    // Written only at creation: nothing was edited under the pods.
    if (!object || !at || !object.metadata.managedFields?.length) continue;
    const ref: ObjectRef = { kind, ...(workload.namespace ? { namespace: workload.namespace } : {}), name };
    const writer = lastWriter(object);
    changes.push({
      source: 'config',
      at,
      object: ref,
      pods: podNames,
      ...changeWords(
        {
          key: 'cluster.configEdited',
          params: {
            object: describeWorkload(ref),
            writer: writer ?? 'none',
            workload: describeWorkload(workload),
          },
        },
        [
          kind === 'Secret'
            ? { key: 'cluster.restoreSecret', params: { name, product: 'kube-responder' } }
            : {
                key: 'cluster.restoreConfigMap',
                params: {
                  name,
                  command: `kubectl -n ${workload.namespace} rollout restart ${workload.kind.toLowerCase()}/${workload.name}`,
                },
              },
        ],
      ),
    });
  }
  return changes.sort((a, b) => b.at.localeCompare(a.at));
}
