// ImagePullFailure: an image cannot be pulled; the pull error says whether the reference or the credentials are wrong.
import type { K8sObject } from '../cluster/index.ts';
import {
  type AnalysisContext,
  type ContainerStatus,
  detailTextOf,
  groupByOwner,
  groupName,
  inTwoForms,
  morePodsText,
  ownerReads,
  podGroupFinding,
  refOf,
  rootCauseOf,
} from '../evidence/index.ts';
import { render, type Text, verbatim } from '../i18n/index.ts';
import type { RootCause } from '../report/index.ts';
import type { Analyzer } from './types.ts';

const PULL = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);

export function pullingContainer(pod: K8sObject): ContainerStatus | undefined {
  if (pod.metadata.deletionTimestamp) return undefined;
  return [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find(
    (status) => PULL.has(status.state?.waiting?.reason),
  );
}

const NOT_FOUND = /manifest unknown|not found|no such manifest|name unknown/i;
const DENIED = /unauthorized|authentication required|denied|forbidden|\b401\b|\b403\b/i;
const DOCKER_HUB = /^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)$/;

/** An image reference split into its registry host and repository, tag and digest dropped. */
export function imageRepository(image: string): { registry: string; repository: string } {
  const bare = image.replace(/@.*$/, '').replace(/:[\w.-]+$/, '');
  const [first, ...rest] = bare.split('/');
  const hosted = rest.length > 0 && /[.:]|^localhost$/.test(first ?? '');
  const registry = hosted ? first! : 'docker.io';
  const path = hosted ? rest.join('/') : bare;
  return {
    registry: DOCKER_HUB.test(registry) ? 'docker.io' : registry,
    repository: DOCKER_HUB.test(registry) && !path.includes('/') ? `library/${path}` : path,
  };
}

/** Running pods whose containers run the same repository: proof the repository exists. */
function runningElsewhere(context: AnalysisContext, image: string): K8sObject[] {
  const wanted = imageRepository(image);
  const same = (other: string) => {
    const repo = imageRepository(other);
    return repo.registry === wanted.registry && repo.repository === wanted.repository;
  };
  return context
    .list('pods')
    .filter((pod) =>
      (pod.status?.containerStatuses ?? []).some(
        (status: ContainerStatus) => status.state?.running && same(status.image ?? ''),
      ),
    );
}

const secretNames = (pod: K8sObject): string =>
  (pod.spec?.imagePullSecrets ?? [])
    .map((s: { name: string }) => s.name)
    .sort()
    .join(',');

const field = 'imagePullSecrets';

/** Which pull secrets the pod presents, and whether they exist (when Secrets were read). */
function pullSecrets(context: AnalysisContext, pod: K8sObject): Text {
  const names: string[] = (pod.spec?.imagePullSecrets ?? []).map((s: { name: string }) => s.name);
  if (names.length === 0) return { key: 'pods.noPullSecrets', params: { field } };
  const absent = context.loaded('secrets')
    ? names.filter((name) => !context.find('Secret', pod.metadata.namespace, name))
    : [];
  return absent.length
    ? { key: 'pods.pullSecretsAbsent', params: { field, names: names.join(', '), absent: absent.join(', ') } }
    : { key: 'pods.pullSecretsNoAccess', params: { field, names: names.join(', ') } };
}

/**
 * Why a pull fails, and the signal that decided: "manifest unknown"/"not found" is a bad reference; a refusal
 * (401/403/denied) is missing credentials only when the registry is private or the same image runs elsewhere,
 * since Docker Hub answers "pull access denied" for a repository that does not exist too.
 */
export function pullCause(context: AnalysisContext, pod: K8sObject, status: ContainerStatus): PullCause {
  const { rootCause, line, signal } = pullCauseText(context, pod, status);
  return { rootCause, ...(line ? { line } : {}), signal: render(signal, 'en'), signalText: signal };
}

/** Why a pull fails: the root cause, the pull error's line, and the signal that decided (in English and as a Text). */
export interface PullCause {
  rootCause: RootCause;
  line?: string;
  signal: string;
  signalText: Text;
}

function pullCauseText(
  context: AnalysisContext,
  pod: K8sObject,
  status: ContainerStatus,
): { rootCause: RootCause; line?: string; signal: Text } {
  const image: string = status.image ?? '';
  const messages = [
    status.state?.waiting?.message ?? '',
    ...context
      .eventsFor(refOf(pod))
      .filter((event) => event.reason === 'Failed')
      .map((event) => event.message),
  ].join('\n');
  const lines = messages.split('\n');
  const line = (pattern: RegExp) =>
    lines.find((text) => pattern.test(text)) ?? lines.find((text) => /pull|image/i.test(text));
  const { registry } = imageRepository(image);
  if (NOT_FOUND.test(messages)) {
    const found = line(NOT_FOUND);
    return {
      rootCause: rootCauseOf('BadImageReference', undefined, {
        key: 'pods.imageNotFound',
        params: { image },
      }),
      ...(found ? { line: found } : {}),
      signal: { key: 'pods.decidedNotFound', params: { answer: 'not found' } },
    };
  }
  if (DENIED.test(messages)) {
    const found = line(DENIED);
    const running = runningElsewhere(context, image);
    // A pod with other pull secrets runs the repository: this pod's credentials are what is missing.
    const elsewhere = running.find((other) => secretNames(other) !== secretNames(pod));
    // Pods with the very same secrets pull it fine: the credentials work, so the reference is wrong.
    const sameCredentials = !elsewhere ? running[0] : undefined;
    const privateRegistry = registry !== 'docker.io';
    if (sameCredentials)
      return {
        rootCause: rootCauseOf('BadImageReference', undefined, {
          key: 'pods.imageDeniedSameCredentials',
          params: { image },
        }),
        ...(found ? { line: found } : {}),
        signal: {
          key: 'pods.decidedSameCredentials',
          params: { pod: `${sameCredentials.metadata.namespace}/${sameCredentials.metadata.name}` },
        },
      };
    if (elsewhere || privateRegistry) {
      const where = elsewhere && `${elsewhere.metadata.namespace}/${elsewhere.metadata.name}`;
      return {
        rootCause: rootCauseOf('MissingConfig', undefined, {
          key: 'pods.registryRefused',
          params: { image, secrets: pullSecrets(context, pod) },
        }),
        ...(found ? { line: found } : {}),
        signal:
          elsewhere && where
            ? secretNames(elsewhere)
              ? {
                  key: 'pods.decidedRunsElsewhereSecrets',
                  params: { pod: where, field, secrets: secretNames(elsewhere) },
                }
              : { key: 'pods.decidedRunsElsewhere', params: { pod: where } }
            : { key: 'pods.decidedPrivate', params: { registry } },
      };
    }
    return {
      rootCause: rootCauseOf('BadImageReference', undefined, {
        key: 'pods.imageDeniedHub',
        params: { image },
      }),
      ...(found ? { line: found } : {}),
      signal: { key: 'pods.decidedHub', params: { answer: 'pull access denied' } },
    };
  }
  const found = line(/pull|image/i);
  return {
    rootCause: rootCauseOf('BadImageReference', undefined, { key: 'pods.imageMissing', params: { image } }),
    ...(found ? { line: found } : {}),
    signal: { key: 'pods.decidedNoCredentialsError' },
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
        ...inTwoForms({
          summary: rs
            ? {
                key: 'pods.cannotStartReplicaSet',
                params: { who, cause: detailTextOf(cause.rootCause), replicaSet: rs },
              }
            : { key: 'pods.cannotStart', params: { who, cause: detailTextOf(cause.rootCause) } },
          evidence: [
            {
              key: 'pods.containerImage',
              params: {
                pod: pod.metadata.name,
                container: status.name,
                reason: status.state.waiting.reason,
                image: String(status.image),
              },
            },
            ...(cause.line ? [verbatim(cause.line.slice(0, 200))] : []),
            cause.signalText,
            ...morePodsText(group, 'pods.moreAffected'),
          ],
          suggestions: [
            cause.rootCause.code === 'BadImageReference'
              ? {
                  key: 'pods.checkTagOrRollBack',
                  params: {
                    command: `kubectl -n ${pod.metadata.namespace} rollout undo ${group.owner?.kind.toLowerCase() ?? 'deployment'}/${group.owner?.name ?? pod.metadata.name}`,
                  },
                }
              : { key: 'pods.checkPullSecret', params: { field: 'imagePullSecret' } },
          ],
        }),
      });
    });
  },
};
