// restart: a rolling restart, exactly what `kubectl rollout restart` sends (the restartedAt annotation alone).
import { objectPath } from '../cluster/index.ts';
import { type ExecutableAction, noArgs, targetResources, targetText } from './action.ts';

/** The only annotation the proxy's `restartAnnotation` write lets a patch set. */
export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';

export const restart = {
  name: 'restart',
  executable: true,
  targetKinds: ['Deployment', 'StatefulSet', 'DaemonSet'],
  args: noArgs,
  warrantedBy: ['ProbeFailure', 'DependencyUnreachable', 'WorkloadUnavailable'],
  requestWords: /\brestart|\breboot|\bbounce|重啟|重启|重新啟動|重新启动/i,
  describe: (target) => `Restart the rollout of ${targetText(target)} (pods are replaced one by one)`,
  request: (target, _args, now) => ({
    method: 'PATCH',
    path: objectPath(targetResources[target.kind], target.namespace, target.name),
    headers: { 'content-type': 'application/strategic-merge-patch+json' },
    // Go's time.RFC3339, as kubectl writes it: seconds, no fraction.
    body: JSON.stringify({
      spec: {
        template: {
          metadata: { annotations: { [RESTARTED_AT_ANNOTATION]: `${now.toISOString().slice(0, 19)}Z` } },
        },
      },
    }),
  }),
} as const satisfies ExecutableAction<'restart', typeof noArgs>;
