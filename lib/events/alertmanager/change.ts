// What a webhook changes in an open incident, decided from what Redis held before it: a new alert name, a severity
// up, or its last firing alert resolved. Repeats of alerts already firing change nothing, so nothing is posted.
import type { IncidentChange } from '../../jobs/index.ts';
import { type IncidentSeen, severityRank } from '../../store/index.ts';
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

const topRank = (severities: (string | undefined)[]) => Math.max(-1, ...severities.map(severityRank));

export function materialChange(seen: IncidentSeen, batch: IncidentBatch): MaterialChange | undefined {
  const before = seen.before;
  // Nothing is known of the incident (it was never opened here): its first firing alert opens it elsewhere.
  if (Object.keys(before).length === 0) return undefined;
  const resolved = new Set(batch.resolved.map(({ alert }) => alert.fingerprint));
  const firing = new Set(batch.firing.map(({ alert }) => alert.fingerprint));
  const after = new Set(
    [...Object.keys(before), ...firing].filter((fp) => !resolved.has(fp) || firing.has(fp)),
  );
  const last = batch.resolved.at(-1);
  if (after.size === 0 && last && batch.resolved.some(({ alert }) => alert.fingerprint in before))
    return {
      change: 'resolved',
      alerts: [{ name: last.alert.labels.alertname ?? 'unknown' }],
      cause: last.alert,
      indexes: batch.resolved.map(({ index }) => index),
    };
  const told = seen.thread?.status === 'firing' ? seen.thread : undefined;
  // No message yet: the diagnose job in flight tells of what fired meanwhile when it posts (see diagnose-alert).
  if (!told) return undefined;
  const known = new Set([...Object.values(before).map((a) => a.name), ...told.names]);
  const fresh = batch.firing.filter(({ alert }) => !(alert.fingerprint in before));
  const rank = topRank([...Object.values(before).map((a) => a.severity), told.severity]);
  const escalating = fresh
    .filter(({ job }) => severityRank(job.alert.severity) > rank)
    .sort((a, b) => severityRank(b.job.alert.severity) - severityRank(a.job.alert.severity));
  const named = fresh.filter(
    ({ job }, i) =>
      !known.has(job.alert.name) && fresh.findIndex((f) => f.job.alert.name === job.alert.name) === i,
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
