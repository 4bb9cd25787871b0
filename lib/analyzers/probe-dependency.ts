// The dependency a failing probe waits on: the probe's answer or the pod's log names it (redis LOADING, a refused
// host:port, an exec probe's client error), matched to the workload or Service that serves it.
import type { K8sObject } from '../cluster/index.ts';
import {
  type AnalysisContext,
  type Cause,
  causeFromLog,
  connectionFailures,
  describeRef,
  refOf,
  serviceForHost,
} from '../evidence/index.ts';
import { render, type Text, verbatim } from '../i18n/index.ts';
import type { ObjectRef } from '../report/index.ts';

/** Servers a probe's answer may name by their own name (a client's error, an exec probe's tool). */
const servers: readonly { name: string; pattern: RegExp }[] = [
  { name: 'redis', pattern: /\bredis\b/i },
  { name: 'mysql', pattern: /\b(?:mysql|mariadb)\b/i },
  { name: 'postgres', pattern: /\b(?:postgres(?:ql)?|pg_isready|libpq)\b/i },
  { name: 'mongodb', pattern: /\bmongo(?:db)?\b/i },
  { name: 'kafka', pattern: /\bkafka\b/i },
  { name: 'rabbitmq', pattern: /\brabbitmq\b/i },
  { name: 'elasticsearch', pattern: /\belasticsearch\b/i },
  { name: 'memcached', pattern: /\bmemcached?\b/i },
];

/** A server's own word for "up, but not serving yet" (quoted as it says it, never translated). */
const notYet = [
  /\b(LOADING)\b/,
  /\b(MASTERDOWN)\b/,
  /\b(BUSY)\b/,
  /the database system is (starting up|shutting down)/i,
];

/**
 * Whether a refused or timed-out address in a probe's answer is the probe's own target (the kubelet dials the pod's
 * IP for an HTTP, TCP or gRPC probe): then the app itself does not answer, no dependency is named.
 */
function ownTarget(pod: K8sObject, host: string, exec: boolean): boolean {
  if (['localhost', '127.0.0.1', '::1', pod.status?.podIP].includes(host)) return true;
  return !exec && /^[\d.:]+$/.test(host);
}

/** The failures in a probe's answer that name another server than the probe's target. */
const dependencyFailures = (pod: K8sObject, answer: string, exec: boolean) =>
  connectionFailures(answer).filter((f) => !ownTarget(pod, f.host, exec));

export interface ProbeDependency extends Cause {
  /** The server's state for the chain (`LOADING`), when it said one. */
  state?: Text;
  /** `evidence` kept language-neutral, when its builder kept it. */
  evidenceTexts?: Text[];
}

/** The workload behind a dependency's Service (what to fix), else the Service, else a workload named like it. */
function serverObject(context: AnalysisContext, namespace: string | undefined, name: string) {
  const service =
    serviceForHost(context, namespace, name) ??
    context
      .list('services')
      .find((s) => s.metadata.namespace === namespace && s.metadata.name.startsWith(`${name}-`));
  const selector: Record<string, string> | undefined = service?.spec?.selector;
  const backing = selector && context.podsMatching(namespace, selector)[0];
  const owner = backing ? (context.ownerOf(backing) ?? refOf(backing)) : undefined;
  if (owner) return owner;
  if (service) return refOf(service);
  for (const list of ['statefulSets', 'deployments'] as const) {
    const named = context
      .list(list)
      .find(
        (workload) =>
          workload.metadata.namespace === namespace &&
          (workload.metadata.name === name || workload.metadata.name.startsWith(`${name}-`)),
      );
    if (named) return refOf(named);
  }
  return undefined;
}

/** The dependency a probe's failure message names, by a host:port it could not reach or a server's own words. */
function fromProbeAnswer(
  context: AnalysisContext,
  pod: K8sObject,
  answer: string,
  exec: boolean,
): ProbeDependency | undefined {
  const namespace = pod.metadata.namespace;
  const failure = dependencyFailures(pod, answer, exec)[0];
  if (failure) return causeFromLog(context, pod, failure.line);
  const server = servers.find((s) => s.pattern.test(answer));
  if (!server) return undefined;
  const said = notYet.map((pattern) => pattern.exec(answer)?.[1]).find(Boolean);
  const object: ObjectRef | undefined = serverObject(context, namespace, server.name);
  const who = object ? describeRef(object) : server.name;
  const detail: Text = said
    ? { key: 'history.serverNotServing', params: { server: who, state: said } }
    : { key: 'history.serverSilent', params: { server: who } };
  return {
    rootCause: {
      code: 'DependencyUnreachable',
      ...(object ? { object } : {}),
      detail: render(detail, 'en'),
      detailText: detail,
    },
    evidence: [],
    ...(said ? { state: verbatim(said) } : {}),
  };
}

/**
 * Why a probe fails past the container itself: its answer names a dependency, else the pod's log does (an
 * unreachable dependency only; an app error in the log is the app's own story).
 */
export function probeDependency(
  context: AnalysisContext,
  pod: K8sObject,
  answer: string,
  container: string | undefined,
  exec: boolean,
): ProbeDependency | undefined {
  const said = fromProbeAnswer(context, pod, answer, exec);
  if (said) return said;
  const log = context.log(pod.metadata.namespace!, pod.metadata.name, container, false);
  const cause = log ? causeFromLog(context, pod, log.text) : undefined;
  return cause?.rootCause.code === 'DependencyUnreachable' ? cause : undefined;
}

/** Whether a probe's answer already names its dependency (then the pod's log need not be read). */
export function answerNamesDependency(pod: K8sObject, answer: string, exec: boolean): boolean {
  return dependencyFailures(pod, answer, exec).length > 0 || servers.some((s) => s.pattern.test(answer));
}
