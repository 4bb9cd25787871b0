// ContainerConfigError: a container cannot be created from its spec; names the missing ConfigMap/Secret and key.
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
  rootCauseOf,
} from '../evidence/index.ts';
import { type Text, verbatim } from '../i18n/index.ts';
import type { RootCause } from '../report/index.ts';
import type { Analyzer } from './types.ts';

function configContainer(pod: K8sObject): ContainerStatus | undefined {
  return [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find(
    (status) =>
      ['CreateContainerConfigError', 'CreateContainerError'].includes(status.state?.waiting?.reason),
  );
}

/** Whether a container of the pod waits on CreateContainerConfigError: a ConfigMap/Secret or key is missing. */
function namesConfig(pod: K8sObject): boolean {
  return [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].some(
    (status) => status.state?.waiting?.reason === 'CreateContainerConfigError',
  );
}

/** The reference the kubelet complains about (ConfigMap/Secret, and key). */
export function missingReference(namespace: string | undefined, message: string): RootCause {
  const key = /couldn't find key (\S+) in (ConfigMap|Secret) ([\w.-]+)\/([\w.-]+)/i.exec(message);
  if (key?.[1] && key[2] && key[4])
    return rootCauseOf(
      'MissingConfig',
      { kind: key[2], ...(namespace ? { namespace } : {}), name: key[4] },
      { key: 'pods.noKey', params: { kind: key[2], name: key[4], key: key[1] } },
    );
  const object = /(configmap|secret) "([\w.-]+)" not found/i.exec(message);
  if (object?.[1] && object[2]) {
    const kind = object[1].toLowerCase() === 'secret' ? 'Secret' : 'ConfigMap';
    return rootCauseOf(
      'MissingConfig',
      { kind, ...(namespace ? { namespace } : {}), name: object[2] },
      { key: 'pods.objectMissing', params: { kind, name: object[2] } },
    );
  }
  // The kubelet's own words are quoted as they are.
  const quoted: Text = message ? verbatim(message.slice(0, 200)) : { key: 'pods.specReferencesMissing' };
  return rootCauseOf('MissingConfig', undefined, quoted);
}

/** What the pod spec references that the snapshot does not hold (when the kubelet message is vague). */
function missingFromSpec(context: AnalysisContext, pod: K8sObject): RootCause | undefined {
  const ns = pod.metadata.namespace;
  if (!context.loaded('configMaps') || !context.loaded('secrets')) return undefined;
  for (const container of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    const refs: { kind: string; name: string; key?: string; optional?: boolean }[] = [];
    for (const env of container.env ?? []) {
      const cm = env.valueFrom?.configMapKeyRef;
      const secret = env.valueFrom?.secretKeyRef;
      if (cm) refs.push({ kind: 'ConfigMap', name: cm.name, key: cm.key, optional: cm.optional });
      if (secret)
        refs.push({ kind: 'Secret', name: secret.name, key: secret.key, optional: secret.optional });
    }
    for (const from of container.envFrom ?? []) {
      if (from.configMapRef)
        refs.push({ kind: 'ConfigMap', name: from.configMapRef.name, optional: from.configMapRef.optional });
      if (from.secretRef)
        refs.push({ kind: 'Secret', name: from.secretRef.name, optional: from.secretRef.optional });
    }
    for (const ref of refs) {
      if (ref.optional) continue;
      const object = context.find(ref.kind, ns, ref.name);
      const ours = { kind: ref.kind, ...(ns ? { namespace: ns } : {}), name: ref.name };
      if (!object)
        return rootCauseOf('MissingConfig', ours, {
          key: 'pods.objectMissing',
          params: { kind: ref.kind, name: ref.name },
        });
      if (ref.key && !(ref.key in (object.data ?? {})) && !(ref.key in (object.binaryData ?? {})))
        return rootCauseOf('MissingConfig', ours, {
          key: 'pods.noKey',
          params: { kind: ref.kind, name: ref.name, key: ref.key },
        });
    }
  }
  return undefined;
}

export const containerConfigError: Analyzer = {
  name: 'container-config',
  reads: { Pod: ['pods', 'replicaSets'] },
  // What the container references, to name the missing one when the kubelet's message does not.
  // Only a config error (not a runtime CreateContainerError) makes the Secrets worth reading: keys, never values.
  followUps: (context) => [
    ...ownerReads(context),
    ...(context.list('pods').some(namesConfig) ? (['configMaps', 'secrets'] as const) : []),
  ],
  analyze(context) {
    const pods = context.list('pods').filter((pod) => configContainer(pod));
    return groupByOwner(context, pods).map((group) => {
      const pod = group.pods[0]!;
      const status = configContainer(pod)!;
      const message: string = status.state.waiting.message ?? '';
      const fromMessage = missingReference(pod.metadata.namespace, message);
      const rootCause = fromMessage.object ? fromMessage : (missingFromSpec(context, pod) ?? fromMessage);
      const who = groupName(group.owner, pod);
      return podGroupFinding(group, pod, {
        code: 'ContainerConfigError',
        severity: 'critical',
        rootCause,
        ...inTwoForms({
          summary: {
            key: 'pods.cannotCreateContainer',
            params: { who, container: status.name, cause: detailTextOf(rootCause) },
          },
          evidence: [
            message
              ? {
                  key: 'pods.containerWaitingMessage',
                  params: {
                    pod: pod.metadata.name,
                    container: status.name,
                    reason: status.state.waiting.reason,
                    message: message.slice(0, 160),
                  },
                }
              : {
                  key: 'pods.containerWaiting',
                  params: {
                    pod: pod.metadata.name,
                    container: status.name,
                    reason: status.state.waiting.reason,
                  },
                },
            ...morePodsText(group, 'pods.moreAffected'),
          ],
          suggestions: rootCause.object
            ? [
                verbatim(
                  `kubectl -n ${pod.metadata.namespace} get ${rootCause.object.kind.toLowerCase()} ${rootCause.object.name}`,
                ),
                { key: 'pods.createOrFix', params: { kind: rootCause.object.kind } },
              ]
            : [verbatim(`kubectl -n ${pod.metadata.namespace} describe pod ${pod.metadata.name}`)],
        }),
      });
    });
  },
};
