// Deployments, StatefulSets, DaemonSets and ReplicaSets: replica counts (a DaemonSet's scheduled counts in the
// same columns), images; describe adds selector, strategy, revision and each container's env and limits.
import type { K8sObject } from '../../../cluster/index.ts';
import { describeEnv } from '../../render.ts';
import { type ContainerSpecLike, conditionLines, images, labels } from './fields.ts';
import { ageColumn, nameColumn } from './generic.ts';
import { column, type KindView } from './view.ts';

const desired = (item: K8sObject) =>
  Number(item.spec?.replicas ?? item.status?.desiredNumberScheduled ?? item.status?.replicas ?? 0);
const ready = (item: K8sObject) => item.status?.readyReplicas ?? item.status?.numberReady ?? 0;

export const workloadView: KindView = {
  list: {
    columns: [
      nameColumn,
      column('READY', (item) => `${ready(item)}/${desired(item)}`),
      column('UP-TO-DATE', (item) =>
        String(item.status?.updatedReplicas ?? item.status?.updatedNumberScheduled ?? 0),
      ),
      column('AVAILABLE', (item) =>
        String(item.status?.availableReplicas ?? item.status?.numberAvailable ?? 0),
      ),
      ageColumn,
      column('IMAGES', (item) => images(item.spec?.template?.spec)),
    ],
    // Most replicas missing first, so a cut list still shows the broken workloads.
    order: (items) =>
      [...items].sort((a, b) => Number(ready(a)) - desired(a) - (Number(ready(b)) - desired(b))),
  },
  describe(object) {
    const spec = object.spec ?? {};
    const status = object.status ?? {};
    const lines = [
      `replicas: desired ${spec.replicas ?? status.desiredNumberScheduled ?? '?'}, updated ${status.updatedReplicas ?? status.updatedNumberScheduled ?? 0}, ready ${status.readyReplicas ?? status.numberReady ?? 0}, available ${status.availableReplicas ?? status.numberAvailable ?? 0}, unavailable ${status.unavailableReplicas ?? status.numberUnavailable ?? 0}`,
    ];
    if (spec.selector?.matchLabels) lines.push(`selector: ${labels(spec.selector.matchLabels)}`);
    if (spec.strategy?.type) lines.push(`strategy: ${spec.strategy.type}`);
    const revision = object.metadata.annotations?.['deployment.kubernetes.io/revision'];
    if (revision) lines.push(`revision: ${revision}`);
    for (const container of (spec.template?.spec?.containers ?? []) as ContainerSpecLike[]) {
      lines.push(`container ${container.name}: image ${container.image}`);
      if (container.env?.length)
        lines.push(`  env: ${container.env.slice(0, 20).map(describeEnv).join(', ')}`);
      const limits = container.resources?.limits;
      if (limits) lines.push(`  limits: ${labels(limits)}`);
    }
    if (status.conditions?.length) lines.push('conditions:', ...conditionLines(status.conditions));
    return lines;
  },
};
