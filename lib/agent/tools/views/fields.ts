// Small renderings of the object fields several views show: labels, images, conditions, container states, probes.
import type { K8sObject } from '../../../cluster/index.ts';

export interface ContainerStatusLike {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: Record<string, Record<string, unknown>>;
  lastState?: Record<string, Record<string, unknown>>;
}

export interface ContainerSpecLike {
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

export interface ConditionLike {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

/** `key=value,key=value`. */
export function labels(selector: Record<string, string> | undefined): string {
  return Object.entries(selector ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

// biome-ignore lint/suspicious/noExplicitAny: pod spec from the API
export function images(podSpec: any): string {
  return (podSpec?.containers ?? []).map((container: { image?: string }) => container.image ?? '?').join(',');
}

/** One indented line per condition: `  Type=Status Reason: message`. */
export function conditionLines(list: ConditionLike[] | undefined): string[] {
  return (list ?? []).map(
    (condition) =>
      `  ${condition.type}=${condition.status}${condition.reason ? ` ${condition.reason}` : ''}${condition.message ? `: ${condition.message}` : ''}`,
  );
}

export function taints(object: K8sObject, separator: string): string {
  return (object.spec?.taints ?? [])
    .map((taint: { key?: string; effect?: string }) => `${taint.key}:${taint.effect}`)
    .join(separator);
}

export function stateText(state: Record<string, Record<string, unknown>> | undefined): string {
  if (!state) return '?';
  const [name, detail] = Object.entries(state)[0] ?? ['?', {}];
  const fields = ['reason', 'exitCode', 'signal', 'message', 'startedAt', 'finishedAt']
    .filter((field) => detail?.[field] !== undefined)
    .map((field) => `${field}=${String(detail?.[field]).slice(0, 160)}`);
  return `${name}${fields.length ? ` ${fields.join(' ')}` : ''}`;
}

export function probeText(probe: Record<string, unknown>): string {
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
