// Root-cause correlation across objects: a log's host:port to its Service, a Service to why it has no
// endpoints, pods to their owners. Shared by the analyzers so each names the cause past its own symptom.

import type { K8sObject } from '../cluster/index.ts';
import { render, type Text, verbatim } from '../i18n/index.ts';
import type { FindingCode, ObjectRef, RootCause } from '../report/index.ts';
import { type AnalysisContext, describeRef, formatSelector, matches, refOf } from './context.ts';
import {
  applicationError,
  type ConnectionFailure,
  connectionFailures,
  keyLines,
  mentionsOom,
  missingSetting,
  telling,
} from './logs.ts';
import { explainBlocked, explainDnsBlocked } from './network-policy.ts';
import { explainUnknownHost, serviceName } from './unknown-host.ts';

export interface Cause {
  rootCause: RootCause;
  evidence: string[];
  /** `evidence` kept language-neutral, one for one. */
  evidenceTexts?: Text[];
}

/** A RootCause whose detail is said once as a `Text`: its English `detail` is that rendered in en. */
export const rootCauseOf = (code: FindingCode, object: ObjectRef | undefined, detail: Text): RootCause => ({
  code,
  ...(object ? { object } : {}),
  detail: render(detail, 'en'),
  detailText: detail,
});

/** A Cause said once as `Text`s: its English detail and evidence are those rendered in en. */
export function causeOf(
  code: FindingCode,
  object: ObjectRef | undefined,
  detail: Text,
  evidence: Text[],
): Cause {
  return {
    rootCause: rootCauseOf(code, object, detail),
    evidence: evidence.map((text) => render(text, 'en')),
    evidenceTexts: evidence,
  };
}

/** A Cause's evidence as `Text`s (a Cause built without them quotes its English lines). */
export const evidenceTextsOf = (cause: Cause | undefined): Text[] =>
  cause ? (cause.evidenceTexts ?? cause.evidence.map(verbatim)) : [];

/** A root cause's detail as a `Text` (a detail stored without one is quoted as it is). */
export const detailTextOf = (rootCause: RootCause): Text =>
  rootCause.detailText ?? verbatim(rootCause.detail ?? '');

const logLine = (line: string): Text => ({ key: 'pods.logLine', params: { line } });

export function isReady(pod: K8sObject): boolean {
  return (pod.status?.conditions ?? []).some(
    (condition: { type: string; status: string }) =>
      condition.type === 'Ready' && condition.status === 'True',
  );
}

// biome-ignore lint/suspicious/noExplicitAny: container status shapes as the API returns them
export type ContainerStatus = any;

export function containerStatuses(pod: K8sObject): ContainerStatus[] {
  return pod.status?.containerStatuses ?? [];
}

/** The Service a host (name, FQDN or ClusterIP) refers to, seen from a namespace. */
export function serviceForHost(context: AnalysisContext, namespace: string | undefined, host: string) {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host))
    return context.list('services').find((service) => service.spec?.clusterIP === host);
  const { name, namespace: ns } = serviceName(host, namespace);
  return name ? context.find('Service', ns, name) : undefined;
}

/** Whether a Service has a ready endpoint (from its Endpoints object, else from the pods it selects). */
export function hasReadyEndpoints(context: AnalysisContext, service: K8sObject): boolean {
  const endpoints = context.find('Endpoints', service.metadata.namespace, service.metadata.name);
  if (endpoints)
    return (endpoints.subsets ?? []).some(
      (subset: { addresses?: unknown[] }) => (subset.addresses ?? []).length > 0,
    );
  const slices = context
    .list('endpointSlices')
    .filter(
      (slice) =>
        slice.metadata.namespace === service.metadata.namespace &&
        slice.metadata.labels?.['kubernetes.io/service-name'] === service.metadata.name,
    );
  if (slices.length > 0)
    return slices.some((slice) =>
      (slice.endpoints ?? []).some(
        (endpoint: { conditions?: { ready?: boolean } }) => endpoint.conditions?.ready !== false,
      ),
    );
  return context.podsMatching(service.metadata.namespace, service.spec?.selector).some(isReady);
}

/** Why a Service has no ready endpoints; undefined when it has some (or is not meant to have any). */
export function explainNoEndpoints(context: AnalysisContext, service: K8sObject): Cause | undefined {
  if (service.spec?.type === 'ExternalName') return undefined;
  const selector: Record<string, string> | undefined = service.spec?.selector;
  if (!selector || Object.keys(selector).length === 0) return undefined; // endpoints managed by hand
  if (hasReadyEndpoints(context, service)) return undefined;
  const namespace = service.metadata.namespace;
  const text = formatSelector(selector);
  const selected = context.podsMatching(namespace, selector);
  const workloads = ['deployments', 'statefulSets', 'daemonSets'] as const;
  if (selected.length === 0) {
    // A workload whose pod template matches the selector but runs no pods: scaled to zero.
    for (const name of workloads) {
      for (const workload of context.list(name)) {
        if (workload.metadata.namespace !== namespace) continue;
        if (!matches(selector, workload.spec?.template?.metadata?.labels)) continue;
        const ref = refOf(workload);
        const replicas = workload.spec?.replicas;
        if (replicas === 0)
          return causeOf(
            'WorkloadUnavailable',
            ref,
            { key: 'pods.scaledToZero', params: { workload: describeRef(ref) } },
            [
              {
                key: 'pods.selectorMatchesScaledToZero',
                params: { selector: text, workload: describeRef(ref), field: 'spec.replicas=0' },
              },
            ],
          );
      }
    }
    const nearMiss = nearestWorkload(context, namespace, selector, service.metadata.name);
    const detail: Text = nearMiss
      ? {
          key: 'pods.selectorMatchesNoPodNear',
          params: {
            selector: text,
            workload: `${nearMiss.ref.kind} ${nearMiss.ref.name}`,
            labels: nearMiss.labels,
          },
        }
      : { key: 'pods.selectorMatchesNoPod', params: { selector: text } };
    return causeOf('SelectorMismatch', nearMiss ? nearMiss.ref : refOf(service), detail, [
      { key: 'pods.serviceSelector', params: { service: service.metadata.name, selector: text } },
      ...(nearMiss
        ? [
            {
              key: 'pods.workloadPodLabels',
              params: { workload: describeRef(nearMiss.ref), labels: nearMiss.labels },
            } as const,
          ]
        : []),
    ]);
  }
  const owner = context.ownerOf(selected[0]!);
  const crashing = selected.some((pod) =>
    containerStatuses(pod).some((status) => status.state?.waiting?.reason === 'CrashLoopBackOff'),
  );
  const pending = selected.every((pod) => pod.status?.phase === 'Pending');
  return causeOf(
    crashing ? 'CrashLoopBackOff' : pending ? 'Unschedulable' : 'ProbeFailure',
    owner ?? refOf(selected[0]!),
    {
      key: 'pods.selectedNoneReady',
      params: {
        count: selected.length,
        selector: text,
        state: crashing ? 'crashing' : pending ? 'pending' : 'ready',
      },
    },
    [{ key: 'pods.selectorMatchesNotReady', params: { selector: text, count: selected.length } }],
  );
}

/** The workload whose pod labels come closest to a selector (same keys, different values). */
function nearestWorkload(
  context: AnalysisContext,
  namespace: string | undefined,
  selector: Record<string, string>,
  serviceName: string,
): { ref: ObjectRef; labels: string } | undefined {
  let best: { ref: ObjectRef; labels: string; score: number } | undefined;
  const consider = (ref: ObjectRef, labels: Record<string, string> | undefined) => {
    if (!labels) return;
    let score = 0;
    for (const [label, value] of Object.entries(selector)) {
      const actual = labels[label];
      if (actual === value) score += 2;
      else if (actual !== undefined) score += 1 + similarity(actual, value);
      else if (Object.values(labels).some((v) => v === value || v.includes(value))) score += 0.5;
    }
    // A workload named like the Service is most likely the one it was meant to select.
    if (score > 0 && ref.name === serviceName) score += 1;
    if (score > 0 && (!best || score > best.score)) {
      const shown = Object.keys(selector)
        .filter((label) => labels[label] !== undefined)
        .map((label) => `${label}=${labels[label]}`);
      best = {
        ref,
        labels: (shown.length ? shown : Object.entries(labels).map(([k, v]) => `${k}=${v}`)).join(','),
        score,
      };
    }
  };
  for (const name of ['deployments', 'statefulSets', 'daemonSets'] as const)
    for (const workload of context.list(name))
      if (workload.metadata.namespace === namespace)
        consider(refOf(workload), workload.spec?.template?.metadata?.labels);
  if (!best) {
    for (const pod of context.podsIn(namespace))
      consider(context.ownerOf(pod) ?? refOf(pod), pod.metadata.labels);
  }
  return best && { ref: best.ref, labels: best.labels };
}

/** 0..1: how much of two label values is shared (common prefix and suffix over the longer length). */
function similarity(a: string, b: string): number {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a.at(-1 - suffix) === b.at(-1 - suffix))
    suffix++;
  return (prefix + suffix) / Math.max(a.length, b.length);
}

/** What a pod's log says is wrong: an unreachable dependency (matched to its Service), a missing setting, an app error. */
export function causeFromLog(context: AnalysisContext, pod: K8sObject, text: string): Cause | undefined {
  if (!text.trim()) return undefined;
  const namespace = pod.metadata.namespace;
  const failures = connectionFailures(text);
  const failure = telling(failures);
  if (failure) {
    const target = `${failure.host}${failure.port ? `:${failure.port}` : ''}`;
    const verb: Text = {
      key:
        failure.kind === 'refused'
          ? 'pods.failure.refused'
          : failure.kind === 'dns'
            ? 'pods.failure.dns'
            : failure.kind === 'unavailable'
              ? 'pods.failure.unavailable'
              : 'pods.failure.timeout',
    };
    const service = serviceForHost(context, namespace, failure.host);
    if (service) {
      const ref = refOf(service);
      const why = explainNoEndpoints(context, service);
      const port = failure.port ?? service.spec?.ports?.[0]?.port;
      const name = `${service.metadata.name}${port ? `:${port}` : ''}`;
      const ports: number[] = (service.spec?.ports ?? []).map((p: { port: number }) => p.port);
      // The Service is there but not on the port the app dials: a configuration slip, not an outage.
      const wrongPort =
        !why && failure.port !== undefined && ports.length > 0 && !ports.includes(failure.port);
      // Endpoints are there and the port is right, yet the packets are dropped or no name resolves: a policy.
      const blocked =
        why || wrongPort || failure.kind === 'refused'
          ? undefined
          : failure.kind === 'dns' || /lookup \S+ on \S+:53\b/.test(failure.line)
            ? explainDnsBlocked(context, pod)
            : explainBlocked(context, pod, service, failure.port);
      if (blocked)
        return causeOf(
          'DependencyUnreachable',
          blocked.policy,
          {
            key: 'pods.cannotReachServiceBlocked',
            params: { service: name, failure: verb, why: blocked.detailText },
          },
          [logLine(failure.line), ...blocked.evidenceTexts],
        );
      const detail: Text = why
        ? {
            key: 'pods.cannotReachServiceNoEndpoints',
            params: { service: name, failure: verb, why: detailTextOf(why.rootCause) },
          }
        : wrongPort
          ? {
              key: 'pods.cannotReachServiceWrongPort',
              params: { service: name, failure: verb, ports: ports.join(', '), port: String(failure.port) },
            }
          : { key: 'pods.cannotReachServiceAt', params: { service: name, failure: verb, target } };
      return causeOf('DependencyUnreachable', ref, detail, [logLine(failure.line), ...evidenceTextsOf(why)]);
    }
    return causeOf(
      'DependencyUnreachable',
      undefined,
      unknownHostDetail(context, namespace, failure, target, verb),
      [logLine(failure.line)],
    );
  }
  const missing = missingSetting(text);
  if (missing)
    return causeOf(
      'MissingConfig',
      undefined,
      { key: 'pods.settingNotSet', params: { env: missing.env ? 'env' : 'setting', name: missing.name } },
      [logLine(missing.line)],
    );
  if (mentionsOom(text)) {
    const line = keyLines(text, 8).find((l) => /memory|oom/i.test(l)) ?? 'out of memory';
    return causeOf('ApplicationError', undefined, { key: 'pods.appOutOfMemory', params: { line } }, [
      logLine(line),
    ]);
  }
  const error = applicationError(text);
  if (error)
    return causeOf(
      'ApplicationError',
      undefined,
      { key: 'pods.appFails', params: { error } },
      keyLines(text, 3).map(logLine),
    );
  return undefined;
}

/** Why a dialled host no Service answers to fails: which of external, typo or missing it is decides the fix. */
function unknownHostDetail(
  context: AnalysisContext,
  namespace: string | undefined,
  failure: ConnectionFailure,
  target: string,
  failed: Text,
): Text {
  const unknown = explainUnknownHost(context, namespace, failure.host);
  const params = { target, failure: failed };
  if (unknown.kind === 'external') return { key: 'pods.cannotReachExternal', params };
  if (unknown.kind === 'local') return { key: 'pods.cannotReachLocal', params };
  if (unknown.kind === 'typo')
    return {
      key: 'pods.cannotReachTypo',
      params: { ...params, host: failure.host, closest: unknown.closest.metadata.name },
    };
  if (/^\d/.test(unknown.name)) return { key: 'pods.cannotReachNoAddress', params };
  return unknown.namespace
    ? {
        key: 'pods.cannotReachMissingIn',
        params: { ...params, name: unknown.name, namespace: unknown.namespace },
      }
    : { key: 'pods.cannotReachMissing', params: { ...params, name: unknown.name } };
}
