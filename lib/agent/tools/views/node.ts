// Nodes: readiness, pressure conditions and taints (why pods do not schedule), allocatable and cordon in describe.
import { type ConditionLike, conditionLines, labels, taints } from './fields.ts';
import { ageColumn, nameColumn } from './generic.ts';
import { column, type KindView } from './view.ts';

export const nodeView: KindView = {
  list: {
    columns: [
      nameColumn,
      column('STATUS', (item) => {
        const ready = ((item.status?.conditions ?? []) as ConditionLike[]).find((c) => c.type === 'Ready');
        return ready?.status === 'True' ? 'Ready' : `NotReady(${ready?.status ?? '?'})`;
      }),
      ageColumn,
      column(
        'PRESSURE',
        (item) =>
          ((item.status?.conditions ?? []) as ConditionLike[])
            .filter((condition) => condition.type?.endsWith('Pressure') && condition.status === 'True')
            .map((condition) => condition.type)
            .join(',') || '-',
      ),
      column('TAINTS', (item) => taints(item, ',') || '-'),
    ],
  },
  describe(object) {
    const spec = object.spec ?? {};
    const status = object.status ?? {};
    const lines = ['conditions:', ...conditionLines(status.conditions)];
    if (status.allocatable) lines.push(`allocatable: ${labels(status.allocatable)}`);
    if (spec.taints?.length) lines.push(`taints: ${taints(object, ', ')}`);
    if (spec.unschedulable) lines.push('unschedulable: true (cordoned)');
    return lines;
  },
};
