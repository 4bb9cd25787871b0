// Rollouts of a workload from its own records: a Deployment's ReplicaSets (`deployment.kubernetes.io/revision`),
// a StatefulSet's or DaemonSet's ControllerRevisions, each compared with the revision before it.
import type { K8sObject } from '../cluster/index.ts';
import type { AnalysisContext } from '../evidence/index.ts';
import { listText, type Text } from '../i18n/index.ts';
import type { ObjectRef } from '../report/index.ts';
import { type Change, changeWords } from './change.ts';
import { previousEnvTexts, templateDiffTexts } from './template-diff.ts';

const REVISION = 'deployment.kubernetes.io/revision';
/** Differences named in one line; the rest is counted. */
const MAX_DIFFS = 4;

interface Revision {
  object: K8sObject;
  number: number;
  // biome-ignore lint/suspicious/noExplicitAny: pod templates as the API returns them
  template: any;
  at: string | undefined;
  /** Whether a pod belongs to this revision. */
  owns: (pod: K8sObject) => boolean;
}

const ownedBy = (object: K8sObject, owner: ObjectRef) =>
  (object.metadata.ownerReferences ?? []).some((ref) => ref.kind === owner.kind && ref.name === owner.name);

/** The workload's revisions, oldest first. */
export function revisionsOf(context: AnalysisContext, workload: ObjectRef): Revision[] {
  const mine = (name: 'replicaSets' | 'controllerRevisions') =>
    context
      .list(name)
      .filter((object) => object.metadata.namespace === workload.namespace && ownedBy(object, workload));
  const revisions: Revision[] =
    workload.kind === 'Deployment'
      ? mine('replicaSets').map((rs) => ({
          object: rs,
          number: Number(rs.metadata.annotations?.[REVISION]),
          template: rs.spec?.template,
          at: rs.metadata.creationTimestamp ?? scaledUpAt(context, rs),
          owns: (pod) => ownedBy(pod, { kind: 'ReplicaSet', name: rs.metadata.name }),
        }))
      : mine('controllerRevisions').map((revision) => ({
          object: revision,
          number: Number(revision.revision),
          template: revision.data?.spec?.template,
          at: revision.metadata.creationTimestamp,
          owns: (pod) => pod.metadata.labels?.['controller-revision-hash'] === revision.metadata.name,
        }));
  return revisions.filter((revision) => Number.isFinite(revision.number)).sort((a, b) => a.number - b.number);
}

/** A ReplicaSet without a creation time: when the Deployment controller first scaled it up. */
function scaledUpAt(context: AnalysisContext, rs: K8sObject): string | undefined {
  const owner = context.ownerOf(rs);
  if (!owner) return undefined;
  const event = context
    .eventsFor(owner, false)
    .filter((e) => e.reason === 'ScalingReplicaSet' && e.message.includes(`replica set ${rs.metadata.name}`))
    .at(-1);
  return event && Number.isFinite(event.lastSeen) ? new Date(event.lastSeen).toISOString() : undefined;
}

export function describeWorkload(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

/** Each rollout of the workload (a revision with one before it), newest first. */
export function rolloutChanges(context: AnalysisContext, workload: ObjectRef): Change[] {
  const revisions = revisionsOf(context, workload);
  const pods = context.podsOf(workload);
  return revisions
    .slice(1)
    .map((next, index): Change | undefined => {
      const previous = revisions[index];
      if (!previous || !next.at) return undefined;
      const diffs = templateDiffTexts(previous.template, next.template);
      const shown = listText('cluster.comma', diffs.slice(0, MAX_DIFFS));
      const kind = workload.kind.toLowerCase();
      return {
        source: 'rollout',
        at: next.at,
        object: workload,
        revision: next.number,
        previousRevision: previous.number,
        pods: pods.filter(next.owns).map((pod) => pod.metadata.name),
        ...changeWords(
          {
            key: 'cluster.rolledOut',
            params: {
              workload: describeWorkload(workload),
              revision: String(next.number),
              diffs: !diffs.length
                ? 'none'
                : diffs.length > MAX_DIFFS
                  ? { key: 'cluster.andMore', params: { list: shown, count: diffs.length - MAX_DIFFS } }
                  : shown,
            },
          },
          [
            {
              key: 'cluster.rollBackTo',
              params: {
                revision: String(previous.number),
                command: `kubectl -n ${workload.namespace} rollout undo ${kind}/${workload.name} --to-revision=${previous.number}`,
              },
            },
            ...wasValues(previousEnvTexts(previous.template, next.template)),
          ],
        ),
      };
    })
    .filter((change): change is Change => !!change)
    .reverse();
}

const wasValues = (values: Text[]): Text[] =>
  values.length ? [{ key: 'cluster.before', params: { values: listText('cluster.comma', values) } }] : [];

/** Pods of the workload on revisions before `revision` (the ones that ran before the change). */
export function podsBefore(context: AnalysisContext, workload: ObjectRef, revision: number): K8sObject[] {
  const older = revisionsOf(context, workload).filter((candidate) => candidate.number < revision);
  return context.podsOf(workload).filter((pod) => older.some((candidate) => candidate.owns(pod)));
}
