// Evicted: pods evicted by the kubelet (node pressure). Leftover evicted pods are a warning, not an outage.
import { groupByOwner, groupName, ownerReads, podGroupFinding } from '../evidence/index.ts';
import type { Analyzer } from './types.ts';

export const evicted: Analyzer = {
  name: 'evicted',
  reads: { Pod: ['pods', 'replicaSets'] },
  followUps: ownerReads,
  analyze(context) {
    const pods = context
      .list('pods')
      .filter((pod) => pod.status?.phase === 'Failed' && pod.status?.reason === 'Evicted');
    return groupByOwner(context, pods).map((group) => {
      const pod = group.pods[0]!;
      const node = pod.spec?.nodeName;
      const message: string = pod.status?.message ?? '';
      const resource = /low on resource: ([\w-]+)/i.exec(message)?.[1];
      const who = groupName(group.owner, pod);
      return podGroupFinding(group, pod, {
        code: 'Evicted',
        severity: 'warning',
        ...(node
          ? {
              rootCause: {
                code: 'NodePressure' as const,
                object: { kind: 'Node', name: node },
                detail: `node ${node} was low on ${resource ?? 'resources'}`,
              },
            }
          : {}),
        summary: `${group.pods.length} pod${group.pods.length === 1 ? '' : 's'} of ${who} ${group.pods.length === 1 ? 'was' : 'were'} evicted${node ? ` from node ${node}` : ''}${resource ? ` (low on ${resource})` : ''}.`,
        evidence: [`pod ${pod.metadata.name}: Failed, reason Evicted: ${message.slice(0, 160)}`],
        suggestions: [
          `kubectl -n ${pod.metadata.namespace} delete pod --field-selector=status.phase=Failed (cleans up evicted pods)`,
          'set memory/ephemeral-storage requests and limits so the scheduler accounts for them',
        ],
      });
    });
  },
};
