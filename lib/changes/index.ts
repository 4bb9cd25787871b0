// "What changed?": a workload's recent changes from the cluster's own records (rollouts, ConfigMap and Secret
// edits, Argo CD syncs, Helm upgrades), judged against when its trouble began, with the way back.
import type { K8sObject, ResourceName } from '../cluster/index.ts';
import type { AnalysisContext } from '../evidence/index.ts';
import type { ObjectRef } from '../report/index.ts';
import { argoChanges } from './argo-history.ts';
import type { Change } from './change.ts';
import { configChanges, configRefs } from './config-writes.ts';
import { helmChanges } from './helm-releases.ts';
import { rolloutChanges } from './revisions.ts';
import { inTrouble, judge, troubleStart, type Verdict } from './timing.ts';

export { Change, ChangeSource, changeSources } from './change.ts';
export { describeWorkload, revisionsOf } from './revisions.ts';
export { templateDiff } from './template-diff.ts';
export { inTrouble, troubleStart, type Verdict } from './timing.ts';
export {
  afterLines,
  afterTexts,
  blameLine,
  blameText,
  noChangeLine,
  noChangeText,
  span,
  spanText,
  wayBack,
  wayBackTexts,
} from './words.ts';

/** Kinds whose pod template has revisions. */
export const CHANGING_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'] as const;
export const DEFAULT_CHANGE_WINDOW_MINUTES = 30;

export interface ChangeOptions {
  /** How long before the trouble a change is blamed (CHANGE_WINDOW_MINUTES). */
  windowMinutes?: number;
  /** The alert's startsAt, when an alert started this. */
  since?: string;
}

/** Every change of the workload the snapshot holds, newest first. */
export function changesOf(context: AnalysisContext, workload: ObjectRef): Change[] {
  return [
    ...rolloutChanges(context, workload),
    ...configChanges(context, workload),
    ...argoChanges(context, workload),
    ...helmChanges(context, workload),
  ].sort((a, b) => b.at.localeCompare(a.at));
}

/** Which change, if any, the workload's trouble followed. */
export function changeVerdict(
  context: AnalysisContext,
  workload: ObjectRef,
  options: ChangeOptions = {},
): Verdict {
  const troubled = context.podsOf(workload).filter(inTrouble);
  const start = troubleStart(context, troubled, options.since);
  return judge(
    workload,
    changesOf(context, workload),
    troubled,
    Number.isFinite(start) ? start : context.now,
    options.windowMinutes ?? DEFAULT_CHANGE_WINDOW_MINUTES,
  );
}

/** The workloads with pods in trouble (a Deployment's pods are owned through a ReplicaSet). */
export function troubledWorkloads(context: AnalysisContext): ObjectRef[] {
  const seen = new Map<string, ObjectRef>();
  for (const pod of context.list('pods').filter(inTrouble)) {
    const owner = context.ownerOf(pod);
    if (owner && (CHANGING_KINDS as readonly string[]).includes(owner.kind))
      seen.set(`${owner.kind}/${owner.namespace}/${owner.name}`, owner);
  }
  return [...seen.values()];
}

/**
 * The lists change evidence needs, only when a workload is in trouble: its revisions, the ConfigMaps and
 * Secrets its pods use (Secrets: metadata only), and Helm release Secrets when Helm manages it.
 */
export function changeReads(context: AnalysisContext): ResourceName[] {
  const workloads = troubledWorkloads(context);
  const wanted = new Set<ResourceName>();
  const pods: K8sObject[] = workloads.flatMap((workload) => context.podsOf(workload));
  for (const workload of workloads) {
    wanted.add(workload.kind === 'Deployment' ? 'replicaSets' : 'controllerRevisions');
    const object = context.find(workload.kind, workload.namespace, workload.name);
    if (object?.metadata.annotations?.['meta.helm.sh/release-name']) wanted.add('secrets');
  }
  for (const ref of pods.flatMap((pod) => configRefs(pod.spec)))
    wanted.add(ref.kind === 'ConfigMap' ? 'configMaps' : 'secrets');
  return [...wanted];
}
