// rollback: advice only. Rolling back means writing a whole pod template; the proxy writes nothing that broad, so
// kube-responder proposes the `kubectl rollout undo` for a person to run and never executes it.
import { type AdviceAction, noArgs, targetText } from './action.ts';

export const rollback = {
  name: 'rollback',
  executable: false,
  targetKinds: ['Deployment', 'StatefulSet', 'DaemonSet'],
  args: noArgs,
  warrantedBy: [
    'CrashLoopBackOff',
    'ApplicationError',
    'RolloutStuck',
    'BadImageReference',
    'ImagePullFailure',
    'ContainerConfigError',
    'OOMKilled',
  ],
  requestWords: /\broll\s*back|\brollback|\brevert|\bundo\b|回滾|回滚|還原|还原|回退/i,
  describe: (target) => `Roll ${targetText(target)} back to its previous revision (run the command yourself)`,
  command: (target) =>
    `kubectl -n ${target.namespace} rollout undo ${target.kind.toLowerCase()}/${target.name}`,
} as const satisfies AdviceAction<'rollback', typeof noArgs>;
