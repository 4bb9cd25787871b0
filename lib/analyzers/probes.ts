// ProbeFailure: a container fails its probes now (Unhealthy, Ready=False) or was killed by its liveness/startup
// probe again and again in the last hour (Killing events, recent restarts) even if it looks Ready right now.
import type { K8sObject } from '../cluster/index.ts';
import {
  type AnalysisContext,
  ago,
  containerStatuses,
  describeProbe,
  groupByOwner,
  groupName,
  isReady,
  morePods,
  ownerReads,
  podGroupFinding,
  probeKills,
  probeKindOf,
  recentEvents,
  recentTermination,
  refOf,
} from '../evidence/index.ts';
import { crashingContainer } from './crashloop.ts';
import type { Analyzer } from './types.ts';

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

export const probeFailure: Analyzer = {
  name: 'probes',
  reads: { Pod: ['pods', 'events', 'replicaSets'] },
  followUps: ownerReads,
  analyze(context) {
    const suspects = context.list('pods').filter((pod) => suspect(context, pod));
    return groupByOwner(context, suspects).map((group) => {
      const pod = group.pods[0]!;
      const who = groupName(group.owner, pod);
      const kill = killsOf(context, pod)[0];
      const unhealthy = kill?.failure ?? context.eventsFor(refOf(pod)).find((e) => e.reason === 'Unhealthy');
      const kind = kill?.kind ?? probeKindOf(unhealthy?.message ?? '');
      const container = kill?.container ?? containerStatuses(pod).find((s) => !s.ready)?.name ?? '';
      const check = describeProbe(pod, container, kind);
      const probe = check?.probe ?? `${kind} probe`;
      const detail = (unhealthy?.message ?? '').replace(
        /^(Readiness|Liveness|Startup) probe failed:\s*/i,
        '',
      );
      const status = containerStatuses(pod).find((s) => s.name === container);
      const last = status ? recentTermination(context, status) : undefined;
      const backoff = recentEvents(context, refOf(pod), 'BackOff')[0];
      // "Get "http://10.0.0.1:8081/healthz": dial tcp …: connect: connection refused" says it in its last words.
      const said = detail.length > 60 ? (detail.split(': ').at(-1) ?? detail) : detail;
      const why = [said.slice(0, 100), check?.portMismatch ? check.listens : ''].filter(Boolean).join('; ');
      const summary = kill
        ? `${who} keeps being restarted by its ${probe}: killed ${kill.kills} ${kill.kills === 1 ? 'time' : 'times'} in the last hour${why ? ` (${why})` : ''}.`
        : `${who} is running but not ready: its ${probe} fails${why ? ` (${why})` : ''}.`;
      return podGroupFinding(group, pod, {
        code: 'ProbeFailure',
        // Killed once an hour ago and fine since is worth a look, not a page.
        severity: kill && kill.kills < REPEATED_KILLS ? 'warning' : 'critical',
        summary,
        evidence: [
          kill || !status
            ? `pod ${pod.metadata.name} container ${container}: ${isReady(pod) ? 'Ready now' : 'not ready'}, restarted ${status?.restartCount ?? 0} times`
            : `pod ${pod.metadata.name}: Running, Ready=False`,
          ...(check ? [`${check.probe} — ${check.listens}`] : []),
          ...(kill
            ? [
                `event Killing ×${kill.kills} (last ${ago(context, kill.lastSeen)}): container ${container} failed ${kind} probe`,
              ]
            : []),
          ...(unhealthy ? [`event Unhealthy ×${unhealthy.count}: ${unhealthy.message.slice(0, 160)}`] : []),
          ...(last
            ? [
                `last terminated ${ago(context, Date.parse(last.finishedAt))}: exit code ${last.exitCode}${last.reason ? ` (${last.reason})` : ''}`,
              ]
            : []),
          ...(backoff ? [`event BackOff ×${backoff.count} (last ${ago(context, backoff.lastSeen)})`] : []),
          ...morePods(group, kill ? 'restarted by their probe' : 'not ready'),
        ],
        suggestions: [
          `kubectl -n ${pod.metadata.namespace} describe pod ${pod.metadata.name}`,
          check?.portMismatch
            ? 'point the probe at the port the container listens on'
            : 'check the probe path/port against what the app serves, and its timeouts',
        ],
      });
    });
  },
};
