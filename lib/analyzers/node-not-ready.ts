// NodeNotReady: a node's Ready condition is False or Unknown (kubelet down, network, runtime).
import type { Finding } from '../report/index.ts';
import { refOf } from './context.ts';
import type { Analyzer } from './types.ts';

export const nodeNotReady: Analyzer = {
  name: 'node-not-ready',
  analyze(context) {
    const findings: Finding[] = [];
    for (const node of context.list('nodes')) {
      const ready = (node.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
      if (!ready || ready.status === 'True') continue;
      const ref = refOf(node);
      const pods = context.list('pods').filter((pod) => pod.spec?.nodeName === ref.name).length;
      findings.push({
        code: 'NodeNotReady',
        severity: 'critical',
        object: ref,
        summary: `Node ${ref.name} is not ready (Ready=${ready.status}${ready.reason ? `, ${ready.reason}` : ''})${node.spec?.unschedulable ? ' and is cordoned' : ''}.`,
        evidence: [
          `Ready=${ready.status} since ${ready.lastTransitionTime ?? '?'}: ${String(ready.message ?? '').slice(0, 160)}`,
          ...(pods ? [`${pods} pod(s) scheduled on it`] : []),
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
