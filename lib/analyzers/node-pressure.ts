// NodePressure: a node reports memory, disk or PID pressure (and will evict pods).
import { refOf } from '../evidence/index.ts';
import type { Finding } from '../report/index.ts';
import type { Analyzer } from './types.ts';

const PRESSURES = ['MemoryPressure', 'DiskPressure', 'PIDPressure'];

export const nodePressure: Analyzer = {
  name: 'node-pressure',
  reads: { Node: ['nodes'] },
  // An evicted pod was pushed out by a node under pressure.
  followUps: (context) =>
    context.list('pods').some((pod) => pod.status?.reason === 'Evicted') ? ['nodes'] : [],
  analyze(context) {
    const findings: Finding[] = [];
    for (const node of context.list('nodes')) {
      const active = (node.status?.conditions ?? []).filter(
        (c: { type: string; status: string }) => PRESSURES.includes(c.type) && c.status === 'True',
      );
      if (active.length === 0) continue;
      const ref = refOf(node);
      const names = active.map((c: { type: string }) => c.type).join(', ');
      findings.push({
        code: 'NodePressure',
        severity: 'warning',
        object: ref,
        summary: `Node ${ref.name} reports ${names}; the kubelet evicts pods until it recovers.`,
        evidence: active.map(
          (c: { type: string; message?: string; lastTransitionTime?: string }) =>
            `${c.type}=True since ${c.lastTransitionTime ?? '?'}: ${String(c.message ?? '').slice(0, 120)}`,
        ),
        suggestions: [`kubectl describe node ${ref.name}`, `kubectl top pods -A --sort-by=memory | head`],
      });
    }
    return findings;
  },
};
