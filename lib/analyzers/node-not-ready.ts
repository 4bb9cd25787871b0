// NodeNotReady: a node's Ready condition is False or Unknown (kubelet down, network, runtime).
import { count, describeRef, refOf } from '../evidence/index.ts';
import type { Finding } from '../report/index.ts';
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
      findings.push({
        code: 'NodeNotReady',
        severity: 'critical',
        object: ref,
        summary: `Node ${ref.name} is not ready (Ready=${ready.status}${ready.reason ? `, ${ready.reason}` : ''})${node.spec?.unschedulable ? ' and is cordoned' : ''}${pods ? `; ${pods} pod${pods === 1 ? '' : 's'} of ${workloads.length} workload${workloads.length === 1 ? '' : 's'} ${pods === 1 ? 'runs' : 'run'} there` : ''}.`,
        evidence: [
          `Ready=${ready.status} since ${ready.lastTransitionTime ?? '?'}: ${String(ready.message ?? '').slice(0, 160)}`,
          ...(pods
            ? [
                `${count(pods, 'pod')} on it, of ${workloads.slice(0, 4).join(', ')}${workloads.length > 4 ? ` and ${workloads.length - 4} more` : ''}`,
              ]
            : []),
        ],
        suggestions: [
          `kubectl describe node ${ref.name}`,
          'check the kubelet and container runtime on the node',
        ],
      });
    }
    return findings;
  },
};
