// Pods seen as the workload they belong to: grouped by top-level owner, named in a sentence, reported as one
// finding per owner (the shape every analyzer of a pod symptom shares).
import type { K8sObject, ResourceName } from '../cluster/index.ts';
import type { MessageKey, Text, TextParams } from '../i18n/index.ts';
import type { Finding, ObjectRef } from '../report/index.ts';
import { type AnalysisContext, describeRef, refOf } from './context.ts';

/** The pods of one top-level owner (a pod with no owner is its own group). */
export interface PodGroup {
  owner: ObjectRef | undefined;
  pods: K8sObject[];
}

/** Pods grouped by their top-level owner. */
export function groupByOwner(context: AnalysisContext, pods: K8sObject[]): PodGroup[] {
  const groups = new Map<string, PodGroup>();
  for (const pod of pods) {
    const owner = context.ownerOf(pod);
    const key = owner
      ? `${owner.kind}/${owner.namespace}/${owner.name}`
      : `Pod/${pod.metadata.namespace}/${pod.metadata.name}`;
    const group = groups.get(key) ?? { owner, pods: [] };
    group.pods.push(pod);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** "Deployment shop/payment" or "Pod shop/x" — how a group is named in a sentence. */
export function groupName(owner: ObjectRef | undefined, pod: K8sObject): string {
  return describeRef(owner ?? refOf(pod));
}

/** What an analyzer says about a group; `podGroupFinding` adds the object, the owner and the field order. */
export type PodGroupReport = Omit<Finding, 'object' | 'owner'>;

/** The finding about the pods of one owner: `pod` (the one the evidence shows) is its object, the owner its workload. */
export function podGroupFinding(group: PodGroup, pod: K8sObject, report: PodGroupReport): Finding {
  return {
    code: report.code,
    severity: report.severity,
    object: refOf(pod),
    ...(group.owner ? { owner: group.owner } : {}),
    ...(report.rootCause ? { rootCause: report.rootCause } : {}),
    summary: report.summary,
    ...(report.summaryText ? { summaryText: report.summaryText } : {}),
    evidence: report.evidence,
    ...(report.evidenceTexts ? { evidenceTexts: report.evidenceTexts } : {}),
    suggestions: report.suggestions,
    ...(report.suggestionTexts ? { suggestionTexts: report.suggestionTexts } : {}),
  };
}

/** The evidence line "N pods <what>" when more than one pod of the group shows the symptom. */
export function morePods(group: PodGroup, what: string): string[] {
  return group.pods.length > 1 ? [`${group.pods.length} pods ${what}`] : [];
}

/** `morePods` as a `Text`: `key` says it with the number of pods as `count` (ICU plural) beside `params`. */
export function morePodsText(group: PodGroup, key: MessageKey, params: TextParams = {}): Text[] {
  return group.pods.length > 1 ? [{ key, params: { count: group.pods.length, ...params } }] : [];
}

/** The lists `ownerOf` walks through that a first read may lack: DaemonSets, and Jobs with their CronJobs. */
export function ownerReads(context: AnalysisContext): ResourceName[] {
  const wanted = new Set<ResourceName>();
  for (const pod of context.list('pods')) {
    for (const ref of pod.metadata.ownerReferences ?? []) {
      if (ref.kind === 'DaemonSet') wanted.add('daemonSets');
      if (ref.kind === 'Job') {
        wanted.add('jobs');
        wanted.add('cronJobs');
      }
    }
  }
  return [...wanted];
}
