// Evicted: pods evicted by the kubelet (node pressure). Leftover evicted pods are a warning, not an outage.
import { groupByOwner, groupName, inTwoForms, ownerReads, podGroupFinding } from '../evidence/index.ts';
import { render, type Text } from '../i18n/index.ts';
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
      const count = group.pods.length;
      const lowOn: Text | undefined = node
        ? resource
          ? { key: 'pods.nodeLowOn', params: { node, resource } }
          : { key: 'pods.nodeLowOnResources', params: { node } }
        : undefined;
      const summary: Text = node
        ? resource
          ? { key: 'pods.evictedFromNodeLowOn', params: { count, who, node, resource } }
          : { key: 'pods.evictedFromNode', params: { count, who, node } }
        : resource
          ? { key: 'pods.evictedLowOn', params: { count, who, resource } }
          : { key: 'pods.evicted', params: { count, who } };
      return podGroupFinding(group, pod, {
        code: 'Evicted',
        severity: 'warning',
        ...(node && lowOn
          ? {
              rootCause: {
                code: 'NodePressure' as const,
                object: { kind: 'Node', name: node },
                detail: render(lowOn, 'en'),
                detailText: lowOn,
              },
            }
          : {}),
        ...inTwoForms({
          summary,
          evidence: [
            { key: 'pods.evictedPod', params: { pod: pod.metadata.name, message: message.slice(0, 160) } },
          ],
          suggestions: [
            {
              key: 'pods.cleanEvicted',
              params: {
                command: `kubectl -n ${pod.metadata.namespace} delete pod --field-selector=status.phase=Failed`,
              },
            },
            { key: 'pods.setRequests' },
          ],
        }),
      });
    });
  },
};
