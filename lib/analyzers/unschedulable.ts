// Unschedulable: a pod cannot be placed; the scheduler's message names why (resources, taints, selectors, claims).
import type { K8sObject } from '../cluster/index.ts';
import {
  type AnalysisContext,
  groupByOwner,
  groupName,
  inTwoForms,
  ownerReads,
  podGroupFinding,
  refOf,
} from '../evidence/index.ts';
import { listText, type Text, verbatim } from '../i18n/index.ts';
import type { RootCause } from '../report/index.ts';
import { pvcCause } from './pvc.ts';
import { said } from './texts.ts';
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
      const detail: Text = !pvc
        ? { key: 'cluster.claimMissing', params: { claim: name } }
        : why?.detailText
          ? { key: 'cluster.claimUnboundBecause', params: { claim: name, why: why.detailText } }
          : { key: 'cluster.claimUnbound', params: { claim: name } };
      return {
        code: 'PVCPending',
        object: { kind: 'PersistentVolumeClaim', ...(ns ? { namespace: ns } : {}), name },
        ...said(detail),
      };
    }
  }
  const insufficient = [...message.matchAll(/Insufficient ([\w./-]*\w)/g)].map((m) => m[1]!);
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
      ...said({
        key: 'cluster.insufficient',
        params: {
          resources: listText('cluster.and', [...new Set(insufficient)]),
          requests: requests || 'none',
        },
      }),
    };
  }
  if (/didn't match (Pod's )?node (selector|affinity)/i.test(message)) {
    const selector = Object.entries(pod.spec?.nodeSelector ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    return {
      code: 'SelectorMismatch',
      ...said({ key: 'cluster.selectorMismatch', params: { selector: selector || 'none' } }),
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
  return {
    code: 'UntoleratedTaint',
    ...(names.length === 1 ? { object: { kind: 'Node', name: names[0]! } } : {}),
    ...said({
      key: 'cluster.untoleratedTaint',
      params: {
        taint: shown,
        nodes: names.length,
        names: names.slice(0, 3).join(', '),
        more: Math.max(0, names.length - 3),
        count,
      },
    }),
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
      const summary: Text = {
        key: 'cluster.unschedulable',
        params: { who, cause: rootCause?.detailText ?? message.slice(0, 160) },
      };
      const evidence: Text[] = [
        { key: 'cluster.podPending', params: { pod: pod.metadata.name } },
        // The scheduler's own words, quoted: nothing in them is ours to translate.
        ...(message
          ? [verbatim(`FailedScheduling${event ? ` ×${event.count}` : ''}: ${message.slice(0, 200)}`)]
          : []),
        ...(group.pods.length > 1
          ? [{ key: 'cluster.morePending' as const, params: { count: group.pods.length } }]
          : []),
      ];
      const suggestions: Text[] =
        rootCause?.code === 'InsufficientResources'
          ? [{ key: 'cluster.lowerRequests' }, verbatim('kubectl describe nodes | grep -A5 Allocated')]
          : rootCause?.code === 'UntoleratedTaint'
            ? [
                { key: 'cluster.addToleration' },
                verbatim('kubectl get nodes -o custom-columns=NAME:.metadata.name,TAINTS:.spec.taints'),
              ]
            : rootCause?.code === 'PVCPending'
              ? [verbatim(`kubectl -n ${pod.metadata.namespace} describe pvc ${rootCause.object?.name}`)]
              : [verbatim(`kubectl -n ${pod.metadata.namespace} describe pod ${pod.metadata.name}`)];
      return {
        ...podGroupFinding(group, pod, {
          code: 'Unschedulable',
          severity: 'critical',
          rootCause,
          ...inTwoForms({ summary, evidence, suggestions }),
        }),
      };
    });
  },
};
