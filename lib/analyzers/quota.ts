// QuotaExceeded: a controller cannot create pods because a ResourceQuota is used up (FailedCreate events).
import { type ClusterEvent, describeRef, refOf } from '../evidence/index.ts';
import type { Finding } from '../report/index.ts';
import type { Analyzer } from './types.ts';

export const quotaExceeded: Analyzer = {
  name: 'quota',
  // The controllers whose FailedCreate events name the quota, by the workload kind that owns them.
  reads: {
    Deployment: ['replicaSets', 'events'],
    StatefulSet: ['statefulSets', 'events'],
    DaemonSet: ['daemonSets', 'events'],
    Job: ['jobs', 'events'],
    ResourceQuota: ['resourceQuotas'],
  },
  followUps: (context) =>
    context.list('events').some((event) => /exceeded quota/i.test(String(event.message ?? event.note ?? '')))
      ? ['resourceQuotas']
      : [],
  analyze(context) {
    const findings: Finding[] = [];
    const controllers = [
      ...context.list('replicaSets'),
      ...context.list('statefulSets'),
      ...context.list('daemonSets'),
      ...context.list('jobs'),
    ];
    const seen = new Set<string>();
    for (const controller of controllers) {
      const event: ClusterEvent | undefined = context
        .eventsFor(refOf(controller))
        .find((e) => e.reason === 'FailedCreate' && /exceeded quota/i.test(e.message));
      if (!event) continue;
      const owner = context.ownerOf(controller) ?? refOf(controller);
      const key = `${owner.kind}/${owner.namespace}/${owner.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const quota = /exceeded quota: ([\w.-]+)/i.exec(event.message)?.[1];
      const detail =
        /requested: ([^,]+(?:,[^,]+)*?), used: ([^,]+(?:,[^,]+)*?), limited: ([^,]+(?:,[^,]+)*)/i.exec(
          event.message,
        );
      findings.push({
        code: 'QuotaExceeded',
        severity: 'critical',
        object: owner,
        owner,
        ...(quota
          ? {
              rootCause: {
                code: 'InsufficientResources' as const,
                object: {
                  kind: 'ResourceQuota',
                  ...(owner.namespace ? { namespace: owner.namespace } : {}),
                  name: quota,
                },
                detail: `ResourceQuota ${quota} is used up${detail ? ` (requested ${detail[1]}, used ${detail[2]}, limited ${detail[3]})` : ''}`,
              },
            }
          : {}),
        summary:
          `${describeRef(owner)} cannot create pods: ResourceQuota ${quota ?? ''} is exceeded.`.replace(
            '  ',
            ' ',
          ),
        evidence: [
          `event FailedCreate ×${event.count} on ${describeRef(refOf(controller))}: ${event.message.slice(0, 200)}`,
        ],
        suggestions: [
          `kubectl -n ${owner.namespace} describe resourcequota${quota ? ` ${quota}` : ''}`,
          'raise the quota or lower the requests',
        ],
      });
    }
    return findings;
  },
};
