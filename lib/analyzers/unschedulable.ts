// Unschedulable: a pod cannot be placed; the scheduler's message names why (resources, taints, selectors, claims).
import type { K8sObject } from '../cluster/index.ts';
import {
  type AnalysisContext,
  groupByOwner,
  groupName,
  morePods,
  ownerReads,
  podGroupFinding,
  refOf,
} from '../evidence/index.ts';
import type { RootCause } from '../report/index.ts';
import { pvcCause } from './pvc.ts';
import type { Analyzer } from './types.ts';

function unschedulable(pod: K8sObject): string | undefined {
  if (pod.status?.phase !== 'Pending' || pod.metadata.deletionTimestamp) return undefined;
  const condition = (pod.status?.conditions ?? []).find(
    (c: { type: string; status: string; reason?: string }) =>
      c.type === 'PodScheduled' && c.status === 'False',
  );
  return condition?.reason === 'Unschedulable' ? (condition.message ?? '') : undefined;
}

function cause(context: AnalysisContext, pod: K8sObject, message: string): RootCause | undefined {
  const ns = pod.metadata.namespace;
  if (
    /unbound.*PersistentVolumeClaim|persistentvolumeclaim .* not found|pod has unbound immediate/i.test(
      message,
    )
  ) {
    for (const volume of pod.spec?.volumes ?? []) {
      const name = volume.persistentVolumeClaim?.claimName;
      if (!name) continue;
      const pvc = context.find('PersistentVolumeClaim', ns, name);
      if (pvc && pvc.status?.phase === 'Bound') continue;
      const why = pvc ? pvcCause(context, pvc) : undefined;
      return {
        code: 'PVCPending',
        object: { kind: 'PersistentVolumeClaim', ...(ns ? { namespace: ns } : {}), name },
        detail: pvc
          ? `claim ${name} is not bound${why ? `: ${why.detail}` : ''}`
          : `claim ${name} does not exist`,
      };
    }
  }
  const insufficient = [...message.matchAll(/Insufficient ([\w./-]*\w)/g)].map((m) => m[1]);
  if (insufficient.length) {
    const requests = (pod.spec?.containers ?? [])
      .map((c: K8sObject['spec']) =>
        Object.entries(c.resources?.requests ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(' '),
      )
      .filter(Boolean)
      .join('; ');
    return {
      code: 'InsufficientResources',
      detail: `no node has enough ${[...new Set(insufficient)].join(' and ')} for the pod's requests${requests ? ` (${requests})` : ''}`,
    };
  }
  if (/didn't match (Pod's )?node (selector|affinity)/i.test(message)) {
    const selector = Object.entries(pod.spec?.nodeSelector ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    return {
      code: 'SelectorMismatch',
      detail: `no node matches the pod's node selector/affinity${selector ? ` ${selector}` : ''}`,
    };
  }
  const taint = untoleratedTaint(context, message);
  if (taint) return taint;
  return undefined;
}

// Taints a control plane carries by design: a pod that lands on no worker is not held by these.
const CONTROL_PLANE = /^node-role\.kubernetes\.io\/(control-plane|master)$/;

/**
 * The taint that keeps a pod off most nodes, from "2 node(s) had untolerated taint {key: value}" (and the older
 * "had taint {key: value}, that the pod didn't tolerate"), with the nodes that carry it.
 */
function untoleratedTaint(context: AnalysisContext, message: string): RootCause | undefined {
  const taints = [
    ...message.matchAll(/(\d+) node\(s\) had (?:untolerated )?taints? \{([^}:]+):\s*([^}]*)\}/gi),
  ].map((m) => ({ count: Number(m[1]), key: m[2]!.trim(), value: m[3]!.trim() }));
  if (taints.length === 0) return undefined;
  const ranked = [...taints].sort(
    (a, b) => Number(CONTROL_PLANE.test(a.key)) - Number(CONTROL_PLANE.test(b.key)) || b.count - a.count,
  );
  const { key, value, count } = ranked[0]!;
  const nodes = context
    .list('nodes')
    .filter((node) =>
      (node.spec?.taints ?? []).some(
        (t: { key: string; value?: string }) => t.key === key && (t.value ?? '') === value,
      ),
    );
  const effect = nodes[0]?.spec?.taints?.find((t: { key: string }) => t.key === key)?.effect;
  const shown = `${key}${value ? `=${value}` : ''}${effect ? `:${effect}` : ''}`;
  const names = nodes.map((node) => node.metadata.name);
  const where = names.length
    ? `${names.length === 1 ? 'node' : 'nodes'} ${names.slice(0, 3).join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''}`
    : `${count} ${count === 1 ? 'node' : 'nodes'}`;
  return {
    code: 'UntoleratedTaint',
    ...(names.length === 1 ? { object: { kind: 'Node', name: names[0]! } } : {}),
    detail: `the pod does not tolerate taint ${shown}, which ${where} ${names.length === 1 || (!names.length && count === 1) ? 'carries' : 'carry'}`,
  };
}

export const unschedulablePods: Analyzer = {
  name: 'unschedulable',
  reads: { Pod: ['pods', 'events', 'replicaSets'] },
  // A Pending pod's claims say whether an unbound volume holds it.
  followUps: (context) => [
    ...ownerReads(context),
    // A taint in the scheduler's message: the nodes say which carry it.
    ...(context.list('pods').some((pod) => /taint/i.test(unschedulable(pod) ?? ''))
      ? (['nodes'] as const)
      : []),
    ...(context
      .list('pods')
      .some(
        (pod) =>
          pod.status?.phase === 'Pending' &&
          (pod.spec?.volumes ?? []).some((volume: K8sObject['spec']) => volume.persistentVolumeClaim),
      )
      ? (['persistentVolumeClaims'] as const)
      : []),
  ],
  analyze(context) {
    const pods = context.list('pods').filter((pod) => unschedulable(pod) !== undefined);
    return groupByOwner(context, pods).map((group) => {
      const pod = group.pods[0]!;
      const event = context.eventsFor(refOf(pod), false).find((e) => e.reason === 'FailedScheduling');
      const message = event?.message || unschedulable(pod) || '';
      const rootCause = cause(context, pod, message);
      const who = groupName(group.owner, pod);
      return podGroupFinding(group, pod, {
        code: 'Unschedulable',
        severity: 'critical',
        rootCause,
        summary: `${who} cannot be scheduled: ${rootCause?.detail ?? message.slice(0, 160)}.`,
        evidence: [
          `pod ${pod.metadata.name}: Pending, PodScheduled=False (Unschedulable)`,
          ...(message
            ? [`FailedScheduling${event ? ` ×${event.count}` : ''}: ${message.slice(0, 200)}`]
            : []),
          ...morePods(group, `pending`),
        ],
        suggestions:
          rootCause?.code === 'InsufficientResources'
            ? [
                'lower the requests, add nodes, or let the cluster autoscaler scale up',
                'kubectl describe nodes | grep -A5 Allocated',
              ]
            : rootCause?.code === 'UntoleratedTaint'
              ? [
                  'add a toleration for that taint to the pod template, or add nodes without it',
                  'kubectl get nodes -o custom-columns=NAME:.metadata.name,TAINTS:.spec.taints',
                ]
              : rootCause?.code === 'PVCPending'
                ? [`kubectl -n ${pod.metadata.namespace} describe pvc ${rootCause.object?.name}`]
                : [`kubectl -n ${pod.metadata.namespace} describe pod ${pod.metadata.name}`],
      });
    });
  },
};
