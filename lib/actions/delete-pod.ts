// delete-pod: delete one pod so its controller replaces it (no body: the API server's default grace period).
import { objectPath } from '../cluster/index.ts';
import { type ExecutableAction, noArgs, targetResources, targetText } from './action.ts';

export const deletePod = {
  name: 'delete-pod',
  executable: true,
  targetKinds: ['Pod'],
  args: noArgs,
  warrantedBy: ['ProbeFailure', 'Evicted', 'NodeNotReady'],
  requestWords: /\bdelete\b|\bkill\b|\bremove\b|刪除|删除|砍掉/i,
  describe: (target) => `Delete ${targetText(target)} (its controller replaces it)`,
  request: (target) => ({
    method: 'DELETE',
    path: objectPath(targetResources[target.kind], target.namespace, target.name),
    headers: {},
  }),
} as const satisfies ExecutableAction<'delete-pod', typeof noArgs>;
