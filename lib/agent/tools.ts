// The model's tools: read-only views of the cluster, each answering compact capped text, and `propose_action`,
// which only records a request for a person to approve.

import { actionNames } from '../actions/index.ts';
import { type ClusterReader, type K8sObject, type ResourceType, resources } from '../cluster/index.ts';
import type { Finding, Scope } from '../report/index.ts';
import { redactText } from '../security/index.ts';
import { ProposedAction, proposedActionJsonSchema } from './answer.ts';
import type { ToolSpec } from './llm.ts';
import {
  age,
  capText,
  describeEnv,
  podReady,
  podRestarts,
  podStatus,
  podUnhealthy,
  renderFindings,
  table,
} from './render.ts';

/** Runs the rule-based analyzers on a scope (the diagnosis engine, injected so tests and the CLI can choose). */
export type AnalyzeScope = (scope: Scope) => Promise<Finding[]>;

export interface ToolContext {
  reader: ClusterReader;
  analyze?: AnalyzeScope;
  /** Per tool result, in tokens. */
  maxTokens: number;
  /** Decides whether a proposal may stand; returns the reason when it may not. */
  vetProposal(proposal: ProposedAction): string | undefined;
  /** Records an accepted proposal; returns its id. */
  addProposal(proposal: ProposedAction): string;
}

const str = { type: 'string' } as const;

export const toolSpecs: ToolSpec[] = [
  {
    name: 'list_resources',
    description:
      'List objects of one kind as a table (unhealthy first). Narrow with namespace and labelSelector. Secrets show names only.',
    parameters: {
      type: 'object',
      properties: {
        kind: {
          ...str,
          description: 'e.g. Pod, Deployment, Service, Node, PersistentVolumeClaim, Ingress, Job',
        },
        namespace: { ...str, description: 'omit for all namespaces' },
        labelSelector: { ...str, description: 'e.g. app=payment' },
      },
      required: ['kind'],
    },
  },
  {
    name: 'describe_object',
    description:
      'Key fields of one object (status, containers, conditions, selectors) and its recent events.',
    parameters: {
      type: 'object',
      properties: { kind: str, namespace: str, name: str },
      required: ['kind', 'name'],
    },
  },
  {
    name: 'get_logs',
    description:
      'Log lines of a pod container. previous=true reads the last crashed instance. Use grep and tail to keep it short.',
    parameters: {
      type: 'object',
      properties: {
        namespace: str,
        pod: str,
        container: str,
        previous: { type: 'boolean' },
        tail: { type: 'integer', description: 'last N lines (default 80, max 500)' },
        grep: { ...str, description: 'keep only lines containing this text (case-insensitive)' },
      },
      required: ['namespace', 'pod'],
    },
  },
  {
    name: 'get_events',
    description:
      'Recent events, newest first. Filter by namespace, object name and type (Warning or Normal).',
    parameters: {
      type: 'object',
      properties: { namespace: str, name: { ...str, description: 'involved object name' }, type: str },
    },
  },
  {
    name: 'run_analyzers',
    description: 'Run the rule-based analyzers on a namespace or one object and return their findings.',
    parameters: {
      type: 'object',
      properties: { namespace: str, kind: str, name: str },
    },
  },
  {
    name: 'propose_action',
    description: `Propose ${actionNames.slice(0, -1).join(', ')} or ${actionNames.at(-1)} for a person to approve in the chat. It never runs anything itself. Only when the findings clearly call for it or the user asked.`,
    parameters: proposedActionJsonSchema,
  },
];

const aliases: Record<string, keyof typeof resources> = {
  po: 'pods',
  deploy: 'deployments',
  svc: 'services',
  ep: 'endpoints',
  ns: 'namespaces',
  no: 'nodes',
  pvc: 'persistentVolumeClaims',
  pv: 'persistentVolumes',
  cm: 'configMaps',
  sts: 'statefulSets',
  ds: 'daemonSets',
  rs: 'replicaSets',
  hpa: 'horizontalPodAutoscalers',
  ing: 'ingresses',
  cj: 'cronJobs',
  pdb: 'podDisruptionBudgets',
  netpol: 'networkPolicies',
  quota: 'resourceQuotas',
  app: 'applications',
};

/** Finds a resource type by kind, plural or kubectl short name, case-insensitively. */
export function resourceFor(kind: string): ResourceType | undefined {
  const wanted = kind.trim().toLowerCase();
  const alias = aliases[wanted];
  if (alias) return resources[alias];
  return Object.values(resources).find(
    (resource) =>
      resource.kind.toLowerCase() === wanted ||
      resource.plural === wanted ||
      `${resource.kind.toLowerCase()}s` === wanted,
  );
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

/** Runs one tool call; every failure becomes a line the model can act on, never an exception. */
export async function runTool(
  name: string,
  args: Record<string, unknown>,
  context: ToolContext,
): Promise<string> {
  try {
    switch (name) {
      case 'list_resources':
        return await listResources(args, context);
      case 'describe_object':
        return await describeObject(args, context);
      case 'get_logs':
        return await getLogs(args, context);
      case 'get_events':
        return await getEvents(args, context);
      case 'run_analyzers':
        return await runAnalyzers(args, context);
      case 'propose_action':
        return proposeAction(args, context);
      default:
        return `error: no tool named "${name}". Tools: ${toolSpecs.map((tool) => tool.name).join(', ')}.`;
    }
  } catch (error) {
    return `error: ${name} failed: ${redactText(error instanceof Error ? error.message : String(error)).slice(0, 300)}`;
  }
}

const LIST_FETCH_LIMIT = 500;

async function listResources(args: Record<string, unknown>, context: ToolContext): Promise<string> {
  const kind = text(args.kind) ?? '';
  const resource = resourceFor(kind);
  if (!resource)
    return `error: unknown kind "${kind}". Use a built-in kind such as Pod, Deployment, Service, Node.`;
  const namespace = text(args.namespace);
  const labelSelector = text(args.labelSelector);
  const items = await context.reader.list(resource, {
    ...(namespace ? { namespace } : {}),
    ...(labelSelector ? { labelSelector } : {}),
    limit: LIST_FETCH_LIMIT,
    maxItems: LIST_FETCH_LIMIT,
  });
  const now = clusterNow(context.reader);
  const where = `${resource.kind} ${namespace ? `in ${namespace}` : 'in all namespaces'}${labelSelector ? ` with ${labelSelector}` : ''}`;
  if (items.length === 0) return `no ${where}`;
  const more = items.length >= LIST_FETCH_LIMIT ? ` (first ${LIST_FETCH_LIMIT} read; more exist)` : '';
  const withNs = !namespace && resource.namespaced;
  const nsCell = (item: K8sObject) => (withNs ? [item.metadata.namespace ?? ''] : []);
  const nsHead = withNs ? ['NAMESPACE'] : [];
  let header: string[];
  let rows: string[][];
  let headline = `${items.length} ${where}${more}`;
  if (resource.kind === 'Pod') {
    const unhealthy = items.filter(podUnhealthy);
    headline += `; ${unhealthy.length} not running/ready or restarting`;
    const ordered = [...unhealthy, ...items.filter((item) => !podUnhealthy(item))];
    header = [...nsHead, 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'NODE'];
    rows = ordered.map((pod) => [
      ...nsCell(pod),
      pod.metadata.name,
      podReady(pod),
      podStatus(pod),
      String(podRestarts(pod)),
      age(pod.metadata.creationTimestamp, now),
      String(pod.spec?.nodeName ?? ''),
    ]);
  } else if (['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet'].includes(resource.kind)) {
    header = [...nsHead, 'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'IMAGES'];
    const desired = (item: K8sObject) =>
      Number(item.spec?.replicas ?? item.status?.desiredNumberScheduled ?? item.status?.replicas ?? 0);
    const ordered = [...items].sort(
      (a, b) =>
        Number(b.status?.readyReplicas ?? b.status?.numberReady ?? 0) -
        desired(b) -
        (Number(a.status?.readyReplicas ?? a.status?.numberReady ?? 0) - desired(a)),
    );
    rows = ordered.map((item) => [
      ...nsCell(item),
      item.metadata.name,
      `${item.status?.readyReplicas ?? item.status?.numberReady ?? 0}/${desired(item)}`,
      String(item.status?.updatedReplicas ?? item.status?.updatedNumberScheduled ?? 0),
      String(item.status?.availableReplicas ?? item.status?.numberAvailable ?? 0),
      age(item.metadata.creationTimestamp, now),
      images(item.spec?.template?.spec),
    ]);
  } else if (resource.kind === 'Service') {
    header = [...nsHead, 'NAME', 'TYPE', 'PORTS', 'SELECTOR'];
    rows = items.map((item) => [
      ...nsCell(item),
      item.metadata.name,
      String(item.spec?.type ?? 'ClusterIP'),
      (item.spec?.ports ?? [])
        .map(
          (port: { port?: number; targetPort?: unknown; protocol?: string }) =>
            `${port.port}→${port.targetPort ?? port.port}`,
        )
        .join(','),
      labels(item.spec?.selector),
    ]);
  } else if (resource.kind === 'Node') {
    header = ['NAME', 'STATUS', 'AGE', 'PRESSURE', 'TAINTS'];
    rows = items.map((item) => {
      const conditions: { type?: string; status?: string }[] = item.status?.conditions ?? [];
      const ready = conditions.find((condition) => condition.type === 'Ready');
      return [
        item.metadata.name,
        ready?.status === 'True' ? 'Ready' : `NotReady(${ready?.status ?? '?'})`,
        age(item.metadata.creationTimestamp, now),
        conditions
          .filter((condition) => condition.type?.endsWith('Pressure') && condition.status === 'True')
          .map((condition) => condition.type)
          .join(',') || '-',
        (item.spec?.taints ?? [])
          .map((taint: { key?: string; effect?: string }) => `${taint.key}:${taint.effect}`)
          .join(',') || '-',
      ];
    });
  } else if (resource.kind === 'Secret') {
    // Values never leave this function: names, types and key names only.
    header = [...nsHead, 'NAME', 'TYPE', 'KEYS'];
    rows = items.map((item) => [
      ...nsCell(item),
      item.metadata.name,
      String(item.type ?? ''),
      Object.keys(item.data ?? {}).join(','),
    ]);
  } else {
    header = [...nsHead, 'NAME', 'STATUS', 'AGE'];
    rows = items.map((item) => [
      ...nsCell(item),
      item.metadata.name,
      shortStatus(item),
      age(item.metadata.creationTimestamp, now),
    ]);
  }
  return capText(
    redactText(`${headline}\n${table(header, rows)}`),
    context.maxTokens,
    'Narrow with namespace or labelSelector, or describe_object one of the rows shown.',
  );
}

// biome-ignore lint/suspicious/noExplicitAny: pod spec from the API
function images(podSpec: any): string {
  return (podSpec?.containers ?? []).map((container: { image?: string }) => container.image ?? '?').join(',');
}

function labels(selector: Record<string, string> | undefined): string {
  return Object.entries(selector ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

function shortStatus(item: K8sObject): string {
  const status = item.status;
  if (!status) return '-';
  if (typeof status.phase === 'string') return status.phase;
  const conditions: { type?: string; status?: string; reason?: string }[] = status.conditions ?? [];
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

function clusterNow(reader: ClusterReader): number {
  const server = reader.stats.serverTime ? Date.parse(reader.stats.serverTime) : Number.NaN;
  return Number.isNaN(server) ? Date.now() : server;
}

async function describeObject(args: Record<string, unknown>, context: ToolContext): Promise<string> {
  const kind = text(args.kind) ?? '';
  const name = text(args.name);
  const resource = resourceFor(kind);
  if (!resource) return `error: unknown kind "${kind}".`;
  if (!name) return 'error: describe_object needs a name.';
  const namespace = resource.namespaced ? text(args.namespace) : undefined;
  if (resource.namespaced && !namespace) return `error: ${resource.kind} is namespaced; give its namespace.`;
  const object = await context.reader.get(resource, namespace, name);
  if (!object) return `${resource.kind} ${namespace ? `${namespace}/` : ''}${name} not found.`;
  const now = clusterNow(context.reader);
  const lines: string[] = [
    `${resource.kind} ${namespace ? `${namespace}/` : ''}${name} (age ${age(object.metadata.creationTimestamp, now)})`,
  ];
  const owner = object.metadata.ownerReferences?.[0];
  if (owner) lines.push(`owner: ${owner.kind} ${owner.name}`);
  if (object.metadata.labels) lines.push(`labels: ${labels(object.metadata.labels)}`);
  const annotations = Object.entries(object.metadata.annotations ?? {}).filter(
    ([key]) => key !== 'kubectl.kubernetes.io/last-applied-configuration',
  );
  if (annotations.length > 0)
    lines.push(
      `annotations: ${annotations.map(([key, value]) => `${key}=${value.length > 120 ? `${value.slice(0, 120)}…` : value}`).join('; ')}`,
    );
  lines.push(...describeBody(resource.kind, object));
  const events = await context.reader
    .list(resources.events, {
      ...(namespace ? { namespace } : {}),
      fieldSelector: `involvedObject.name=${name}`,
      limit: 100,
      maxItems: 100,
    })
    .catch(() => [] as K8sObject[]);
  // Filter again: a server that ignores the field selector must not mix in other objects' events.
  const own = events.filter((event) => {
    const involved = event.involvedObject ?? event.regarding;
    return involved?.name === name && (!involved?.kind || involved.kind === resource.kind);
  });
  const recent = sortEvents(own).slice(0, 10);
  lines.push(recent.length > 0 ? 'events (newest first):' : 'events: none');
  for (const event of recent) lines.push(`  ${eventLine(event, now)}`);
  return capText(
    redactText(lines.join('\n')),
    context.maxTokens,
    'Ask get_events or get_logs for more detail.',
  );
}

function describeBody(kind: string, object: K8sObject): string[] {
  const spec = object.spec ?? {};
  const status = object.status ?? {};
  const lines: string[] = [];
  const conditions = (
    list: { type?: string; status?: string; reason?: string; message?: string }[] | undefined,
  ) =>
    (list ?? []).map(
      (condition) =>
        `  ${condition.type}=${condition.status}${condition.reason ? ` ${condition.reason}` : ''}${condition.message ? `: ${condition.message}` : ''}`,
    );
  switch (kind) {
    case 'Pod': {
      lines.push(
        `status: ${podStatus(object)} phase=${status.phase ?? '?'} node=${spec.nodeName ?? '-'} ready=${podReady(object)}`,
      );
      if (status.message) lines.push(`message: ${status.message}`);
      const statuses = new Map<string, ContainerStatusLike>(
        [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])].map(
          (entry: ContainerStatusLike) => [entry.name, entry],
        ),
      );
      for (const [role, list] of [
        ['init container', spec.initContainers ?? []],
        ['container', spec.containers ?? []],
      ] as const) {
        for (const container of list as ContainerSpecLike[]) {
          const state = statuses.get(container.name);
          lines.push(`${role} ${container.name}: image ${container.image}`);
          if (state) {
            lines.push(
              `  state: ${stateText(state.state)}; ready=${state.ready ?? false}; restarts=${state.restartCount ?? 0}`,
            );
            if (state.lastState && Object.keys(state.lastState).length > 0)
              lines.push(`  last state: ${stateText(state.lastState)}`);
          }
          const limits = container.resources?.limits;
          const requests = container.resources?.requests;
          if (limits || requests)
            lines.push(`  resources: requests ${labels(requests)} limits ${labels(limits)}`);
          if (container.command || container.args)
            lines.push(
              `  command: ${[...(container.command ?? []), ...(container.args ?? [])].join(' ').slice(0, 200)}`,
            );
          if (container.env?.length)
            lines.push(`  env: ${container.env.slice(0, 20).map(describeEnv).join(', ')}`);
          if (container.envFrom?.length)
            lines.push(
              `  envFrom: ${container.envFrom
                .map((source: { configMapRef?: { name: string }; secretRef?: { name: string } }) =>
                  source.configMapRef
                    ? `configmap ${source.configMapRef.name}`
                    : `secret ${source.secretRef?.name}`,
                )
                .join(', ')}`,
            );
          for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
            const value = container[probe];
            if (value) lines.push(`  ${probe}: ${probeText(value)}`);
          }
        }
      }
      const volumes = (spec.volumes ?? [])
        .map((volume: Record<string, { claimName?: string; name?: string; secretName?: string }>) => {
          const source = volume.persistentVolumeClaim?.claimName
            ? `pvc ${volume.persistentVolumeClaim.claimName}`
            : volume.configMap?.name
              ? `configmap ${volume.configMap.name}`
              : volume.secret?.secretName
                ? `secret ${volume.secret.secretName}`
                : undefined;
          return source ? `${volume.name}(${source})` : undefined;
        })
        .filter(Boolean);
      if (volumes.length > 0) lines.push(`volumes: ${volumes.join(', ')}`);
      const bad = (status.conditions ?? []).filter(
        (condition: { status?: string }) => condition.status !== 'True',
      );
      if (bad.length > 0) lines.push('conditions not true:', ...conditions(bad));
      break;
    }
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet': {
      lines.push(
        `replicas: desired ${spec.replicas ?? status.desiredNumberScheduled ?? '?'}, updated ${status.updatedReplicas ?? status.updatedNumberScheduled ?? 0}, ready ${status.readyReplicas ?? status.numberReady ?? 0}, available ${status.availableReplicas ?? status.numberAvailable ?? 0}, unavailable ${status.unavailableReplicas ?? status.numberUnavailable ?? 0}`,
      );
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
      if (status.conditions?.length) lines.push('conditions:', ...conditions(status.conditions));
      break;
    }
    case 'Service':
      lines.push(`type: ${spec.type ?? 'ClusterIP'} selector: ${labels(spec.selector) || '(none)'}`);
      lines.push(
        `ports: ${(spec.ports ?? []).map((port: { name?: string; port?: number; targetPort?: unknown }) => `${port.name ?? ''}:${port.port}→${port.targetPort ?? port.port}`).join(', ')}`,
      );
      break;
    case 'Node':
      lines.push('conditions:', ...conditions(status.conditions));
      if (status.allocatable) lines.push(`allocatable: ${labels(status.allocatable)}`);
      if (spec.taints?.length)
        lines.push(
          `taints: ${spec.taints.map((taint: { key?: string; effect?: string }) => `${taint.key}:${taint.effect}`).join(', ')}`,
        );
      if (spec.unschedulable) lines.push('unschedulable: true (cordoned)');
      break;
    case 'Secret':
      // Values never leave this function.
      lines.push(
        `type: ${object.type ?? '?'} keys: ${Object.keys(object.data ?? {}).join(', ') || '(none)'}`,
      );
      break;
    case 'ConfigMap':
      for (const [key, value] of Object.entries((object.data ?? {}) as Record<string, string>).slice(0, 20))
        lines.push(`${key}: ${value.length > 200 ? `${value.slice(0, 200)}…` : value}`);
      break;
    default: {
      for (const [key, value] of Object.entries(spec).slice(0, 12))
        lines.push(`spec.${key}: ${JSON.stringify(value).slice(0, 200)}`);
      for (const [key, value] of Object.entries(status)
        .filter(([key]) => key !== 'conditions')
        .slice(0, 12))
        lines.push(`status.${key}: ${JSON.stringify(value).slice(0, 200)}`);
      if (status.conditions?.length) lines.push('conditions:', ...conditions(status.conditions));
    }
  }
  return lines;
}

interface ContainerStatusLike {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: Record<string, Record<string, unknown>>;
  lastState?: Record<string, Record<string, unknown>>;
}

interface ContainerSpecLike {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  // biome-ignore lint/suspicious/noExplicitAny: raw env entries from the API
  env?: any[];
  // biome-ignore lint/suspicious/noExplicitAny: raw envFrom entries from the API
  envFrom?: any[];
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
  livenessProbe?: Record<string, unknown>;
  readinessProbe?: Record<string, unknown>;
  startupProbe?: Record<string, unknown>;
}

function stateText(state: Record<string, Record<string, unknown>> | undefined): string {
  if (!state) return '?';
  const [name, detail] = Object.entries(state)[0] ?? ['?', {}];
  const fields = ['reason', 'exitCode', 'signal', 'message', 'startedAt', 'finishedAt']
    .filter((field) => detail?.[field] !== undefined)
    .map((field) => `${field}=${String(detail?.[field]).slice(0, 160)}`);
  return `${name}${fields.length ? ` ${fields.join(' ')}` : ''}`;
}

function probeText(probe: Record<string, unknown>): string {
  const http = probe.httpGet as { path?: string; port?: unknown } | undefined;
  const tcp = probe.tcpSocket as { port?: unknown } | undefined;
  const exec = probe.exec as { command?: string[] } | undefined;
  const how = http
    ? `http-get :${http.port}${http.path ?? '/'}`
    : tcp
      ? `tcp :${tcp.port}`
      : exec
        ? `exec ${(exec.command ?? []).join(' ').slice(0, 80)}`
        : 'grpc';
  return `${how} delay=${probe.initialDelaySeconds ?? 0}s period=${probe.periodSeconds ?? 10}s failureThreshold=${probe.failureThreshold ?? 3}`;
}

function eventTime(event: K8sObject): number {
  const value =
    event.lastTimestamp ??
    event.eventTime ??
    event.series?.lastObservedTime ??
    event.metadata.creationTimestamp;
  const parsed = value ? Date.parse(String(value)) : Number.NaN;
  return Number.isNaN(parsed) ? 0 : parsed;
}

function sortEvents(events: K8sObject[]): K8sObject[] {
  return [...events].sort((a, b) => eventTime(b) - eventTime(a));
}

function eventLine(event: K8sObject, now: number): string {
  const count = Number(event.count ?? event.series?.count ?? 1);
  const when = eventTime(event);
  const ago = when ? age(new Date(when).toISOString(), now) : '?';
  const object = event.involvedObject ?? event.regarding ?? {};
  return `${ago} ago ${event.type ?? '?'} ${event.reason ?? '?'} ${object.kind ?? '?'}/${object.name ?? '?'}${count > 1 ? ` ×${count}` : ''}: ${String(event.message ?? event.note ?? '').slice(0, 240)}`;
}

async function getEvents(args: Record<string, unknown>, context: ToolContext): Promise<string> {
  const namespace = text(args.namespace);
  const name = text(args.name);
  const type = text(args.type);
  const selectors = [name ? `involvedObject.name=${name}` : '', type ? `type=${type}` : ''].filter(Boolean);
  const events = await context.reader.list(resources.events, {
    ...(namespace ? { namespace } : {}),
    ...(selectors.length ? { fieldSelector: selectors.join(',') } : {}),
    limit: LIST_FETCH_LIMIT,
    maxItems: LIST_FETCH_LIMIT,
  });
  // Filter again: a server that ignores a field selector must not widen the answer.
  const matching = events.filter(
    (event) =>
      (!name || (event.involvedObject ?? event.regarding)?.name === name) && (!type || event.type === type),
  );
  if (matching.length === 0)
    return `no events${namespace ? ` in ${namespace}` : ''}${name ? ` for ${name}` : ''}`;
  const now = clusterNow(context.reader);
  const lines = sortEvents(matching).map((event) => eventLine(event, now));
  return capText(
    redactText(`${matching.length} events, newest first:\n${lines.join('\n')}`),
    context.maxTokens,
    'Narrow with namespace, name or type=Warning.',
  );
}

const DEFAULT_TAIL = 80;
const MAX_TAIL = 500;

async function getLogs(args: Record<string, unknown>, context: ToolContext): Promise<string> {
  const namespace = text(args.namespace);
  const pod = text(args.pod);
  if (!namespace || !pod) return 'error: get_logs needs namespace and pod.';
  const container = text(args.container);
  const tail = Math.min(MAX_TAIL, Math.max(1, Number(args.tail) || DEFAULT_TAIL));
  const grep = text(args.grep)?.toLowerCase();
  const read = (previous: boolean) =>
    context.reader.logs(namespace, pod, {
      ...(container ? { container } : {}),
      previous,
      // With grep, read further back so the filter has something to find; bytes stay capped either way.
      tailLines: grep ? MAX_TAIL * 4 : tail,
      limitBytes: 256 * 1024,
    });
  let previous = args.previous === true;
  let log = await read(previous);
  let note = '';
  if (!log.trim() && args.previous === undefined) {
    // A crash-looping container's useful log is usually the previous instance's.
    log = await read(true);
    previous = true;
    note = ' (current log empty; showing previous instance)';
  }
  let lines = log.split('\n').filter((line) => line.trim());
  if (grep) lines = lines.filter((line) => line.toLowerCase().includes(grep));
  lines = collapseRepeats(lines).slice(-tail);
  const head = `log of ${namespace}/${pod}${container ? ` container ${container}` : ''}${previous ? ' (previous)' : ''}${grep ? ` grep "${grep}"` : ''}${note}: ${lines.length} lines`;
  return capText(
    redactText(`${head}\n${lines.join('\n')}`),
    context.maxTokens,
    'Use grep for the error text, or a smaller tail.',
  );
}

/** Repeated identical lines (timestamps aside) become one line with a count. */
function collapseRepeats(lines: string[]): string[] {
  const out: string[] = [];
  let previousKey = '';
  let repeats = 0;
  const key = (line: string) => line.replace(/^\S*\d{4}-\d{2}-\d{2}T\S+\s*/, '');
  for (const line of lines) {
    const current = key(line);
    if (current === previousKey) {
      repeats++;
      continue;
    }
    if (repeats > 0) out.push(`  (previous line repeated ${repeats} more times)`);
    repeats = 0;
    previousKey = current;
    out.push(line);
  }
  if (repeats > 0) out.push(`  (previous line repeated ${repeats} more times)`);
  return out;
}

async function runAnalyzers(args: Record<string, unknown>, context: ToolContext): Promise<string> {
  if (!context.analyze) return 'error: the analyzers are not available in this investigation.';
  const namespace = text(args.namespace);
  const kind = text(args.kind);
  const name = text(args.name);
  const scope: Scope =
    kind && name
      ? {
          kind: 'object',
          ...(namespace ? { namespace } : {}),
          object: { kind, name, ...(namespace ? { namespace } : {}) },
        }
      : namespace
        ? { kind: 'namespace', namespace }
        : { kind: 'cluster' };
  const findings = await context.analyze(scope);
  return capText(
    redactText(`${findings.length} findings:\n${renderFindings(findings, 4)}`),
    context.maxTokens,
    'Run on a namespace or one object instead.',
  );
}

function proposeAction(args: Record<string, unknown>, context: ToolContext): string {
  const parsed = ProposedAction.safeParse(args);
  if (!parsed.success)
    return `not proposed: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}. Allowed actions: ${actionNames.join(', ')}.`;
  const refused = context.vetProposal(parsed.data);
  if (refused) return `not proposed: ${refused}`;
  const id = context.addProposal(parsed.data);
  return `approval request ${id} recorded: a person must approve it in the chat; nothing was changed.`;
}
