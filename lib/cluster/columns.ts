// The columns `kubectl get` prints for each kind (server-side printing, meta.k8s.io/v1 Table), as a real v1.31
// API server defines them; the resource table (resources.ts) attaches them to their kinds.
import type { K8sObject } from './types.ts';

export interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  priority?: number;
  description: string;
  cell: (object: K8sObject, now: Date) => string | number;
}

/** Ages the way kubectl prints them (`45s`, `12m`, `3h4m`, `5d`). */
export function humanAge(from: string | undefined, now: Date): string {
  if (!from) return '<unknown>';
  const seconds = Math.max(0, Math.floor((now.getTime() - Date.parse(from)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return `${minutes}m${seconds % 60 ? `${seconds % 60}s` : ''}`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return `${hours}h${minutes % 60 ? `${minutes % 60}m` : ''}`;
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (days < 8) return `${days}d${hours % 24 ? `${hours % 24}h` : ''}`;
  if (days < 365 * 2) return `${days}d`;
  return `${Math.floor(days / 365)}y`;
}

const name: PrinterColumn = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: 'Name must be unique within a namespace.',
  cell: (o) => o.metadata.name,
};
const age: PrinterColumn = {
  name: 'Age',
  type: 'string',
  description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
  cell: (o, now) => humanAge(o.metadata.creationTimestamp, now),
};
const col = (
  title: string,
  cell: PrinterColumn['cell'],
  options: { type?: string; priority?: number } = {},
): PrinterColumn => ({
  name: title,
  type: options.type ?? 'string',
  description: title,
  cell,
  ...(options.priority ? { priority: options.priority } : {}),
});

// biome-ignore lint/suspicious/noExplicitAny: container statuses are raw API objects
type Status = any;

function podStatusReason(pod: K8sObject): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  let reason: string = pod.status?.reason ?? pod.status?.phase ?? 'Unknown';
  for (const status of (pod.status?.initContainerStatuses ?? []) as Status[]) {
    if (status.state?.terminated?.exitCode === 0) continue;
    if (status.state?.terminated) return `Init:${status.state.terminated.reason ?? 'Error'}`;
    if (status.state?.waiting?.reason && status.state.waiting.reason !== 'PodInitializing')
      return `Init:${status.state.waiting.reason}`;
  }
  let running = false;
  for (const status of [...((pod.status?.containerStatuses ?? []) as Status[])].reverse()) {
    if (status.state?.waiting?.reason) reason = status.state.waiting.reason;
    else if (status.state?.terminated?.reason) reason = status.state.terminated.reason;
    else if (status.state?.running && status.ready) running = true;
  }
  if (reason === 'Completed' && running) reason = 'Running';
  return reason;
}

function podRestarts(pod: K8sObject, now: Date): string {
  let restarts = 0;
  let last: string | undefined;
  for (const status of (pod.status?.containerStatuses ?? []) as Status[]) {
    restarts += status.restartCount ?? 0;
    const finished = status.lastState?.terminated?.finishedAt;
    if (finished && (!last || finished > last)) last = finished;
  }
  return restarts > 0 && last ? `${restarts} (${humanAge(last, now)} ago)` : String(restarts);
}

const ready = (o: K8sObject) => {
  const statuses = (o.status?.containerStatuses ?? []) as Status[];
  return `${statuses.filter((s) => s.ready).length}/${(o.spec?.containers ?? []).length}`;
};

/** What `kubectl get` shows for a kind the table gives no columns: its name and age. */
export const defaultColumns: PrinterColumn[] = [name, age];

/** The printer columns per kind, keyed like the resource table. */
export const printerColumns = {
  pods: [
    name,
    col('Ready', ready),
    col('Status', podStatusReason),
    col('Restarts', podRestarts),
    age,
    col('IP', (o) => o.status?.podIP ?? '<none>', { priority: 1 }),
    col('Node', (o) => o.spec?.nodeName ?? '<none>', { priority: 1 }),
    col('Nominated Node', (o) => o.status?.nominatedNodeName ?? '<none>', { priority: 1 }),
    col('Readiness Gates', () => '<none>', { priority: 1 }),
  ],
  deployments: [
    name,
    col('Ready', (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`),
    col('Up-to-date', (o) => o.status?.updatedReplicas ?? 0, { type: 'integer' }),
    col('Available', (o) => o.status?.availableReplicas ?? 0, { type: 'integer' }),
    age,
    col('Containers', (o) => containerField(o, 'name'), { priority: 1 }),
    col('Images', (o) => containerField(o, 'image'), { priority: 1 }),
    col('Selector', (o) => matchLabels(o), { priority: 1 }),
  ],
  replicaSets: [
    name,
    col('Desired', (o) => o.spec?.replicas ?? 1, { type: 'integer' }),
    col('Current', (o) => o.status?.replicas ?? 0, { type: 'integer' }),
    col('Ready', (o) => o.status?.readyReplicas ?? 0, { type: 'integer' }),
    age,
  ],
  statefulSets: [name, col('Ready', (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`), age],
  daemonSets: [
    name,
    col('Desired', (o) => o.status?.desiredNumberScheduled ?? 0, { type: 'integer' }),
    col('Current', (o) => o.status?.currentNumberScheduled ?? 0, { type: 'integer' }),
    col('Ready', (o) => o.status?.numberReady ?? 0, { type: 'integer' }),
    age,
  ],
  services: [
    name,
    col('Type', (o) => o.spec?.type ?? 'ClusterIP'),
    col('Cluster-IP', (o) => o.spec?.clusterIP ?? '<none>'),
    col(
      'External-IP',
      (o) =>
        (o.status?.loadBalancer?.ingress ?? []).map((i: Status) => i.ip ?? i.hostname).join(',') || '<none>',
    ),
    col(
      'Port(s)',
      (o) =>
        ((o.spec?.ports ?? []) as Status[])
          .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`)
          .join(',') || '<none>',
    ),
    age,
    col('Selector', (o) => labelsText(o.spec?.selector), { priority: 1 }),
  ],
  endpoints: [
    name,
    col('Endpoints', (o) => {
      const addresses = ((o.subsets ?? []) as Status[]).flatMap((s) =>
        (s.addresses ?? []).flatMap((a: Status) =>
          (s.ports ?? [{}]).map((p: Status) => (p.port ? `${a.ip}:${p.port}` : a.ip)),
        ),
      );
      return addresses.length > 0 ? addresses.join(',') : '<none>';
    }),
    age,
  ],
  nodes: [
    name,
    col('Status', (o) => {
      const condition = ((o.status?.conditions ?? []) as Status[]).find((c) => c.type === 'Ready');
      const state = condition?.status === 'True' ? 'Ready' : 'NotReady';
      return o.spec?.unschedulable ? `${state},SchedulingDisabled` : state;
    }),
    col(
      'Roles',
      (o) =>
        Object.keys(o.metadata.labels ?? {})
          .filter((k) => k.startsWith('node-role.kubernetes.io/'))
          .map((k) => k.slice('node-role.kubernetes.io/'.length))
          .join(',') || '<none>',
    ),
    age,
    col('Version', (o) => o.status?.nodeInfo?.kubeletVersion ?? ''),
    col('Internal-IP', (o) => nodeAddress(o, 'InternalIP'), { priority: 1 }),
    col('External-IP', (o) => nodeAddress(o, 'ExternalIP'), { priority: 1 }),
    col('OS-Image', (o) => o.status?.nodeInfo?.osImage ?? '<unknown>', { priority: 1 }),
    col('Kernel-Version', (o) => o.status?.nodeInfo?.kernelVersion ?? '<unknown>', { priority: 1 }),
    col('Container-Runtime', (o) => o.status?.nodeInfo?.containerRuntimeVersion ?? '<unknown>', {
      priority: 1,
    }),
  ],
  namespaces: [name, col('Status', (o) => o.status?.phase ?? 'Active'), age],
  events: [
    col('Last Seen', (o, now) => {
      const last = humanAge(o.lastTimestamp ?? o.eventTime ?? o.metadata.creationTimestamp, now);
      const count = o.count ?? o.series?.count ?? 1;
      return count > 1 ? `${last} (x${count} over ${humanAge(o.firstTimestamp ?? o.eventTime, now)})` : last;
    }),
    col('Type', (o) => o.type ?? ''),
    col('Reason', (o) => o.reason ?? ''),
    col(
      'Object',
      (o) => `${String(o.involvedObject?.kind ?? '').toLowerCase()}/${o.involvedObject?.name ?? ''}`,
    ),
    col('Message', (o) => o.message ?? ''),
  ],
  applications: [
    name,
    col('Sync Status', (o) => o.status?.sync?.status ?? ''),
    col('Health Status', (o) => o.status?.health?.status ?? ''),
    col('Revision', (o) => o.status?.sync?.revision ?? '', { priority: 1 }),
    age,
  ],
  persistentVolumeClaims: [
    name,
    col('Status', (o) => o.status?.phase ?? 'Pending'),
    col('Volume', (o) => o.spec?.volumeName ?? ''),
    col('Capacity', (o) => o.status?.capacity?.storage ?? ''),
    col('Access Modes', (o) => accessModes(o.status?.accessModes ?? [])),
    col('StorageClass', (o) => o.spec?.storageClassName ?? '<unset>'),
    col('VolumeAttributesClass', () => '<unset>'),
    age,
  ],
  jobs: [
    name,
    col('Status', (o) => {
      const conditions = (o.status?.conditions ?? []) as Status[];
      const has = (type: string) => conditions.some((c) => c.type === type && c.status === 'True');
      if (has('Failed')) return 'Failed';
      if (has('Complete')) return 'Complete';
      if (o.spec?.suspend) return 'Suspended';
      return 'Running';
    }),
    col('Completions', (o) => `${o.status?.succeeded ?? 0}/${o.spec?.completions ?? 1}`),
    col('Duration', (o, now) =>
      o.status?.startTime
        ? humanAge(o.status.startTime, o.status.completionTime ? new Date(o.status.completionTime) : now)
        : '',
    ),
    age,
  ],
  cronJobs: [
    name,
    col('Schedule', (o) => o.spec?.schedule ?? ''),
    col('Timezone', (o) => o.spec?.timeZone ?? '<none>'),
    col('Suspend', (o) => (o.spec?.suspend ? 'True' : 'False')),
    col('Active', (o) => (o.status?.active ?? []).length, { type: 'integer' }),
    col('Last Schedule', (o, now) =>
      o.status?.lastScheduleTime ? humanAge(o.status.lastScheduleTime, now) : '<none>',
    ),
    age,
  ],
  horizontalPodAutoscalers: [
    name,
    col('Reference', (o) => `${o.spec?.scaleTargetRef?.kind ?? ''}/${o.spec?.scaleTargetRef?.name ?? ''}`),
    col('Targets', (o) => hpaTargets(o)),
    col('MinPods', (o) => o.spec?.minReplicas ?? 1, { type: 'integer' }),
    col('MaxPods', (o) => o.spec?.maxReplicas ?? 0, { type: 'integer' }),
    col('Replicas', (o) => o.status?.currentReplicas ?? 0, { type: 'integer' }),
    age,
  ],
  ingresses: [
    name,
    col('Class', (o) => o.spec?.ingressClassName ?? '<none>'),
    col('Hosts', (o) => ((o.spec?.rules ?? []) as Status[]).map((r) => r.host ?? '*').join(',') || '*'),
    col('Address', (o) =>
      ((o.status?.loadBalancer?.ingress ?? []) as Status[]).map((i) => i.ip ?? i.hostname).join(','),
    ),
    col('Ports', (o) => ((o.spec?.tls ?? []).length > 0 ? '80, 443' : '80')),
    age,
  ],
  configMaps: [
    name,
    col('Data', (o) => Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length, {
      type: 'integer',
    }),
    age,
  ],
  secrets: [
    name,
    col('Type', (o) => o.type ?? 'Opaque'),
    col('Data', (o) => Object.keys(o.data ?? {}).length, { type: 'integer' }),
    age,
  ],
} satisfies Record<string, PrinterColumn[]>;

function accessModes(modes: string[]): string {
  const short: Record<string, string> = {
    ReadWriteOnce: 'RWO',
    ReadOnlyMany: 'ROX',
    ReadWriteMany: 'RWX',
    ReadWriteOncePod: 'RWOP',
  };
  return modes.map((mode) => short[mode] ?? mode).join(',');
}

function hpaTargets(o: K8sObject): string {
  const current = (o.status?.currentMetrics ?? []) as Status[];
  const targets = ((o.spec?.metrics ?? []) as Status[]).map((metric, index) => {
    if (metric.type !== 'Resource') return `<${metric.type}>`;
    const name = metric.resource?.name ?? '';
    const want = metric.resource?.target?.averageUtilization;
    const have = current[index]?.resource?.current?.averageUtilization;
    return `${name}: ${have === undefined ? '<unknown>' : `${have}%`}/${want === undefined ? '<none>' : `${want}%`}`;
  });
  return targets.join(', ') || '<none>';
}

function nodeAddress(o: K8sObject, type: string): string {
  return ((o.status?.addresses ?? []) as Status[]).find((a) => a.type === type)?.address ?? '<none>';
}

function containerField(o: K8sObject, field: 'name' | 'image'): string {
  return ((o.spec?.template?.spec?.containers ?? []) as Status[]).map((c) => c[field]).join(',');
}

function labelsText(labels: Record<string, string> | undefined): string {
  const entries = Object.entries(labels ?? {});
  return entries.length > 0 ? entries.map(([k, v]) => `${k}=${v}`).join(',') : '<none>';
}

function matchLabels(o: K8sObject): string {
  return labelsText(o.spec?.selector?.matchLabels);
}
