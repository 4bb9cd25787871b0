// What a webhook changes in an open incident, decided from its thread (what it has told) and the firing set's
// replies: a new alert name, a severity up, or its last firing alert resolved. Repeats change nothing.
import type { IncidentChange } from '../../jobs/index.ts';
import { type IncidentThread, severityRank } from '../../store/index.ts';
import type { AlertmanagerAlert } from './payload.ts';

/** One incident's alerts of the webhook (see ingest.ts). */
export interface IncidentBatch {
  firing: { index: number; alert: AlertmanagerAlert; job: { alert: { name: string; severity?: string } } }[];
  resolved: { index: number; alert: AlertmanagerAlert }[];
}

export interface MaterialChange {
  change: IncidentChange;
  alerts: { name: string; severity?: string }[];
  /** The alert the update's job id is derived from. */
  cause: AlertmanagerAlert;
  /** The webhook's alerts behind the change. */
  indexes: number[];
}

/** What ingest knows of an open incident: the thread as the webhook read it, and whether this webhook emptied it. */
export interface IncidentState {
  thread?: IncidentThread;
  /** A resolved alert of this webhook was removed from the firing set, and nothing fires any more. */
  emptied: boolean;
}

export function materialChange(state: IncidentState, batch: IncidentBatch): MaterialChange | undefined {
  const last = batch.resolved.at(-1);
  if (state.emptied && last)
    return {
      change: 'resolved',
      alerts: [{ name: last.alert.labels.alertname ?? 'unknown' }],
      cause: last.alert,
      indexes: batch.resolved.map(({ index }) => index),
    };
  const told = state.thread?.status === 'firing' ? state.thread : undefined;
  // No message yet: the diagnose job in flight tells of what fired meanwhile when it posts (see diagnose-alert).
  if (!told) return undefined;
  // What the thread has told (its names and severity, the diagnose job's catch-up included) is the baseline, so
  // repeats of alerts already told change nothing, however often Alertmanager re-sends them.
  const known = new Set(told.names);
  const rank = severityRank(told.severity);
  const escalating = batch.firing
    .filter(({ job }) => severityRank(job.alert.severity) > rank)
    .sort((a, b) => severityRank(b.job.alert.severity) - severityRank(a.job.alert.severity));
  const named = batch.firing.filter(
    ({ job }, i) =>
      !known.has(job.alert.name) && batch.firing.findIndex((f) => f.job.alert.name === job.alert.name) === i,
  );
  const behind = escalating.length > 0 ? escalating : named;
  const first = behind[0];
  if (!first) return undefined;
  return {
    change: escalating.length > 0 ? 'escalation' : 'alert',
    alerts: behind.map(({ job }) => ({
      name: job.alert.name,
      ...(job.alert.severity ? { severity: job.alert.severity } : {}),
    })),
    cause: first.alert,
    indexes: behind.map(({ index }) => index),
  };
}
