// CrashLoopBackOff: a container keeps restarting; the previous log says why (a dependency, a setting, the app).
import type { K8sObject } from '../cluster/index.ts';
import type { AnalysisContext } from '../evidence/index.ts';
import {
  ago,
  type Cause,
  type ContainerStatus,
  causeFromLog,
  causeOf,
  containerStatuses,
  describeProbe,
  detailTextOf,
  evidenceTextsOf,
  groupByOwner,
  groupName,
  inTwoForms,
  morePodsText,
  ownerReads,
  podGroupFinding,
  policyReads,
  probeKills,
  refOf,
} from '../evidence/index.ts';
import { render, type Text, verbatim } from '../i18n/index.ts';
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
        cause = causeOf(
          'ApplicationError',
          undefined,
          { key: 'pods.exitsZero', params: { container: status.name } },
          [],
        );
      // Exit 137 after the kubelet's "failed liveness probe": the probe restarts it, not the app.
      cause ??= probeCause(context, pod, status.name);
      const who = groupName(group.owner, pod);
      const count = String(status.restartCount ?? 0);
      const restarts: Text = !last
        ? { key: 'pods.restarted', params: { count } }
        : last.reason
          ? {
              key: 'pods.restartedLastExitReason',
              params: { count, exitCode: String(last.exitCode), reason: last.reason },
            }
          : { key: 'pods.restartedLastExit', params: { count, exitCode: String(last.exitCode) } };
      const backoff = context.eventsFor(refOf(pod)).find((event) => event.reason === 'BackOff');
      const kubectl = `kubectl -n ${namespace} logs ${pod.metadata.name} -c ${status.name} --previous`;
      const detail = cause?.rootCause.detail;
      return podGroupFinding(group, pod, {
        code: 'CrashLoopBackOff',
        severity: 'critical',
        rootCause: cause?.rootCause,
        ...inTwoForms({
          summary:
            cause && detail
              ? {
                  key: detail.startsWith('cannot') ? 'pods.crashLoopBecauseIt' : 'pods.crashLoopBecause',
                  params: { who, cause: detailTextOf(cause.rootCause) },
                }
              : { key: 'pods.crashLoopRestarts', params: { who, container: status.name, restarts } },
          evidence: [
            {
              key: 'pods.containerState',
              params: {
                pod: pod.metadata.name,
                container: status.name,
                state: status.state?.waiting?.reason ?? { key: 'pods.restarting' },
                restarts,
              },
            },
            ...morePodsText(group, 'pods.moreCrashLooping', { who }),
            ...(backoff
              ? [
                  {
                    key: 'pods.event',
                    params: { reason: 'BackOff', count: String(backoff.count), message: backoff.message },
                  } as const,
                ]
              : []),
            ...evidenceTextsOf(cause),
          ],
          suggestions: [verbatim(kubectl), ...suggestionTextsFor(cause?.rootCause, namespace)],
        }),
      });
    });
  },
};

function probeCause(context: AnalysisContext, pod: K8sObject, container: string): Cause | undefined {
  const kill = probeKills(context, pod).find((k) => k.container === container);
  if (!kill) return undefined;
  const check = describeProbe(pod, container, kill.kind);
  // describeProbe's sentences are English (lib/evidence/history.ts): quoted as they are until it says Texts.
  const probe: Text = check ? verbatim(check.probe) : { key: 'pods.probeKind', params: { kind: kill.kind } };
  return causeOf(
    'ProbeFailure',
    undefined,
    check?.portMismatch
      ? { key: 'pods.probeKillsListens', params: { probe, count: kill.kills, listens: check.listens } }
      : { key: 'pods.probeKills', params: { probe, count: kill.kills } },
    [
      ...(check
        ? [{ key: 'pods.probeListens', params: { probe: check.probe, listens: check.listens } } as const]
        : []),
      {
        key: 'pods.eventKilling',
        params: {
          count: String(kill.kills),
          ago: ago(context, kill.lastSeen),
          container,
          kind: kill.kind,
        },
      },
      ...(kill.failure
        ? [
            {
              key: 'pods.eventUnhealthy',
              params: { count: String(kill.failure.count), message: kill.failure.message.slice(0, 160) },
            } as const,
          ]
        : []),
    ],
  );
}

/** The next steps a root cause calls for, said language-neutral (commands as they are). */
export function suggestionTextsFor(rootCause: Finding['rootCause'], namespace: string | undefined): Text[] {
  if (!rootCause) return [];
  const object = rootCause.object;
  switch (rootCause.code) {
    case 'DependencyUnreachable':
      if (object?.kind === 'NetworkPolicy')
        return [
          verbatim(`kubectl -n ${object.namespace ?? namespace} describe networkpolicy ${object.name}`),
          { key: 'pods.allowInPolicy' },
        ];
      return object
        ? [
            verbatim(`kubectl -n ${object.namespace ?? namespace} get endpoints ${object.name}`),
            verbatim(`kubectl -n ${object.namespace ?? namespace} describe service ${object.name}`),
          ]
        : [{ key: 'pods.checkHostPort' }];
    case 'MissingConfig':
      return [{ key: 'pods.addSetting' }];
    case 'ProbeFailure':
      return [{ key: 'pods.checkProbe' }];
    case 'ApplicationError':
      return [{ key: 'pods.readException' }];
    default:
      return [];
  }
}

/** `suggestionTextsFor` in English. */
export const suggestionsFor = (rootCause: Finding['rootCause'], namespace: string | undefined): string[] =>
  suggestionTextsFor(rootCause, namespace).map((text) => render(text, 'en'));
