// ImagePullFailure: an image cannot be pulled; the pull error says whether the reference or the credentials are wrong.
import type { K8sObject } from '../cluster/index.ts';
import {
  type AnalysisContext,
  type ContainerStatus,
  groupByOwner,
  groupName,
  morePods,
  ownerReads,
  podGroupFinding,
  refOf,
} from '../evidence/index.ts';
import type { RootCause } from '../report/index.ts';
import type { Analyzer } from './types.ts';

const PULL = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);

export function pullingContainer(pod: K8sObject): ContainerStatus | undefined {
  if (pod.metadata.deletionTimestamp) return undefined;
  return [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find(
    (status) => PULL.has(status.state?.waiting?.reason),
  );
}

export function pullCause(
  context: AnalysisContext,
  pod: K8sObject,
  status: ContainerStatus,
): { rootCause: RootCause; line?: string } {
  const image: string = status.image ?? '';
  const messages = [
    status.state?.waiting?.message ?? '',
    ...context
      .eventsFor(refOf(pod))
      .filter((event) => event.reason === 'Failed')
      .map((event) => event.message),
  ].join('\n');
  const line = messages.split('\n').find((text) => /pull|image/i.test(text));
  if (/unauthorized|authentication required|denied|forbidden|401|403/i.test(messages)) {
    const secrets = (pod.spec?.imagePullSecrets ?? []).map((s: { name: string }) => s.name);
    return {
      rootCause: {
        code: 'MissingConfig',
        detail: `registry refused credentials for ${image}${secrets.length ? ` (imagePullSecrets: ${secrets.join(', ')})` : ' (no imagePullSecrets)'}`,
      },
      ...(line ? { line } : {}),
    };
  }
  return {
    rootCause: {
      code: 'BadImageReference',
      detail: `image ${image} does not exist${/not found|manifest unknown/i.test(messages) ? ' (manifest not found)' : ''}`,
    },
    ...(line ? { line } : {}),
  };
}

export const imagePullFailure: Analyzer = {
  name: 'image-pull',
  reads: { Pod: ['pods', 'events', 'replicaSets'] },
  followUps: ownerReads,
  analyze(context) {
    const pods = context.list('pods').filter((pod) => pullingContainer(pod));
    return groupByOwner(context, pods).map((group) => {
      const pod = group.pods[0]!;
      const status = pullingContainer(pod)!;
      const cause = pullCause(context, pod, status);
      const rs = pod.metadata.ownerReferences?.find((ref) => ref.kind === 'ReplicaSet')?.name;
      const who = groupName(group.owner, pod);
      return podGroupFinding(group, pod, {
        code: 'ImagePullFailure',
        severity: 'critical',
        rootCause: cause.rootCause,
        summary: `${who} cannot start: ${cause.rootCause.detail}${rs ? ` (ReplicaSet ${rs})` : ''}.`,
        evidence: [
          `pod ${pod.metadata.name} container ${status.name}: ${status.state.waiting.reason}, image ${status.image}`,
          ...(cause.line ? [cause.line.slice(0, 200)] : []),
          ...morePods(group, `affected`),
        ],
        suggestions: [
          cause.rootCause.code === 'BadImageReference'
            ? `check the tag exists in the registry, or roll back: kubectl -n ${pod.metadata.namespace} rollout undo ${group.owner?.kind.toLowerCase() ?? 'deployment'}/${group.owner?.name ?? pod.metadata.name}`
            : 'check the imagePullSecret and the registry credentials',
        ],
      });
    });
  },
};
