// A host a log dials that no Service provides: an endpoint outside the cluster, a typo of a Service's name, or
// a Service (or ExternalName) that was never created. Each calls for a different fix, so the root cause says which.

import type { K8sObject } from '../cluster/index.ts';
import type { AnalysisContext } from './context.ts';

export type UnknownHost =
  | { kind: 'external'; host: string }
  | { kind: 'local'; host: string }
  | { kind: 'typo'; host: string; closest: K8sObject }
  | { kind: 'missing'; host: string; name: string; namespace?: string };

const IPV4 = /^(\d+)\.(\d+)\.\d+\.\d+$/;
const CLUSTER_SUFFIX = /\.svc(?:\.cluster\.local)?\.?$|\.cluster\.local\.?$/i;

/** RFC 1918: addresses a cluster hands out, never a public endpoint. */
function privateAddress(host: string): boolean {
  const match = IPV4.exec(host);
  if (!match) return false;
  const [a, b] = [Number(match[1]), Number(match[2])];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/** Levenshtein distance: how many one-letter edits turn one name into the other. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length]!;
}

/** A name close enough to be a slip: a few edits, or the Service's name with a suffix ("rabbitmq-prod"). */
function closeEnough(dialled: string, service: string): boolean {
  const distance = editDistance(dialled, service);
  return (
    distance <= Math.max(2, Math.floor(Math.max(dialled.length, service.length) * 0.3)) ||
    dialled.startsWith(`${service}-`) ||
    service.startsWith(`${dialled}-`)
  );
}

/** The Service in a namespace whose name is closest to a dialled one, if any is close enough to be a typo. */
export function closestService(
  context: AnalysisContext,
  namespace: string | undefined,
  name: string,
): K8sObject | undefined {
  return context
    .list('services')
    .filter((service) => service.metadata.namespace === namespace && closeEnough(name, service.metadata.name))
    .map((service) => ({ service, distance: editDistance(name, service.metadata.name) }))
    .sort((a, b) => a.distance - b.distance)[0]?.service;
}

/** Namespaces the snapshot knows of: a two-label host "name.ns" is in-cluster only when ns is one of them. */
function knownNamespaces(context: AnalysisContext): Set<string> {
  const names = new Set(context.list('namespaces').map((ns) => ns.metadata.name));
  for (const service of context.list('services'))
    if (service.metadata.namespace) names.add(service.metadata.namespace);
  return names;
}

/** What kind of host a log dials when no Service answers to it, seen from the pod's namespace. */
export function explainUnknownHost(
  context: AnalysisContext,
  namespace: string | undefined,
  host: string,
): UnknownHost {
  const lower = host.toLowerCase();
  // The pod's own loopback: a sidecar (a database proxy, a mesh) or the app's other process is not listening.
  if (/^(?:localhost|127\.\d+\.\d+\.\d+|::1)$/.test(lower)) return { kind: 'local', host };
  if (IPV4.test(lower))
    return privateAddress(lower)
      ? { kind: 'missing', host, name: host, ...(namespace ? { namespace } : {}) }
      : { kind: 'external', host };
  const labels = lower.replace(CLUSTER_SUFFIX, '').split('.');
  const inCluster =
    !lower.includes('.') ||
    CLUSTER_SUFFIX.test(lower) ||
    (labels.length === 2 && knownNamespaces(context).has(labels[1]!));
  if (!inCluster) return { kind: 'external', host };
  const { name, namespace: ns } = serviceName(host, namespace);
  const closest = closestService(context, ns, name);
  if (closest) return { kind: 'typo', host, closest };
  return { kind: 'missing', host, name, ...(ns ? { namespace: ns } : {}) };
}

/**
 * The Service name and namespace a DNS name asks for: "name", "name.ns", "name.ns.svc[.cluster.local]", and a
 * StatefulSet pod's "pod.name.ns.svc.cluster.local".
 */
export function serviceName(
  host: string,
  namespace: string | undefined,
): { name: string; namespace: string | undefined } {
  const lower = host.toLowerCase();
  const labels = lower.replace(CLUSTER_SUFFIX, '').split('.');
  if (CLUSTER_SUFFIX.test(lower) && labels.length === 3) return { name: labels[1]!, namespace: labels[2] };
  return { name: labels[0]!, namespace: labels[1] ?? namespace };
}
