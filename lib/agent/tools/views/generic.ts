// The view of any kind without its own: name, a one-word status and age; spec and status fields in describe.
import type { K8sObject } from '../../../cluster/index.ts';
import { age } from '../../render.ts';
import { type ConditionLike, conditionLines } from './fields.ts';
import { column, type KindView } from './view.ts';

export const nameColumn = column('NAME', (item) => item.metadata.name);
export const ageColumn = column('AGE', (item, now) => age(item.metadata.creationTimestamp, now));

/** Phase, the first false condition, Argo CD health/sync, a Job's counts: whatever says most in one cell. */
function shortStatus(item: K8sObject): string {
  const status = item.status;
  if (!status) return '-';
  if (typeof status.phase === 'string') return status.phase;
  const conditions: ConditionLike[] = status.conditions ?? [];
  const bad = conditions.find(
    (condition) =>
      condition.status === 'False' && !['Suspended', 'PodScheduled'].includes(condition.type ?? ''),
  );
  if (bad) return `${bad.type}=False${bad.reason ? `(${bad.reason})` : ''}`;
  if (status.health?.status) return `${status.health.status}/${status.sync?.status ?? '?'}`;
  if (status.succeeded || status.failed)
    return `succeeded=${status.succeeded ?? 0} failed=${status.failed ?? 0}`;
  return conditions.map((condition) => `${condition.type}=${condition.status}`).join(',') || '-';
}

export const genericView: KindView = {
  list: { columns: [nameColumn, column('STATUS', shortStatus), ageColumn] },
  describe(object) {
    const spec = object.spec ?? {};
    const status = object.status ?? {};
    const lines: string[] = [];
    for (const [key, value] of Object.entries(spec).slice(0, 12))
      lines.push(`spec.${key}: ${JSON.stringify(value).slice(0, 200)}`);
    for (const [key, value] of Object.entries(status)
      .filter(([key]) => key !== 'conditions')
      .slice(0, 12))
      lines.push(`status.${key}: ${JSON.stringify(value).slice(0, 200)}`);
    if (status.conditions?.length) lines.push('conditions:', ...conditionLines(status.conditions));
    return lines;
  },
};
