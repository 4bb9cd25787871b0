// pods/log: picks the container instance's log and applies sinceSeconds, tailLines, timestamps and limitBytes.
import type { K8sObject } from '../../lib/cluster/index.ts';
import { containerNames, type FixtureCluster, initContainerNames } from './fixture.ts';

export interface LogOptions {
  container?: string;
  previous: boolean;
  tailLines?: number;
  limitBytes?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  timestamps: boolean;
}

export class LogError extends Error {}

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))\s?(.*)$/;

interface Line {
  time?: string;
  text: string;
}

interface ContainerStatus {
  name: string;
  state?: { waiting?: unknown; running?: unknown; terminated?: unknown };
  lastState?: { terminated?: unknown };
}

function statusOf(pod: K8sObject, container: string): ContainerStatus | undefined {
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  return (statuses as ContainerStatus[]).find((s) => s.name === container);
}

/** The log text the API would return, or a LogError carrying the API's 400 message. */
export function podLog(cluster: FixtureCluster, pod: K8sObject, options: LogOptions): string {
  const name = pod.metadata.name;
  const namespace = pod.metadata.namespace ?? '';
  const containers = containerNames(pod);
  const initContainers = initContainerNames(pod);
  let container = options.container;
  if (!container) {
    const fallback = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
    if (containers.length === 1) container = containers[0];
    else if (fallback && containers.includes(fallback)) container = fallback;
    else
      throw new LogError(
        `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]` +
          (initContainers.length > 0 ? ` or one of the init containers: [${initContainers.join(' ')}]` : ''),
      );
  }
  if (!containers.includes(container!) && !initContainers.includes(container!))
    throw new LogError(`container ${container} is not valid for pod ${name}`);

  const logs = cluster.logs.filter(
    (log) => log.namespace === namespace && log.pod === name && (log.container ?? container) === container,
  );
  const status = statusOf(pod, container!);
  let text: string | undefined;
  if (options.previous) {
    text = logs.find((log) => log.previous)?.text;
    if (text === undefined && !status?.lastState?.terminated)
      throw new LogError(`previous terminated container "${container}" in pod "${name}" not found`);
  } else {
    text = logs.find((log) => !log.previous)?.text;
    // A container waiting to restart has no running instance: the kubelet serves the last one's log.
    if (text === undefined && status?.state?.waiting && status.lastState?.terminated)
      text = logs.find((log) => log.previous)?.text;
  }
  return formatLog(text ?? '', options, cluster.clock());
}

function formatLog(text: string, options: LogOptions, now: Date): string {
  const raw = text.endsWith('\n') ? text.slice(0, -1) : text;
  // Untimestamped lines (stack traces) belong to the line before them; the kubelet stamps every line.
  let last: string | undefined;
  let lines = (raw === '' ? [] : raw.split('\n')).map((source) => {
    const line = parseLine(source);
    if (line.time) last = line.time;
    return { ...line, at: line.time ?? last };
  });
  const since =
    options.sinceSeconds !== undefined
      ? now.getTime() - options.sinceSeconds * 1000
      : options.sinceTime
        ? Date.parse(options.sinceTime)
        : undefined;
  if (since !== undefined) lines = lines.filter((line) => !line.at || Date.parse(line.at) >= since);
  if (options.tailLines !== undefined) lines = options.tailLines === 0 ? [] : lines.slice(-options.tailLines);
  const stamp = (line: { at?: string | undefined }) => line.at ?? now.toISOString();
  let out = lines.map((line) => (options.timestamps ? `${stamp(line)} ${line.text}` : line.text)).join('\n');
  if (lines.length > 0) out += '\n';
  if (options.limitBytes !== undefined) {
    const bytes = new TextEncoder().encode(out);
    if (bytes.length > options.limitBytes) out = new TextDecoder().decode(bytes.slice(0, options.limitBytes));
  }
  return out;
}

function parseLine(line: string): Line {
  const match = TIMESTAMP.exec(line);
  return match ? { time: match[1]!, text: match[2]! } : { text: line };
}
