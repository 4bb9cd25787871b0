// When the trouble began (first failing event, first crash, Ready lost, the alert's startsAt) and which change
// it follows: one that landed within the window before it and reached exactly the pods in trouble.
import type { K8sObject } from '../cluster/index.ts';
import { type AnalysisContext, containerStatuses, isReady } from '../evidence/index.ts';
import type { ObjectRef } from '../report/index.ts';
import type { Change } from './change.ts';

// biome-ignore lint/suspicious/noExplicitAny: status shapes as the API returns them
type Status = any;

/** A pod is in trouble when it is not ready, a container waits on an error, or it has crashed. */
export function inTrouble(pod: K8sObject): boolean {
  if (pod.status?.phase === 'Succeeded') return false;
  if (pod.status?.phase === 'Failed') return true;
  return (
    !isReady(pod) ||
    containerStatuses(pod).some(
      (status: Status) =>
        (status.restartCount ?? 0) > 0 &&
        !!status.lastState?.terminated &&
        status.state?.running === undefined,
    )
  );
}

const time = (value: unknown) => (typeof value === 'string' ? Date.parse(value) : Number.NaN);

/** The first sign of trouble among the pods, as milliseconds; NaN when nothing dates it. */
export function troubleStart(context: AnalysisContext, pods: K8sObject[], since?: string): number {
  const names = new Set(pods.map((pod) => pod.metadata.name));
  const times: number[] = [time(since)];
  for (const event of [...context.list('events'), ...context.list('eventsV1')]) {
    const about = event.involvedObject ?? event.regarding;
    if (event.type !== 'Warning' || about?.kind !== 'Pod' || !names.has(about.name)) continue;
    times.push(
      time(event.firstTimestamp ?? event.eventTime ?? event.lastTimestamp ?? event.deprecatedFirstTimestamp),
    );
  }
  for (const pod of pods) {
    for (const status of containerStatuses(pod) as Status[]) {
      times.push(time(status.lastState?.terminated?.finishedAt), time(status.state?.terminated?.finishedAt));
    }
    const ready = (pod.status?.conditions ?? []).find(
      (c: Status) => c.type === 'Ready' && c.status === 'False',
    );
    times.push(time(ready?.lastTransitionTime));
  }
  const known = times.filter(Number.isFinite);
  return known.length ? Math.min(...known) : Number.NaN;
}

export interface Verdict {
  workload: ObjectRef;
  /** The change(s) the trouble followed, how it arrived first (a sync, a Helm upgrade), then what it changed. */
  blamed: Change[];
  /** Changes that landed after the trouble began: named, never blamed. */
  after: Change[];
  /** The newest change before the trouble, when none is blamed. */
  previous?: Change;
  /** When the trouble began (ms; NaN unknown) and the window (minutes). */
  start: number;
  windowMinutes: number;
}

/** Whether every pod in trouble is one the change reached. */
const confined = (change: Change, troubled: K8sObject[]) =>
  troubled.length > 0 && troubled.every((pod) => change.pods.includes(pod.metadata.name));

export function judge(
  workload: ObjectRef,
  changes: Change[],
  troubled: K8sObject[],
  start: number,
  windowMinutes: number,
): Verdict {
  const at = (change: Change) => Date.parse(change.at);
  const before = changes.filter((change) => !(at(change) > start)).sort((a, b) => at(b) - at(a));
  const after = Number.isFinite(start) ? changes.filter((change) => at(change) > start) : [];
  const inWindow = before.filter(
    (change) => start - at(change) <= windowMinutes * 60_000 && confined(change, troubled),
  );
  // What changed in the pods (a rollout, an edited ConfigMap), and how it got there (a sync, an upgrade).
  const what = inWindow.find((change) => change.source === 'rollout' || change.source === 'config');
  const how = inWindow.find((change) => change.source === 'argocd' || change.source === 'helm');
  const blamed = [how, what].filter((change): change is Change => !!change);
  return {
    workload,
    blamed,
    after,
    ...(blamed.length === 0 && before[0] ? { previous: before[0] } : {}),
    start,
    windowMinutes,
  };
}
