// FailedMount: a pod's volume cannot be mounted or attached (missing ConfigMap/Secret, stuck attachment).
import type { ResourceName } from '../cluster/index.ts';
import { groupByOwner, groupName, ownerReads, podGroupFinding, refOf } from '../evidence/index.ts';
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
        summary: `${who} is stuck in ContainerCreating: a volume cannot be mounted${missing ? ` (${missing.detail})` : ''}.`,
        evidence: [`event ${event.reason} ×${event.count}: ${event.message.slice(0, 200)}`],
        suggestions: [`kubectl -n ${pod.metadata.namespace} describe pod ${pod.metadata.name}`],
      });
    });
  },
};
