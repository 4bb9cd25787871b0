// NetworkPolicy: whether the policies let a pod reach a Service's pods on a port. It is the cause behind a
// timeout (or a failed DNS lookup) to a Service that has ready endpoints, which no other object shows.
import type { K8sObject, ResourceName } from '../cluster/index.ts';
import { render, type Text } from '../i18n/index.ts';
import type { ObjectRef } from '../report/index.ts';
import { type AnalysisContext, formatSelector, refOf } from './context.ts';
import { isReady } from './correlate.ts';
import { connectionFailures } from './logs.ts';

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

interface Peer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: unknown;
}

interface PolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: PolicyPort[];
}

export interface Blocked {
  policy: ObjectRef;
  detail: string;
  evidence: string[];
  /** `detail` and `evidence` kept language-neutral. */
  detailText: Text;
  evidenceTexts: Text[];
}

/** A Blocked said once as `Text`s; its English is them rendered in en. */
function blocked(policy: ObjectRef, detail: Text, evidence: Text[]): Blocked {
  return {
    policy,
    detail: render(detail, 'en'),
    evidence: evidence.map((text) => render(text, 'en')),
    detailText: detail,
    evidenceTexts: evidence,
  };
}

/** A Kubernetes label selector; the empty selector matches everything. */
export function selects(
  selector: LabelSelector | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector) return true;
  const own = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (own[key] !== value) return false;
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(own, key);
    if (operator === 'In' && !(has && values.includes(own[key] as string))) return false;
    if (operator === 'NotIn' && has && values.includes(own[key] as string)) return false;
    if (operator === 'Exists' && !has) return false;
    if (operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function types(policy: K8sObject): string[] {
  return policy.spec?.policyTypes ?? ['Ingress', ...(policy.spec?.egress ? ['Egress'] : [])];
}

/** Namespace labels: the Namespace object's when it was read, else the label every namespace carries. */
function namespaceLabels(context: AnalysisContext, namespace: string): Record<string, string> {
  const object = context.find('Namespace', undefined, namespace);
  return { 'kubernetes.io/metadata.name': namespace, ...object?.metadata.labels };
}

/** True, false, or undefined when an ipBlock peer makes it undecidable from objects alone. */
function peerAllows(context: AnalysisContext, peers: Peer[] | undefined, pod: K8sObject, policyNs: string) {
  if (!peers || peers.length === 0) return true;
  let unknown = false;
  for (const peer of peers) {
    if (peer.ipBlock) {
      unknown = true;
      continue;
    }
    const podNs = pod.metadata.namespace ?? '';
    const inNamespace = peer.namespaceSelector
      ? selects(peer.namespaceSelector, namespaceLabels(context, podNs))
      : podNs === policyNs;
    if (inNamespace && selects(peer.podSelector, pod.metadata.labels)) return true;
  }
  return unknown ? undefined : false;
}

/** The container port a Service port reaches on a pod (numbers, or names resolved against the pod's ports). */
function podPort(service: K8sObject, port: number | undefined, pod: K8sObject): number | string | undefined {
  const ports: { port: number; targetPort?: number | string }[] = service.spec?.ports ?? [];
  const servicePort = ports.find((p) => p.port === port) ?? ports[0];
  const target = servicePort?.targetPort ?? servicePort?.port ?? port;
  if (typeof target !== 'string') return target;
  for (const container of pod.spec?.containers ?? []) {
    const named = (container.ports ?? []).find((p: { name?: string }) => p.name === target);
    if (named) return named.containerPort;
  }
  return target;
}

function portAllows(
  ports: PolicyPort[] | undefined,
  port: number | string | undefined,
  pod: K8sObject,
): boolean {
  if (!ports || ports.length === 0 || port === undefined) return true;
  return ports.some((p) => {
    if (p.protocol && p.protocol !== 'TCP') return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'string') {
      const named = (pod.spec?.containers ?? [])
        .flatMap((c: K8sObject['spec']) => c.ports ?? [])
        .find((c: { name?: string }) => c.name === p.port);
      return named ? named.containerPort === port : p.port === port;
    }
    return typeof port === 'number' && port >= p.port && port <= (p.endPort ?? p.port);
  });
}

function policiesSelecting(
  context: AnalysisContext,
  pod: K8sObject,
  type: 'Ingress' | 'Egress',
): K8sObject[] {
  return context
    .list('networkPolicies')
    .filter(
      (policy) =>
        policy.metadata.namespace === pod.metadata.namespace &&
        types(policy).includes(type) &&
        selects(policy.spec?.podSelector, pod.metadata.labels),
    );
}

/** The policies as a sentence names them: how many (for ICU plural) and which. */
const named = (policies: K8sObject[]) => ({
  count: policies.length,
  policies: policies.map((p) => p.metadata.name).join(', '),
});

/**
 * True when the policies isolating a pod in `direction` leave no rule that lets `peer` through on `port`; false
 * when one does, or when an ipBlock makes it undecidable from objects alone.
 */
function denies(
  context: AnalysisContext,
  policies: K8sObject[],
  direction: 'ingress' | 'egress',
  peer: K8sObject,
  port: number | string | undefined,
  portOwner: K8sObject,
): boolean {
  const verdicts = policies.flatMap((policy) =>
    ((policy.spec?.[direction] ?? []) as Rule[]).map((rule) =>
      portAllows(rule.ports, port, portOwner)
        ? peerAllows(
            context,
            direction === 'ingress' ? rule.from : rule.to,
            peer,
            policy.metadata.namespace ?? '',
          )
        : false,
    ),
  );
  return !verdicts.includes(true) && !verdicts.includes(undefined);
}
const labelsOf = (pod: K8sObject): string | Text =>
  formatSelector(pod.metadata.labels ?? {}) || { key: 'pods.noLabels' };
const policyName = (p: K8sObject) => `${p.metadata.namespace}/${p.metadata.name}`;

/** Which policy stops `source` from reaching the ready pods behind `service` on `port`, if one does. */
export function explainBlocked(
  context: AnalysisContext,
  source: K8sObject,
  service: K8sObject,
  port: number | undefined,
): Blocked | undefined {
  if (!context.loaded('networkPolicies')) return undefined;
  const selector: Record<string, string> | undefined = service.spec?.selector;
  const target = context.podsMatching(service.metadata.namespace, selector).find(isReady);
  if (!target) return undefined;
  const onPort = podPort(service, port, target);

  const ingress = policiesSelecting(context, target, 'Ingress');
  if (ingress.length > 0 && denies(context, ingress, 'ingress', source, onPort, target)) {
    return blocked(
      refOf(ingress[0]!),
      {
        key: 'pods.policyBlocksIngress',
        params: {
          ...named(ingress),
          service: service.metadata.name,
          labels: labelsOf(source),
          namespace: String(source.metadata.namespace),
          port: String(onPort),
        },
      },
      ingress.map((p) => ({
        key: 'pods.policyIngressRules',
        params: {
          policy: policyName(p),
          field: 'podSelector',
          selector: formatSelector(p.spec?.podSelector?.matchLabels ?? {}) || { key: 'pods.allPods' },
          count: (p.spec?.ingress ?? []).length,
        },
      })),
    );
  }

  const egress = policiesSelecting(context, source, 'Egress');
  if (egress.length > 0 && denies(context, egress, 'egress', target, onPort, target)) {
    return blocked(
      refOf(egress[0]!),
      {
        key: 'pods.policyBlocksEgress',
        params: {
          ...named(egress),
          labels: labelsOf(source),
          service: service.metadata.name,
          port: String(onPort),
        },
      },
      egress.map((p) => ({
        key: 'pods.policyEgressRules',
        params: { policy: policyName(p), count: (p.spec?.egress ?? []).length },
      })),
    );
  }
  return undefined;
}

/** Which egress policy stops `source` from asking DNS (port 53), if one does: every name then fails to resolve. */
export function explainDnsBlocked(context: AnalysisContext, source: K8sObject): Blocked | undefined {
  if (!context.loaded('networkPolicies')) return undefined;
  const egress = policiesSelecting(context, source, 'Egress');
  if (egress.length === 0) return undefined;
  const allowsDns = egress.some((policy) =>
    ((policy.spec?.egress ?? []) as Rule[]).some(
      (rule) =>
        !rule.ports ||
        rule.ports.length === 0 ||
        rule.ports.some(
          (p) => p.port === undefined || p.port === 53 || p.port === 'dns' || p.port === 'dns-tcp',
        ),
    ),
  );
  if (allowsDns) return undefined;
  return blocked(
    refOf(egress[0]!),
    { key: 'pods.policyBlocksDns', params: { ...named(egress), labels: labelsOf(source) } },
    egress.map((p) => ({
      key: 'pods.policyEgressPorts',
      params: {
        policy: policyName(p),
        ports: JSON.stringify((p.spec?.egress ?? []).flatMap((r: Rule) => r.ports ?? [])),
      },
    })),
  );
}

/** The policies, read only once a log shows a timeout or a failed lookup (a refused connection is no policy). */
export function policyReads(context: AnalysisContext): ResourceName[] {
  const suspect = context.snapshot.logs.some((log) =>
    connectionFailures(log.text).some((failure) => failure.kind !== 'refused'),
  );
  return suspect ? ['networkPolicies'] : [];
}
