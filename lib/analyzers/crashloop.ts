// CrashLoopBackOff: a container keeps restarting; the previous log says why (a dependency, a setting, the app).
import type { K8sObject } from '../cluster/index.ts';
import type { AnalysisContext } from '../evidence/index.ts';
import {
  ago,
  type ContainerStatus,
  causeFromLog,
  containerStatuses,
  describeProbe,
  groupByOwner,
  groupName,
  morePods,
  ownerReads,
  podGroupFinding,
  policyReads,
  probeKills,
  refOf,
} from '../evidence/index.ts';
import type { Finding } from '../report/index.ts';
import { type Analyzer, LOG_LIMIT_BYTES, LOG_TAIL_LINES, type LogRequest } from './types.ts';

/** The crash-looping container of a pod (not OOM: that has its own analyzer). */
export function crashingContainer(context: AnalysisContext, pod: K8sObject): ContainerStatus | undefined {
  if (pod.metadata.deletionTimestamp || pod.status?.phase === 'Succeeded') return undefined;
  return containerStatuses(pod).find((status) => {
    const last = status.lastState?.terminated;
    if (last?.reason === 'OOMKilled' || status.state?.terminated?.reason === 'OOMKilled') return false;
    if (status.state?.waiting?.reason === 'CrashLoopBackOff') return true;
    // Restarting often and recently, caught between two back-offs.
    return (
      (status.restartCount ?? 0) >= 3 &&
      last &&
      last.exitCode !== 0 &&
      !status.ready &&
      context.age(last.finishedAt) < 10 * 60 * 1000
    );
  });
}

function worstPod(context: AnalysisContext, pods: K8sObject[]): { pod: K8sObject; status: ContainerStatus } {
  const scored = pods.map((pod) => ({ pod, status: crashingContainer(context, pod)! }));
  scored.sort(
    (a, b) =>
      // The pod the alert names is the one to show, when it is among them.
      Number(context.isFocus(b.pod)) - Number(context.isFocus(a.pod)) ||
      (b.status.restartCount ?? 0) - (a.status.restartCount ?? 0),
  );
  return scored[0]!;
}

function suspects(context: AnalysisContext) {
  return groupByOwner(
    context,
    context.list('pods').filter((pod) => crashingContainer(context, pod)),
  );
}

export const crashLoop: Analyzer = {
  name: 'crashloop',
  // ownerOf walks ReplicaSets to Deployments; a log's host:port leads to a Service, its endpoints and the
  // workloads its selector should match.
  reads: { Pod: ['pods', 'services', 'endpoints', 'events', 'deployments', 'replicaSets', 'statefulSets'] },
  followUps: (context) => [...ownerReads(context), ...policyReads(context)],
  logs(context) {
    return suspects(context).map((group): LogRequest => {
      const { pod, status } = worstPod(context, group.pods);
      return {
        namespace: pod.metadata.namespace!,
        pod: pod.metadata.name,
        container: status.name,
        previous: true,
        tailLines: LOG_TAIL_LINES,
        limitBytes: LOG_LIMIT_BYTES,
      };
    });
  },
  analyze(context) {
    return suspects(context).map((group) => {
      const { pod, status } = worstPod(context, group.pods);
      const namespace = pod.metadata.namespace;
      const last = status.lastState?.terminated;
      const log =
        context.log(namespace!, pod.metadata.name, status.name, true) ??
        context.log(namespace!, pod.metadata.name, status.name, false);
      let cause = log ? causeFromLog(context, pod, log.text) : undefined;
      if (!cause && last?.exitCode === 0)
        cause = {
          rootCause: {
            code: 'ApplicationError',
            detail: `container ${status.name} exits with code 0 instead of running`,
          },
          evidence: [],
        };
      // Exit 137 after the kubelet's "failed liveness probe": the probe restarts it, not the app.
      cause ??= probeCause(context, pod, status.name);
      const who = groupName(group.owner, pod);
      const restarts = `restarted ${status.restartCount ?? 0} times${last ? `, last exit code ${last.exitCode}${last.reason ? ` (${last.reason})` : ''}` : ''}`;
      const backoff = context.eventsFor(refOf(pod)).find((event) => event.reason === 'BackOff');
      const kubectl = `kubectl -n ${namespace} logs ${pod.metadata.name} -c ${status.name} --previous`;
      return podGroupFinding(group, pod, {
        code: 'CrashLoopBackOff',
        severity: 'critical',
        rootCause: cause?.rootCause,
        summary: cause?.rootCause.detail
          ? `${who} is crash-looping: ${cause.rootCause.detail.startsWith('cannot') ? 'it ' : ''}${cause.rootCause.detail}.`
          : `${who} is crash-looping: container ${status.name} ${restarts}.`,
        evidence: [
          `pod ${pod.metadata.name} container ${status.name}: ${status.state?.waiting?.reason ?? 'restarting'}, ${restarts}`,
          ...morePods(group, `of ${who} are crash-looping`),
          ...(backoff ? [`event BackOff ×${backoff.count}: ${backoff.message}`] : []),
          ...(cause?.evidence ?? []),
        ],
        suggestions: [kubectl, ...suggestionsFor(cause?.rootCause, namespace)],
      });
    });
  },
};

function probeCause(context: AnalysisContext, pod: K8sObject, container: string) {
  const kill = probeKills(context, pod).find((k) => k.container === container);
  if (!kill) return undefined;
  const check = describeProbe(pod, container, kill.kind);
  return {
    rootCause: {
      code: 'ProbeFailure' as const,
      detail: `its ${check?.probe ?? `${kill.kind} probe`} fails and the kubelet kills it (${kill.kills} ${kill.kills === 1 ? 'time' : 'times'} in the last hour${check?.portMismatch ? `; ${check.listens}` : ''})`,
    },
    evidence: [
      ...(check ? [`${check.probe} — ${check.listens}`] : []),
      `event Killing ×${kill.kills} (last ${ago(context, kill.lastSeen)}): container ${container} failed ${kill.kind} probe`,
      ...(kill.failure
        ? [`event Unhealthy ×${kill.failure.count}: ${kill.failure.message.slice(0, 160)}`]
        : []),
    ],
  };
}

export function suggestionsFor(rootCause: Finding['rootCause'], namespace: string | undefined): string[] {
  if (!rootCause) return [];
  const object = rootCause.object;
  switch (rootCause.code) {
    case 'DependencyUnreachable':
      if (object?.kind === 'NetworkPolicy')
        return [
          `kubectl -n ${object.namespace ?? namespace} describe networkpolicy ${object.name}`,
          'allow this workload in the policy (from/to selector and port), or label the workload the policy admits',
        ];
      return object
        ? [
            `kubectl -n ${object.namespace ?? namespace} get endpoints ${object.name}`,
            `kubectl -n ${object.namespace ?? namespace} describe service ${object.name}`,
          ]
        : ['check the host name and port the app is configured with'];
    case 'MissingConfig':
      return ['add the missing setting to the workload (env, ConfigMap or Secret) and roll it out'];
    case 'ProbeFailure':
      return ['check the probe path/port against what the app serves, and its timeouts'];
    case 'ApplicationError':
      return ['read the exception in the previous log; roll back if it started with the latest release'];
    default:
      return [];
  }
}
