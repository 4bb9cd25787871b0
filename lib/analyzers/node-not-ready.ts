// NodeNotReady: a node's Ready condition is False or Unknown (kubelet down, network, runtime).
import { describeRef, refOf } from '../evidence/index.ts';
import { listText, type Text, verbatim } from '../i18n/index.ts';
import type { Finding } from '../report/index.ts';
import { sentences } from './texts.ts';
import type { Analyzer } from './types.ts';

export const nodeNotReady: Analyzer = {
  name: 'node-not-ready',
  // And the pods on the node (an alert on a Node lists only those).
  reads: { Node: ['nodes'] },
  // A Pending pod may wait for a node that is down; a pod whose Ready is Unknown lost its node.
  followUps: (context) =>
    context
      .list('pods')
      .some(
        (pod) =>
          pod.status?.phase === 'Pending' ||
          (pod.status?.conditions ?? []).some(
            (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'Unknown',
          ),
      )
      ? ['nodes']
      : [],
  analyze(context) {
    const findings: Finding[] = [];
    for (const node of context.list('nodes')) {
      const ready = (node.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
      if (!ready || ready.status === 'True') continue;
      const ref = refOf(node);
      const onNode = context.list('pods').filter((pod) => pod.spec?.nodeName === ref.name);
      const pods = onNode.length;
      const workloads = [...new Set(onNode.map((pod) => describeRef(context.ownerOf(pod) ?? refOf(pod))))];
      const summary: Text = {
        key: 'cluster.nodeNotReady',
        params: {
          node: ref.name,
          status: String(ready.status),
          reason: ready.reason || 'none',
          cordoned: node.spec?.unschedulable ? 'yes' : 'no',
          pods,
          workloads: workloads.length,
        },
      };
      const shown = listText('cluster.comma', workloads.slice(0, 4));
      const evidence: Text[] = [
        {
          key: 'cluster.conditionSince',
          params: {
            condition: 'Ready',
            status: String(ready.status),
            since: ready.lastTransitionTime ?? '?',
            message: String(ready.message ?? '').slice(0, 160),
          },
        },
        ...(pods
          ? [
              {
                key: 'cluster.podsOnNode' as const,
                params: {
                  pods,
                  workloads:
                    workloads.length > 4
                      ? {
                          key: 'cluster.andMore' as const,
                          params: { list: shown, count: workloads.length - 4 },
                        }
                      : shown,
                },
              },
            ]
          : []),
      ];
      const suggestions: Text[] = [
        verbatim(`kubectl describe node ${ref.name}`),
        { key: 'cluster.checkKubelet', params: { kubelet: 'kubelet' } },
      ];
      findings.push({
        code: 'NodeNotReady',
        severity: 'critical',
        object: ref,
        ...sentences(summary, evidence, suggestions),
      });
    }
    return findings;
  },
};
