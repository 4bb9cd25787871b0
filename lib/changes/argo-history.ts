// Argo CD syncs of the Application that manages a workload: `status.history[]` (revision, deployedAt, source),
// newest first, with `argocd app rollback` to the entry before as the way back.
import type { K8sObject } from '../cluster/index.ts';
import type { AnalysisContext } from '../evidence/index.ts';
import type { ObjectRef } from '../report/index.ts';
import { type Change, changeWords } from './change.ts';

interface HistoryEntry {
  id?: number;
  revision?: string;
  deployedAt?: string;
  source?: { repoURL?: string; targetRevision?: string };
}

/** Whether the Application lists the workload among its resources (or tracks it by annotation). */
function manages(app: K8sObject, workload: ObjectRef, object: K8sObject | undefined): boolean {
  const listed = ((app.status?.resources ?? []) as ObjectRef[]).some(
    (ref) => ref.kind === workload.kind && ref.name === workload.name && ref.namespace === workload.namespace,
  );
  const tracking = object?.metadata.annotations?.['argocd.argoproj.io/tracking-id'];
  return listed || (!!tracking && tracking.startsWith(`${app.metadata.name}:`));
}

const shortRevision = (revision: string | undefined) =>
  revision && /^[0-9a-f]{40}$/.test(revision) ? revision.slice(0, 7) : (revision ?? 'unknown');

export function argoChanges(context: AnalysisContext, workload: ObjectRef): Change[] {
  const object = context.find(workload.kind, workload.namespace, workload.name);
  return context
    .list('applications')
    .filter((app) => manages(app, workload, object))
    .flatMap((app) => {
      const history = [...((app.status?.history ?? []) as HistoryEntry[])].sort((a, b) =>
        String(a.deployedAt).localeCompare(String(b.deployedAt)),
      );
      const latest = history.at(-1);
      if (!latest?.deployedAt) return [];
      const previous = history.at(-2);
      const ref: ObjectRef = {
        kind: 'Application',
        ...(app.metadata.namespace ? { namespace: app.metadata.namespace } : {}),
        name: app.metadata.name,
      };

      return [
        {
          source: 'argocd',
          at: latest.deployedAt,
          object: ref,
          ...(latest.id !== undefined ? { revision: latest.id } : {}),
          ...(previous?.id !== undefined ? { previousRevision: previous.id } : {}),
          pods: context.podsOf(workload).map((pod) => pod.metadata.name),
          ...changeWords(
            {
              key: 'cluster.argoSynced',
              params: {
                app: app.metadata.name,
                revision: shortRevision(latest.revision),
                from: previous?.revision ? shortRevision(previous.revision) : 'none',
              },
            },
            previous?.id !== undefined
              ? [
                  {
                    key: 'cluster.argoRollback',
                    params: { command: `argocd app rollback ${app.metadata.name} ${previous.id}` },
                  },
                ]
              : [],
          ),
        } satisfies Change,
      ];
    });
}
