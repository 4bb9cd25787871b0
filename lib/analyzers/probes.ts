// ProbeFailure: a running container fails its readiness/liveness probe (Unhealthy events, ready=false).
import {
  containerStatuses,
  groupByOwner,
  groupName,
  isReady,
  morePods,
  ownerReads,
  podGroupFinding,
  refOf,
} from '../evidence/index.ts';
import { crashingContainer } from './crashloop.ts';
import type { Analyzer } from './types.ts';

export const probeFailure: Analyzer = {
  name: 'probes',
  reads: { Pod: ['pods', 'events', 'replicaSets'] },
  followUps: ownerReads,
  analyze(context) {
    const suspects = context.list('pods').filter((pod) => {
      if (pod.status?.phase !== 'Running' || isReady(pod) || pod.metadata.deletionTimestamp) return false;
      if (crashingContainer(context, pod)) return false; // the crash loop is the finding
      const running = containerStatuses(pod).some((status) => status.state?.running && !status.ready);
      return running && context.eventsFor(refOf(pod)).some((event) => event.reason === 'Unhealthy');
    });
    return groupByOwner(context, suspects).map((group) => {
      const pod = group.pods[0]!;
      const events = context.eventsFor(refOf(pod)).filter((event) => event.reason === 'Unhealthy');
      const event = events[0]!;
      const kind = /liveness/i.test(event.message)
        ? 'liveness'
        : /startup/i.test(event.message)
          ? 'startup'
          : 'readiness';
      const who = groupName(group.owner, pod);
      const detail = event.message.replace(/^(Readiness|Liveness|Startup) probe failed:\s*/i, '');
      return podGroupFinding(group, pod, {
        code: 'ProbeFailure',
        severity: 'critical',
        summary: `${who} is running but not ready: its ${kind} probe fails (${detail.slice(0, 120)}).`,
        evidence: [
          `pod ${pod.metadata.name}: Running, Ready=False`,
          `event Unhealthy ×${event.count}: ${event.message.slice(0, 160)}`,
          ...morePods(group, `not ready`),
        ],
        suggestions: [
          `kubectl -n ${pod.metadata.namespace} describe pod ${pod.metadata.name}`,
          'check the probe path/port against what the app serves, and its timeouts',
        ],
      });
    });
  },
};
