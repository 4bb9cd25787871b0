// Alerts in, jobs out: one diagnose job per incident (workload), not per alert, enqueued exactly once; later
// alerts of an open incident become an incident-update job only when they change something material. However
// many alerts a webhook carries, the incidents cost two round trips to Redis: one to claim and record, one to join.

import type { DiagnoseAlertJob, IncidentUpdateJob, ReplyTarget } from '../../jobs/index.ts';
import type { Queue } from '../../queue/index.ts';
import { INCIDENT_THREAD_TTL_SECONDS, type IncidentSeen, type IncidentStore } from '../../store/index.ts';
import { materialChange } from './change.ts';
import { diagnoseAlertJob, incidentRecheckJob, incidentUpdateJob } from './job.ts';
import type { AlertmanagerAlert } from './payload.ts';

export interface IngestOptions {
  queue: Queue<DiagnoseAlertJob | IncidentUpdateJob>;
  /** Without incidents there is no grouping across webhooks (QStash dedup ids still stop redeliveries). */
  incidents?: IncidentStore;
  defaultCluster: string;
  /** Where the reports go: the same for every alert, or chosen per incident from its first alert's job (routing). */
  replyTo: ReplyTarget[] | ((job: DiagnoseAlertJob) => ReplyTarget[]);
  incidentWindowSeconds: number;
  /**
   * INCIDENT_RECHECK_SECONDS: a firing incident last diagnosed longer ago than this is diagnosed again when
   * Alertmanager re-sends its alerts, and its thread told of a new root cause. Absent or 0: never.
   */
  recheckSeconds?: number;
  now: Date;
}

export interface IngestResult {
  /** Jobs published (or already queued under the same dedup id). */
  enqueued: { jobId: string; incident: string; alerts: number[]; deduplicated: boolean }[];
  /** Alerts that joined an incident already being diagnosed. */
  grouped: { index: number; incident: string; jobId: string }[];
  /** Resolved alerts: nothing to diagnose (the last of an incident's resolves it, see `updated`). */
  resolved: number[];
  /** Material changes of open incidents, each told in the incident's thread by an incident-update job. */
  updated: { jobId: string; incident: string; change: IncidentUpdateJob['change']; alerts: number[] }[];
  /**
   * Alerts whose job could not be enqueued (the caller answers 5xx so Alertmanager retries), each with a short
   * public reason: which part failed, never the failing command (Alertmanager logs what it is answered).
   */
  failed: { index: number; error: string }[];
  /** The same failures in full, for the log only: they may carry internal text (keys, commands). */
  errors: string[];
}

/** An incident of this webhook: the job of its first firing alert, and every alert's index and own summary. */
type Opened = {
  key: string;
  cluster: string;
  job?: DiagnoseAlertJob;
  indexes: number[];
  summaries: string[];
  firing: { index: number; job: DiagnoseAlertJob; alert: AlertmanagerAlert }[];
  resolved: { index: number; alert: AlertmanagerAlert }[];
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What the incident store's failures are answered as: its SDK echoes the failed command in its message. */
export const INCIDENT_STORE_UNAVAILABLE = 'incident store (Redis) unavailable';

/** The queue's own message (QStash's answer), cut to its first line and to what no SDK appended. */
const queueReason = (error: unknown) =>
  (messageOf(error).split('\n')[0] ?? '').replace(/, command was:.*$/s, '').slice(0, 200) ||
  'queue unavailable';

/** How a joined alert is remembered in its incident: enough to find it in Alertmanager. */
export const joinedAlert = (alert: { name: string; fingerprint: string }) =>
  `${alert.name} ${alert.fingerprint}`;

/** Alerts of one batch about the same workload form one incident before anything touches the network. */
function byIncident(alerts: { index: number; alert: AlertmanagerAlert }[], options: IngestOptions) {
  const incidents = new Map<string, Opened>();
  const { replyTo } = options;
  for (const { index, alert } of alerts) {
    const unrouted = diagnoseAlertJob(alert, {
      defaultCluster: options.defaultCluster,
      replyTo: Array.isArray(replyTo) ? replyTo : [],
      now: options.now,
    });
    const incident = incidents.get(unrouted.incidentKey) ?? {
      key: unrouted.incidentKey,
      cluster: unrouted.cluster,
      indexes: [],
      summaries: [],
      firing: [],
      resolved: [],
    };
    incidents.set(incident.key, incident);
    if (alert.status === 'resolved') {
      incident.resolved.push({ index, alert });
      continue;
    }
    // Routing is asked once per incident, for its first firing alert.
    const job =
      incident.job ?? (Array.isArray(replyTo) ? unrouted : { ...unrouted, replyTo: replyTo(unrouted) });
    incident.job ??= job;
    incident.indexes.push(index);
    incident.summaries.push(joinedAlert(unrouted.alert));
    incident.firing.push({ index, job: unrouted, alert });
  }
  return [...incidents.values()];
}

/** The incident is open with a message out: a new claim (its window lapsed) diagnoses nothing new. */
const openWithThread = (seen: IncidentSeen) =>
  seen.thread?.status === 'firing' && Object.keys(seen.before).length > 0;

/** Its thread's last diagnosis is older than the recheck interval (what the sighting read: no Redis command more). */
const recheckDue = (seen: IncidentSeen, options: IngestOptions) => {
  const thread = seen.thread;
  if (!options.recheckSeconds || thread?.status !== 'firing') return false;
  const at = Date.parse(thread.diagnosedAt ?? thread.openedAt);
  return !Number.isNaN(at) && options.now.getTime() - at >= options.recheckSeconds * 1000;
};

export async function ingestAlerts(
  alerts: { index: number; alert: AlertmanagerAlert }[],
  options: IngestOptions,
): Promise<IngestResult> {
  const result: IngestResult = {
    enqueued: [],
    grouped: [],
    resolved: [],
    updated: [],
    failed: [],
    errors: [],
  };
  const fail = (indexes: number[], error: unknown, reason: string) => {
    for (const index of indexes) result.failed.push({ index, error: reason });
    result.errors.push(messageOf(error));
  };
  for (const { index, alert } of alerts) if (alert.status === 'resolved') result.resolved.push(index);
  const opened = byIncident(alerts, options);

  let toPublish = opened.filter((incident) => incident.job);
  const updates: { job: IncidentUpdateJob; indexes: number[] }[] = [];
  if (options.incidents && opened.length > 0) {
    const store = options.incidents;
    const window = options.incidentWindowSeconds;
    let sightings: IncidentSeen[];
    try {
      sightings = await store.sight(
        opened.map((incident) => ({
          key: incident.key,
          jobId: incident.job?.id ?? '',
          firing: incident.firing.map(({ job }) => ({
            fingerprint: job.alert.fingerprint,
            name: job.alert.name,
            ...(job.alert.severity ? { severity: job.alert.severity } : {}),
          })),
          resolved: incident.resolved.map(({ alert }) => alert.fingerprint),
        })),
        window,
        INCIDENT_THREAD_TTL_SECONDS,
      );
    } catch (error) {
      fail(
        opened.flatMap(({ indexes, resolved }) => [...indexes, ...resolved.map((r) => r.index)]),
        error,
        INCIDENT_STORE_UNAVAILABLE,
      );
      return result;
    }
    const seenOf = (incident: Opened) => sightings[opened.indexOf(incident)] as IncidentSeen;
    toPublish = opened.filter((incident) => {
      const seen = seenOf(incident);
      return incident.job && seen.claim?.claimed && !openWithThread(seen);
    });
    const joining = opened.flatMap((incident) => {
      const seen = seenOf(incident);
      if (!incident.job || toPublish.includes(incident)) return [];
      return [
        { ...incident, holder: seen.claim && !seen.claim.claimed ? seen.claim.jobId : incident.job.id },
      ];
    });
    for (const incident of opened) {
      if (toPublish.includes(incident)) continue;
      const change = materialChange(seenOf(incident), incident);
      // Nothing new was said, but the diagnosis is old: diagnose again, told only if the root cause moved.
      if (!change && incident.job && options.recheckSeconds && recheckDue(seenOf(incident), options)) {
        updates.push({
          job: incidentRecheckJob(incident.job, options.recheckSeconds, options.now),
          indexes: incident.indexes,
        });
        continue;
      }
      if (!change) continue;
      updates.push({
        job: incidentUpdateJob(
          {
            incidentKey: incident.key,
            cluster: incident.cluster,
            change: change.change,
            alerts: change.alerts,
          },
          change.cause,
          options.now,
        ),
        indexes: change.indexes,
      });
    }
    if (joining.length > 0) {
      try {
        await store.join(
          joining.flatMap(({ key, summaries }) => summaries.map((alert) => ({ key, alert }))),
          window,
        );
        for (const { key, indexes, holder } of joining)
          for (const index of indexes) result.grouped.push({ index, incident: key, jobId: holder });
      } catch (error) {
        fail(
          joining.flatMap(({ indexes }) => indexes),
          error,
          INCIDENT_STORE_UNAVAILABLE,
        );
      }
    }
  }

  await Promise.all([
    ...toPublish.map(async ({ job, indexes }) => {
      if (!job) return;
      try {
        const published = await options.queue.publish(job);
        result.enqueued.push({
          jobId: job.id,
          incident: job.incidentKey,
          alerts: indexes,
          deduplicated: published.deduplicated,
        });
      } catch (error) {
        // Best effort: a claim left behind expires with its window; the alerts fail either way, so it is retried.
        await options.incidents?.release(job.incidentKey, job.id).catch(() => undefined);
        fail(indexes, error, queueReason(error));
      }
    }),
    ...updates.map(async ({ job, indexes }) => {
      try {
        await options.queue.publish(job);
        result.updated.push({
          jobId: job.id,
          incident: job.incidentKey,
          change: job.change,
          alerts: indexes,
        });
      } catch (error) {
        fail(indexes, error, queueReason(error));
      }
    }),
  ]);
  return result;
}
