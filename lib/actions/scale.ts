// scale: set the replicas through the scale subresource (the proxy's policy bounds them; 20 by default).
import { z } from 'zod';
import { objectPath } from '../cluster/index.ts';
import { type ExecutableAction, targetResources, targetText } from './action.ts';

/** The most any proxy policy may allow (its `maxReplicas` is at most this); the policy's own bound is lower. */
export const MAX_SCALE_REPLICAS = 10_000;

const args = z.object({ replicas: z.number().int().min(0).max(MAX_SCALE_REPLICAS) });

export const scale = {
  name: 'scale',
  executable: true,
  targetKinds: ['Deployment', 'StatefulSet'],
  args,
  warrantedBy: ['WorkloadUnavailable', 'HPAAtLimit'],
  requestWords: /\bscale|\breplicas?\b|擴容|扩容|縮容|缩容|擴展|扩展|副本/i,
  describe: (target, { replicas }) =>
    `Scale ${targetText(target)} to ${replicas} replica${replicas === 1 ? '' : 's'}`,
  request: (target, { replicas }) => ({
    method: 'PATCH',
    path: `${objectPath(targetResources[target.kind], target.namespace, target.name)}/scale`,
    headers: { 'content-type': 'application/merge-patch+json' },
    body: JSON.stringify({ spec: { replicas } }),
  }),
} as const satisfies ExecutableAction<'scale', typeof args>;
