// OOMKilled: a container was killed for exceeding its memory limit (and usually restarts into a crash loop).
import type { K8sObject } from '../cluster/index.ts';
import {
  type ContainerStatus,
  containerStatuses,
  groupByOwner,
  groupName,
  inTwoForms,
  morePodsText,
  ownerReads,
  podGroupFinding,
} from '../evidence/index.ts';
import { verbatim } from '../i18n/index.ts';
import type { Analyzer } from './types.ts';

function oomContainer(
  pod: K8sObject,
  recent: (time: string | undefined) => boolean,
): ContainerStatus | undefined {
  if (pod.metadata.deletionTimestamp) return undefined;
  return containerStatuses(pod).find((status) => {
    const current = status.state?.terminated;
    if (current?.reason === 'OOMKilled') return true;
    const last = status.lastState?.terminated;
    // An OOM kill long ago, with the container healthy since, is history.
    return (
      last?.reason === 'OOMKilled' && (status.state?.waiting || !status.ready || recent(last.finishedAt))
    );
  });
}

export const oomKilled: Analyzer = {
  name: 'oomkilled',
  reads: { Pod: ['pods', 'replicaSets'] },
  followUps: ownerReads,
  analyze(context) {
    const recent = (time: string | undefined) => context.age(time) < 60 * 60 * 1000;
    const pods = context.list('pods').filter((pod) => oomContainer(pod, recent));
    return groupByOwner(context, pods).map((group) => {
      const pod = group.pods[0]!;
      const status = oomContainer(pod, recent)!;
      const spec = (pod.spec?.containers ?? []).find((c: { name: string }) => c.name === status.name);
      const limit = spec?.resources?.limits?.memory;
      const who = groupName(group.owner, pod);
      return podGroupFinding(group, pod, {
        code: 'OOMKilled',
        severity:
          status.state?.waiting?.reason === 'CrashLoopBackOff' || !status.ready ? 'critical' : 'warning',
        ...inTwoForms({
          summary: limit
            ? { key: 'pods.oomKilledLimit', params: { who, container: status.name, limit: String(limit) } }
            : { key: 'pods.oomKilledNoLimit', params: { who, container: status.name } },
          evidence: [
            {
              key: 'pods.oomLast',
              params: {
                pod: pod.metadata.name,
                container: status.name,
                exitCode: String(
                  status.lastState?.terminated?.exitCode ?? status.state?.terminated?.exitCode ?? 137,
                ),
                restarts: String(status.restartCount ?? 0),
              },
            },
            ...(limit
              ? [
                  spec?.resources?.requests?.memory
                    ? ({
                        key: 'pods.memoryLimitRequest',
                        params: { limit: String(limit), request: String(spec.resources.requests.memory) },
                      } as const)
                    : ({ key: 'pods.memoryLimit', params: { limit: String(limit) } } as const),
                ]
              : []),
            ...morePodsText(group, 'pods.moreOomKilled', { who }),
          ],
          suggestions: [
            { key: 'pods.raiseMemory', params: { container: status.name } },
            verbatim(`kubectl -n ${pod.metadata.namespace} top pod ${pod.metadata.name} --containers`),
          ],
        }),
      });
    });
  },
};
