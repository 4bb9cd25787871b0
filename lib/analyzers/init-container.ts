// InitContainerFailure: an init container fails or never finishes, so the app container never starts.
import type { K8sObject } from '../cluster/index.ts';
import {
  type AnalysisContext,
  type ContainerStatus,
  causeFromLog,
  detailTextOf,
  evidenceTextsOf,
  groupByOwner,
  groupName,
  inTwoForms,
  ownerReads,
  podGroupFinding,
  policyReads,
} from '../evidence/index.ts';
import { verbatim } from '../i18n/index.ts';
import { type Analyzer, LOG_LIMIT_BYTES, LOG_TAIL_LINES } from './types.ts';

const STUCK_MS = 10 * 60 * 1000;

function failingInit(context: AnalysisContext, pod: K8sObject): ContainerStatus | undefined {
  if (pod.metadata.deletionTimestamp || !['Pending', 'Failed'].includes(pod.status?.phase)) return undefined;
  return (pod.status?.initContainerStatuses ?? []).find((status: ContainerStatus) => {
    if (
      ['ErrImagePull', 'ImagePullBackOff', 'CreateContainerConfigError'].includes(
        status.state?.waiting?.reason,
      )
    )
      return false; // their own analyzers name those
    if (status.state?.waiting?.reason === 'CrashLoopBackOff') return true;
    if (status.state?.terminated && status.state.terminated.exitCode !== 0) return true;
    if (status.lastState?.terminated && status.lastState.terminated.exitCode !== 0 && !status.ready)
      return true;
    return status.state?.running && context.age(status.state.running.startedAt) > STUCK_MS;
  });
}

const suspects = (context: AnalysisContext) =>
  groupByOwner(
    context,
    context.list('pods').filter((pod) => failingInit(context, pod)),
  );

export const initContainerFailure: Analyzer = {
  name: 'init-container',
  reads: { Pod: ['pods', 'events', 'services', 'endpoints', 'replicaSets'] },
  followUps: (context) => [...ownerReads(context), ...policyReads(context)],
  logs(context) {
    return suspects(context).map((group) => {
      const pod = group.pods[0]!;
      const status = failingInit(context, pod)!;
      return {
        namespace: pod.metadata.namespace!,
        pod: pod.metadata.name,
        container: status.name,
        // A running (stuck) init container logs now; a crashed one logged in its previous instance.
        previous: !status.state?.running && !status.state?.terminated,
        tailLines: LOG_TAIL_LINES,
        limitBytes: LOG_LIMIT_BYTES,
      };
    });
  },
  analyze(context) {
    return suspects(context).map((group) => {
      const pod = group.pods[0]!;
      const status = failingInit(context, pod)!;
      const ns = pod.metadata.namespace!;
      const log =
        context.log(ns, pod.metadata.name, status.name, false)?.text ||
        context.log(ns, pod.metadata.name, status.name, true)?.text ||
        '';
      const cause = causeFromLog(context, pod, log);
      const stuck = Boolean(status.state?.running);
      const who = groupName(group.owner, pod);
      const state = stuck ? 'stuck' : 'failing';
      return podGroupFinding(group, pod, {
        code: 'InitContainerFailure',
        severity: 'critical',
        rootCause: cause?.rootCause,
        ...inTwoForms({
          summary: cause?.rootCause.detail
            ? {
                key: 'pods.initFailsBecause',
                params: { who, container: status.name, state, cause: detailTextOf(cause.rootCause) },
              }
            : { key: 'pods.initFails', params: { who, container: status.name, state } },
          evidence: [
            {
              key: 'pods.initState',
              params: {
                pod: pod.metadata.name,
                container: status.name,
                state:
                  status.state?.waiting?.reason ??
                  (stuck
                    ? { key: 'pods.runningSince', params: { time: String(status.state.running.startedAt) } }
                    : { key: 'pods.terminated' }),
                restarts: String(status.restartCount ?? 0),
              },
            },
            ...evidenceTextsOf(cause),
          ],
          suggestions: [
            verbatim(
              `kubectl -n ${ns} logs ${pod.metadata.name} -c ${status.name}${stuck ? '' : ' --previous'}`,
            ),
          ],
        }),
      });
    });
  },
};
