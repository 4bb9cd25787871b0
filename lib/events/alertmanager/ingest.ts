// Alerts in, jobs out: one diagnose job per incident (workload), not per alert, enqueued exactly once; later
// alerts of an open incident become an incident-update job only when they change something material. However
// many alerts a webhook carries, the incidents cost two round trips to Redis: one to read, one to claim and record.

import type { DiagnoseAlertJob, IncidentUpdateJob, ReplyTarget } from '../../jobs/index.ts';
import type { Queue } from '../../queue/index.ts';
import {
  INCIDENT_THREAD_TTL_SECONDS,
  type IncidentClaim,
  type IncidentLook,
  type IncidentRecorded,
  type IncidentStore,
} from '../../store/index.ts';
import { type IncidentState, materialChange } from './change.ts';
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

/** An incident of this webhook: the job of its first firing alert, and every alert's index. */
type Opened = {
  key: string;
  cluster: string;
  job?: DiagnoseAlertJob;
  indexes: number[];
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
    incident.firing.push({ index, job: unrouted, alert });
  }
  return [...incidents.values()];
}

/** What the webhook's two round trips learnt of an incident. */
type Known = IncidentState & { claim?: IncidentClaim; hadFiring: boolean };

/**
 * Two round trips, whatever the webhook holds: one `MGET` of every incident's holder and thread; then per incident
 * the firing set's writes, and a claim only where no job held it (a lost race answers the holder).
 */
async function look(store: IncidentStore, opened: Opened[], options: IngestOptions): Promise<Known[]> {
  const looks = await store.look(opened.map(({ key }) => key));
  const recorded = await store.record(
    opened.map((incident, i) => ({
      key: incident.key,
      jobId: incident.job?.id ?? '',
      claim: incident.job !== undefined && looks[i]?.holder === null,
      firing: incident.firing.map(({ job }) => ({
        fingerprint: job.alert.fingerprint,
        name: job.alert.name,
        ...(job.alert.severity ? { severity: job.alert.severity } : {}),
      })),
      resolved: incident.resolved.map(({ alert }) => alert.fingerprint),
    })),
    options.incidentWindowSeconds,
    INCIDENT_THREAD_TTL_SECONDS,
  );
  return opened.map((incident, i): Known => {
    const { holder, thread } = looks[i] as IncidentLook;
    const { claim, hadFiring, emptied } = recorded[i] as IncidentRecorded;
    // A holder found: its job's own alerts were recorded when it claimed, so the incident was already firing.
    const held: IncidentClaim | undefined =
      holder === null || !incident.job
        ? undefined
        : holder === incident.job.id
          ? { claimed: true }
          : { claimed: false, jobId: holder };
    const known = claim ?? held;
    return {
      ...(thread ? { thread } : {}),
      emptied,
      hadFiring: hadFiring ?? true,
      ...(known ? { claim: known } : {}),
    };
  });
}

/** The incident is open with a message out: a new claim (its window lapsed) diagnoses nothing new. */
const openWithThread = (seen: Known) => seen.thread?.status === 'firing' && seen.hadFiring;

/** Its thread's last diagnosis is older than the recheck interval (what the look read: no Redis command more). */
const recheckDue = (seen: Known, options: IngestOptions) => {
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
    let known: Known[];
    try {
      known = await look(store, opened, options);
    } catch (error) {
      fail(
        opened.flatMap(({ indexes, resolved }) => [...indexes, ...resolved.map((r) => r.index)]),
        error,
        INCIDENT_STORE_UNAVAILABLE,
      );
      return result;
    }
    const knownOf = (incident: Opened) => known[opened.indexOf(incident)] as Known;
    toPublish = opened.filter((incident) => {
      const seen = knownOf(incident);
      return incident.job && seen.claim?.claimed && !openWithThread(seen);
    });
    for (const incident of opened) {
      const seen = knownOf(incident);
      if (!incident.job || toPublish.includes(incident)) continue;
      // Joined an incident already being diagnosed: its alerts are in the firing set, nothing more to write.
      const holder = seen.claim && !seen.claim.claimed ? seen.claim.jobId : incident.job.id;
      for (const index of incident.indexes)
        result.grouped.push({ index, incident: incident.key, jobId: holder });
    }
    for (const incident of opened) {
      if (toPublish.includes(incident)) continue;
      const seen = knownOf(incident);
      const change = materialChange(seen, incident);
      // Nothing new was said, but the diagnosis is old: diagnose again, told only if the root cause moved.
      if (!change && incident.job && options.recheckSeconds && recheckDue(seen, options)) {
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
