// FailedMount: a pod's volume cannot be mounted or attached (missing ConfigMap/Secret, stuck attachment).
import type { ResourceName } from '../cluster/index.ts';
import {
  detailTextOf,
  groupByOwner,
  groupName,
  inTwoForms,
  ownerReads,
  podGroupFinding,
  refOf,
} from '../evidence/index.ts';
import { verbatim } from '../i18n/index.ts';
import { missingReference } from './container-config.ts';
import type { Analyzer } from './types.ts';

const REASONS = new Set(['FailedMount', 'FailedAttachVolume']);

export const failedMount: Analyzer = {
  name: 'failed-mount',
  reads: { Pod: ['pods', 'events'] },
  // A mount failing names a ConfigMap/Secret or a claim: read what it names.
  followUps(context) {
    const wanted: ResourceName[] = ownerReads(context);
    for (const event of context.list('events')) {
      const message = String(event.message ?? event.note ?? '');
      if (event.reason === 'FailedMount' && /configmap|secret/i.test(message))
        wanted.push('configMaps', 'secrets');
      if (REASONS.has(event.reason)) wanted.push('persistentVolumeClaims');
    }
    return wanted;
  },
  analyze(context) {
    const pods = context
      .list('pods')
      .filter(
        (pod) =>
          pod.status?.phase === 'Pending' &&
          !pod.metadata.deletionTimestamp &&
          context.eventsFor(refOf(pod)).some((event) => REASONS.has(event.reason)),
      );
    return groupByOwner(context, pods).map((group) => {
      const pod = group.pods[0]!;
      const event = context.eventsFor(refOf(pod)).find((e) => REASONS.has(e.reason))!;
      const missing = /not found|couldn't find key/i.test(event.message)
        ? missingReference(pod.metadata.namespace, event.message)
        : undefined;
      const who = groupName(group.owner, pod);
      return podGroupFinding(group, pod, {
        code: 'FailedMount',
        severity: 'critical',
        rootCause: missing,
        ...inTwoForms({
          summary: missing
            ? { key: 'pods.mountFailsBecause', params: { who, cause: detailTextOf(missing) } }
            : { key: 'pods.mountFails', params: { who } },
          evidence: [
            {
              key: 'pods.event',
              params: {
                reason: event.reason,
                count: String(event.count),
                message: event.message.slice(0, 200),
              },
            },
          ],
          suggestions: [verbatim(`kubectl -n ${pod.metadata.namespace} describe pod ${pod.metadata.name}`)],
        }),
      });
    });
  },
};
