// Recent history against the cluster's clock: probe kills, restarts and Warning events weighed by how long ago
// they happened, what a container's probe checks, and which Warning events a later attempt has made stale.
import type { K8sObject } from '../cluster/index.ts';
import type { ObjectRef } from '../report/index.ts';
import { type AnalysisContext, type ClusterEvent, describeRef, refOf } from './context.ts';
import type { ContainerStatus } from './correlate.ts';

/** How far back a restart or a Warning event still counts as what is happening now (the kubelet's events live 1 h). */
export const HISTORY_WINDOW_MS = 60 * 60 * 1000;

/** The probes a container can have, as the kubelet names them in its events. */
export const probeKinds = ['liveness', 'readiness', 'startup'] as const;
export type ProbeKind = (typeof probeKinds)[number];

/** Events about an object whose reason matches, last seen within the window (an undated event counts as recent). */
export function recentEvents(
  context: AnalysisContext,
  ref: ObjectRef,
  reason: string,
  windowMs = HISTORY_WINDOW_MS,
): ClusterEvent[] {
  return context
    .eventsFor(ref, false)
    .filter((event) => event.reason === reason && context.isFresh(event.lastSeen, windowMs));
}

/** "4 min ago", "3 h ago", "2 days ago": how long before the cluster's now. */
export function ago(context: AnalysisContext, time: number): string {
  const minutes = Math.max(0, Math.round((context.now - time) / 60_000));
  if (Number.isNaN(minutes)) return 'at an unknown time';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

/** A container's last termination, when it finished within the window. */
export function recentTermination(
  context: AnalysisContext,
  status: ContainerStatus,
  windowMs = HISTORY_WINDOW_MS,
) {
  const last = status.lastState?.terminated;
  if (!last?.finishedAt || context.age(last.finishedAt) > windowMs) return undefined;
  return last as { exitCode?: number; reason?: string; finishedAt: string };
}

/** How often the kubelet killed a container for failing a probe within the window, and what it saw failing. */
export interface ProbeKills {
  container: string;
  kind: ProbeKind;
  /** Kills counted by the kubelet's `Killing` events. */
  kills: number;
  /** The newest `Unhealthy` event for that probe, if any. */
  failure?: ClusterEvent;
  lastSeen: number;
}

const KILLED = /Container (\S+) failed (liveness|startup) probe/i;

/** The probe kills of a pod's containers seen recently (`Killing` "Container x failed liveness probe, will be restarted"). */
export function probeKills(
  context: AnalysisContext,
  pod: K8sObject,
  windowMs = HISTORY_WINDOW_MS,
): ProbeKills[] {
  const ref = refOf(pod);
  const unhealthy = recentEvents(context, ref, 'Unhealthy', windowMs);
  const byContainer = new Map<string, ProbeKills>();
  for (const event of recentEvents(context, ref, 'Killing', windowMs)) {
    const match = KILLED.exec(event.message);
    if (!match?.[1] || !match[2]) continue;
    const kind = match[2].toLowerCase() as ProbeKind;
    const seen = byContainer.get(match[1]);
    if (seen) {
      seen.kills += event.count;
      continue;
    }
    const failure = unhealthy.find((u) => u.message.toLowerCase().startsWith(`${kind} probe failed`));
    byContainer.set(match[1], {
      container: match[1],
      kind,
      kills: event.count,
      ...(failure ? { failure } : {}),
      lastSeen: event.lastSeen,
    });
  }
  return [...byContainer.values()];
}

/** The probe's kind named in an `Unhealthy` event's message ("Liveness probe failed: …"). */
export function probeKindOf(message: string): ProbeKind {
  return probeKinds.find((kind) => message.toLowerCase().startsWith(kind)) ?? 'readiness';
}

/** What a probe checks and what the container listens on, e.g. "liveness probe GET :8081/healthz", "the container listens on 8080". */
export interface ProbeCheck {
  probe: string;
  /** What the probe does, said the same in every language: `GET :8081/healthz`, `exec "redis-cli ping"`. */
  action: string;
  listens: string;
  /** The ports the container declares (what `listens` says). */
  ports: number[];
  /** The probe's port is not one the container declares. */
  portMismatch: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: container and probe shapes as the API returns them
type Container = any;

export function describeProbe(
  pod: K8sObject,
  containerName: string,
  kind: ProbeKind,
): ProbeCheck | undefined {
  const containers: Container[] = pod.spec?.containers ?? [];
  const container = containers.find((c) => c.name === containerName) ?? containers[0];
  const probe = container?.[`${kind}Probe`];
  if (!probe) return undefined;
  const ports: { name?: string; containerPort: number }[] = container.ports ?? [];
  const listening = ports.map((p) => p.containerPort);
  const listens = listening.length
    ? `the container listens on ${listening.join(', ')}`
    : 'the container declares no ports';
  // A named port ("http") is the container's port of that name.
  const portOf = (port: unknown) =>
    typeof port === 'string' ? (ports.find((p) => p.name === port)?.containerPort ?? port) : port;
  const action = probe.httpGet
    ? {
        what: `${probe.httpGet.scheme === 'HTTPS' ? 'HTTPS ' : ''}GET`,
        port: portOf(probe.httpGet.port),
        path: probe.httpGet.path ?? '/',
      }
    : probe.tcpSocket
      ? { what: 'TCP', port: portOf(probe.tcpSocket.port), path: '' }
      : probe.grpc
        ? { what: 'gRPC', port: portOf(probe.grpc.port), path: '' }
        : undefined;
  if (!action) {
    const command = (probe.exec?.command ?? []).join(' ');
    const exec = `exec "${command.slice(0, 80)}"`;
    return { probe: `${kind} probe ${exec}`, action: exec, listens, ports: listening, portMismatch: false };
  }
  const said = `${action.what} :${action.port}${action.path}`;
  return {
    probe: `${kind} probe ${said}`,
    action: said,
    listens,
    ports: listening,
    portMismatch: listening.length > 0 && !listening.includes(Number(action.port)),
  };
}

/** Why a Warning event no longer describes the present: the object it missed exists now, or a later attempt began. */
export type Resolution = { why: 'exists'; object: ObjectRef } | { why: 'before'; since: number };

export function resolutionOf(
  context: AnalysisContext,
  event: ClusterEvent,
  since: number | undefined,
): Resolution | undefined {
  const account = /serviceaccount "([^"]+)" not found/i.exec(event.message)?.[1];
  if (account && context.loaded('serviceAccounts')) {
    const found = context.find('ServiceAccount', event.object.namespace, account);
    if (found) return { why: 'exists', object: refOf(found) };
  }
  if (since !== undefined && !Number.isNaN(event.lastSeen) && event.lastSeen < since)
    return { why: 'before', since };
  return undefined;
}

/** `resolutionOf` in words, if the event no longer describes the present. */
export function resolvedBy(
  context: AnalysisContext,
  event: ClusterEvent,
  since: number | undefined,
): string | undefined {
  const resolution = resolutionOf(context, event, since);
  if (!resolution) return undefined;
  return resolution.why === 'exists'
    ? `${describeRef(resolution.object)} exists now`
    : `it was last seen before the latest attempt started (${ago(context, resolution.since)})`;
}

/** The ServiceAccount a `FailedCreate` event says is missing. */
export function missingServiceAccount(event: ClusterEvent): string | undefined {
  return event.reason === 'FailedCreate'
    ? /serviceaccount "([^"]+)" not found/i.exec(event.message)?.[1]
    : undefined;
}
