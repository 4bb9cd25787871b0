// ProbeFailure: a container fails its probes now (Unhealthy, Ready=False) or was killed by its liveness/startup
// probe again and again in the last hour (Killing events, recent restarts) even if it looks Ready right now.
import type { K8sObject } from '../cluster/index.ts';
import {
  type AnalysisContext,
  containerStatuses,
  describeProbe,
  describeRef,
  groupByOwner,
  groupName,
  isReady,
  ownerReads,
  podGroupFinding,
  probeKills,
  probeKindOf,
  recentEvents,
  recentTermination,
  refOf,
} from '../evidence/index.ts';
import { render, type Text, verbatim } from '../i18n/index.ts';
import { crashingContainer } from './crashloop.ts';
import { agoParams, EvidenceLines } from './history-text.ts';
import { answerNamesDependency, probeDependency } from './probe-dependency.ts';
import { type Analyzer, LOG_LIMIT_BYTES, LOG_TAIL_LINES, type LogRequest } from './types.ts';

/** Kills in the window from which a probe is the incident, not a blip. */
const REPEATED_KILLS = 2;

/** The probe kills that make a pod a suspect: repeated, or one that restarted the container within the window. */
function killsOf(context: AnalysisContext, pod: K8sObject) {
  return probeKills(context, pod).filter((kill) => {
    const status = containerStatuses(pod).find((s) => s.name === kill.container);
    return kill.kills >= REPEATED_KILLS || (status && recentTermination(context, status));
  });
}

function suspect(context: AnalysisContext, pod: K8sObject): boolean {
  if (pod.status?.phase !== 'Running' || pod.metadata.deletionTimestamp) return false;
  if (crashingContainer(context, pod)) return false; // the crash loop is the finding
  if (killsOf(context, pod).length > 0) return true;
  if (isReady(pod)) return false;
  const running = containerStatuses(pod).some((status) => status.state?.running && !status.ready);
  return running && context.eventsFor(refOf(pod)).some((event) => event.reason === 'Unhealthy');
}

/** What the failing probe answered and where, for one pod of a group. */
function failingProbe(context: AnalysisContext, pod: K8sObject) {
  const kill = killsOf(context, pod)[0];
  const unhealthy = kill?.failure ?? context.eventsFor(refOf(pod)).find((e) => e.reason === 'Unhealthy');
  const kind = kill?.kind ?? probeKindOf(unhealthy?.message ?? '');
  const container = kill?.container ?? containerStatuses(pod).find((s) => !s.ready)?.name ?? '';
  const spec = (pod.spec?.containers ?? []).find((c: { name: string }) => c.name === container);
  const exec = !!spec?.[`${kind}Probe`]?.exec;
  const answer = (unhealthy?.message ?? '').replace(/^(Readiness|Liveness|Startup) probe failed:\s*/i, '');
  return { kill, unhealthy, kind, container, exec, answer };
}

/**
 * The pod's log is read only when the app answered its own readiness check with a 5xx and did not say why: an app
 * that judges itself not ready usually waits on a dependency, and its log names it.
 */
function wantsLog(context: AnalysisContext, pod: K8sObject): boolean {
  const { answer, exec } = failingProbe(context, pod);
  return /statuscode: 5\d\d/i.test(answer) && !answerNamesDependency(pod, answer, exec);
}

export const probeFailure: Analyzer = {
  name: 'probes',
  // A probe's answer may name a dependency: its Service and the workload behind it (read for crash loops too).
  reads: { Pod: ['pods', 'events', 'replicaSets', 'services', 'deployments', 'statefulSets'] },
  followUps: ownerReads,
  logs(context) {
    const suspects = context.list('pods').filter((pod) => suspect(context, pod));
    return groupByOwner(context, suspects).flatMap((group): LogRequest[] => {
      const pod = group.pods[0]!;
      if (!wantsLog(context, pod)) return [];
      const { container } = failingProbe(context, pod);
      return [
        {
          namespace: pod.metadata.namespace!,
          pod: pod.metadata.name,
          ...(container ? { container } : {}),
          previous: false,
          tailLines: LOG_TAIL_LINES,
          limitBytes: LOG_LIMIT_BYTES,
        },
      ];
    });
  },
  analyze(context) {
    const suspects = context.list('pods').filter((pod) => suspect(context, pod));
    return groupByOwner(context, suspects).map((group) => {
      const pod = group.pods[0]!;
      const who = groupName(group.owner, pod);
      const { kill, unhealthy, kind, container, exec, answer: detail } = failingProbe(context, pod);
      const check = describeProbe(pod, container, kind);
      const dependency = probeDependency(context, pod, detail, container || undefined, exec);
      const status = containerStatuses(pod).find((s) => s.name === container);
      const last = status ? recentTermination(context, status) : undefined;
      const backoff = recentEvents(context, refOf(pod), 'BackOff')[0];
      // "Get "http://10.0.0.1:8081/healthz": dial tcp …: connect: connection refused" says it in its last words.
      const said = (detail.length > 60 ? (detail.split(': ').at(-1) ?? detail) : detail).slice(0, 100);
      const probeParams = {
        who,
        kind,
        action: check?.action ?? 'none',
        said: said || 'none',
        listens: check?.portMismatch ? check.ports.join(', ') : 'none',
      };
      const cause = dependency?.rootCause;
      const server = cause?.object ? describeRef(cause.object) : 'none';
      // Said language-neutral (key and parameters); the English strings are these rendered in en.
      const summary: Text = dependency?.state
        ? {
            key: 'history.probeWaitsOnServer',
            params: {
              ...probeParams,
              server,
              state: render(dependency.state, 'en'),
              // "LOADING Redis is loading the dataset in memory": the state is said once, its words after it.
              said: said.replace(render(dependency.state, 'en'), '').trim() || 'none',
            },
          }
        : dependency
          ? { key: 'history.probeWaitsOn', params: { ...probeParams, dependency: server } }
          : kill
            ? { key: 'history.probeKills', params: { ...probeParams, count: kill.kills } }
            : { key: 'history.probeNotReady', params: probeParams };
      const suggestions: Text[] = [
        ...(cause?.object ? [{ key: 'history.checkDependency', params: { object: server } } as Text] : []),
        verbatim(`kubectl -n ${pod.metadata.namespace} describe pod ${pod.metadata.name}`),
        check?.portMismatch ? { key: 'history.probePort' } : { key: 'history.probeCheck' },
      ];
      const lines = new EvidenceLines();
      if (kill || !status)
        lines.say({
          key: 'history.podRestarts',
          params: {
            pod: pod.metadata.name,
            container,
            ready: isReady(pod) ? 'yes' : 'no',
            count: String(status?.restartCount ?? 0),
          },
        });
      else lines.say({ key: 'history.podNotReady', params: { pod: pod.metadata.name } });
      lines.quote(dependency?.evidence ?? [], dependency?.evidenceTexts);
      if (check)
        lines.say({
          key: 'history.probeListens',
          params: { kind, action: check.action, ports: check.ports.join(', ') || 'none' },
        });
      if (kill)
        lines.say({
          key: 'history.eventKilling',
          params: { count: String(kill.kills), ...agoParams(context, kill.lastSeen), container, kind },
        });
      if (unhealthy)
        lines.say({
          key: 'history.eventUnhealthy',
          params: { count: String(unhealthy.count), message: unhealthy.message.slice(0, 160) },
        });
      if (last)
        lines.say({
          key: 'history.lastTerminated',
          params: {
            ...agoParams(context, Date.parse(last.finishedAt)),
            exitCode: String(last.exitCode),
            reason: last.reason || 'none',
          },
        });
      if (backoff)
        lines.say({
          key: 'history.eventBackOff',
          params: { count: String(backoff.count), ...agoParams(context, backoff.lastSeen) },
        });
      if (group.pods.length > 1)
        lines.say({
          key: 'history.morePods',
          params: { count: group.pods.length, what: kill ? 'restarted' : 'notReady' },
        });
      const evidence = lines;
      return {
        ...podGroupFinding(group, pod, {
          code: 'ProbeFailure',
          // Killed once an hour ago and fine since is worth a look, not a page.
          severity: kill && kill.kills < REPEATED_KILLS ? 'warning' : 'critical',
          ...(cause
            ? {
                rootCause: {
                  ...cause,
                  ...(dependency.state
                    ? { state: render(dependency.state, 'en'), stateText: dependency.state }
                    : {}),
                },
              }
            : {}),
          summary: render(summary, 'en'),
          evidence: evidence.lines,
          suggestions: suggestions.map((text) => render(text, 'en')),
        }),
        summaryText: summary,
        evidenceTexts: evidence.texts,
        suggestionTexts: suggestions,
      };
    });
  },
};
