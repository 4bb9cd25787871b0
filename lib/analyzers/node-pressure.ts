// NodePressure: a node reports memory, disk or PID pressure (and will evict pods).
import { refOf } from '../evidence/index.ts';
import { listText, type Text, verbatim } from '../i18n/index.ts';
import type { Finding } from '../report/index.ts';
import { sentences } from './texts.ts';
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
      const summary: Text = {
        key: 'cluster.nodePressure',
        params: {
          node: ref.name,
          conditions: listText(
            'cluster.comma',
            active.map((c: { type: string }) => c.type),
          ),
          kubelet: 'kubelet',
        },
      };
      const evidence = active.map(
        (c: { type: string; message?: string; lastTransitionTime?: string }): Text => ({
          key: 'cluster.conditionSince',
          params: {
            condition: c.type,
            status: 'True',
            since: c.lastTransitionTime ?? '?',
            message: String(c.message ?? '').slice(0, 120),
          },
        }),
      );
      const suggestions = [
        verbatim(`kubectl describe node ${ref.name}`),
        verbatim('kubectl top pods -A --sort-by=memory | head'),
      ];
      findings.push({
        code: 'NodePressure',
        severity: 'warning',
        object: ref,
        ...sentences(summary, evidence, suggestions),
      });
    }
    return findings;
  },
};
