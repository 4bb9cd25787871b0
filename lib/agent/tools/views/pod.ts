// Pods: kubectl's READY/STATUS/RESTARTS, unhealthy first; describe shows each container's state, last crash,
// resources, command, env (sensitive values masked), probes, volumes and the conditions that are not true.
import type { K8sObject } from '../../../cluster/index.ts';
import { describeEnv, podReady, podRestarts, podStatus, podUnhealthy } from '../../render.ts';
import {
  type ContainerSpecLike,
  type ContainerStatusLike,
  conditionLines,
  labels,
  probeText,
  stateText,
} from './fields.ts';
import { ageColumn, nameColumn } from './generic.ts';
import { column, type KindView } from './view.ts';

function containerLines(role: string, container: ContainerSpecLike, state?: ContainerStatusLike): string[] {
  const lines = [`${role} ${container.name}: image ${container.image}`];
  if (state) {
    lines.push(
      `  state: ${stateText(state.state)}; ready=${state.ready ?? false}; restarts=${state.restartCount ?? 0}`,
    );
    if (state.lastState && Object.keys(state.lastState).length > 0)
      lines.push(`  last state: ${stateText(state.lastState)}`);
  }
  const limits = container.resources?.limits;
  const requests = container.resources?.requests;
  if (limits || requests) lines.push(`  resources: requests ${labels(requests)} limits ${labels(limits)}`);
  if (container.command || container.args)
    lines.push(
      `  command: ${[...(container.command ?? []), ...(container.args ?? [])].join(' ').slice(0, 200)}`,
    );
  if (container.env?.length) lines.push(`  env: ${container.env.slice(0, 20).map(describeEnv).join(', ')}`);
  if (container.envFrom?.length)
    lines.push(
      `  envFrom: ${container.envFrom
        .map((source: { configMapRef?: { name: string }; secretRef?: { name: string } }) =>
          source.configMapRef ? `configmap ${source.configMapRef.name}` : `secret ${source.secretRef?.name}`,
        )
        .join(', ')}`,
    );
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const value = container[probe];
    if (value) lines.push(`  ${probe}: ${probeText(value)}`);
  }
  return lines;
}

function volumeText(volume: Record<string, { claimName?: string; name?: string; secretName?: string }>) {
  const source = volume.persistentVolumeClaim?.claimName
    ? `pvc ${volume.persistentVolumeClaim.claimName}`
    : volume.configMap?.name
      ? `configmap ${volume.configMap.name}`
      : volume.secret?.secretName
        ? `secret ${volume.secret.secretName}`
        : undefined;
  return source ? `${volume.name}(${source})` : undefined;
}

export const podView: KindView = {
  list: {
    columns: [
      nameColumn,
      column('READY', podReady),
      column('STATUS', podStatus),
      column('RESTARTS', (pod) => String(podRestarts(pod))),
      ageColumn,
      column('NODE', (pod) => String(pod.spec?.nodeName ?? '')),
    ],
    order: (items: K8sObject[]) => [
      ...items.filter(podUnhealthy),
      ...items.filter((item) => !podUnhealthy(item)),
    ],
    summary: (items: K8sObject[]) => `; ${items.filter(podUnhealthy).length} not running/ready or restarting`,
    needingALook: (items: K8sObject[]) => items.filter(podUnhealthy).length,
  },
  describe(object) {
    const spec = object.spec ?? {};
    const status = object.status ?? {};
    const lines = [
      `status: ${podStatus(object)} phase=${status.phase ?? '?'} node=${spec.nodeName ?? '-'} ready=${podReady(object)}`,
    ];
    if (status.message) lines.push(`message: ${status.message}`);
    const statuses = new Map<string, ContainerStatusLike>(
      [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])].map(
        (entry: ContainerStatusLike) => [entry.name, entry],
      ),
    );
    for (const [role, list] of [
      ['init container', spec.initContainers ?? []],
      ['container', spec.containers ?? []],
    ] as const)
      for (const container of list as ContainerSpecLike[])
        lines.push(...containerLines(role, container, statuses.get(container.name)));
    const volumes = (spec.volumes ?? []).map(volumeText).filter(Boolean);
    if (volumes.length > 0) lines.push(`volumes: ${volumes.join(', ')}`);
    const bad = (status.conditions ?? []).filter(
      (condition: { status?: string }) => condition.status !== 'True',
    );
    if (bad.length > 0) lines.push('conditions not true:', ...conditionLines(bad));
    return lines;
  },
};
