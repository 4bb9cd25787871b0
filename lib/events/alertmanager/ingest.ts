// Alerts in, jobs out: one diagnose job per incident (workload), not per alert, enqueued exactly once. However
// many alerts a webhook carries, the incidents cost two round trips to Redis: one to claim, one to join.
import type { DiagnoseAlertJob, ReplyTarget } from '../../jobs/index.ts';
import type { Queue } from '../../queue/index.ts';
import type { IncidentStore } from '../../store/index.ts';
import { diagnoseAlertJob } from './job.ts';
import type { AlertmanagerAlert } from './payload.ts';

export interface IngestOptions {
  queue: Queue<DiagnoseAlertJob>;
  /** Without incidents there is no grouping across webhooks (QStash dedup ids still stop redeliveries). */
  incidents?: IncidentStore;
  defaultCluster: string;
  /** Where the reports go: the same for every alert, or chosen per incident from its first alert's job (routing). */
  replyTo: ReplyTarget[] | ((job: DiagnoseAlertJob) => ReplyTarget[]);
  incidentWindowSeconds: number;
  now: Date;
}

export interface IngestResult {
  /** Jobs published (or already queued under the same dedup id). */
  enqueued: { jobId: string; incident: string; alerts: number[]; deduplicated: boolean }[];
  /** Alerts that joined an incident already being diagnosed. */
  grouped: { index: number; incident: string; jobId: string }[];
  /** Resolved alerts: nothing to diagnose. */
  resolved: number[];
  /**
   * Alerts whose job could not be enqueued (the caller answers 5xx so Alertmanager retries), each with a short
   * public reason: which part failed, never the failing command (Alertmanager logs what it is answered).
   */
  failed: { index: number; error: string }[];
  /** The same failures in full, for the log only: they may carry internal text (keys, commands). */
  errors: string[];
}

/** An incident of this webhook: the job of its first alert, and every alert's index and own summary. */
type Opened = { job: DiagnoseAlertJob; indexes: number[]; summaries: string[] };

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

export async function ingestAlerts(
  alerts: { index: number; alert: AlertmanagerAlert }[],
  options: IngestOptions,
): Promise<IngestResult> {
  const result: IngestResult = { enqueued: [], grouped: [], resolved: [], failed: [], errors: [] };
  const fail = (indexes: number[], error: unknown, reason: string) => {
    for (const index of indexes) result.failed.push({ index, error: reason });
    result.errors.push(messageOf(error));
  };
  // Alerts of one batch about the same workload form one incident before anything touches the network.
  const incidents = new Map<string, Opened>();
  for (const { index, alert } of alerts) {
    if (alert.status === 'resolved') {
      result.resolved.push(index);
      continue;
    }
    const { replyTo } = options;
    const unrouted = diagnoseAlertJob(alert, {
      defaultCluster: options.defaultCluster,
      replyTo: Array.isArray(replyTo) ? replyTo : [],
      now: options.now,
    });
    const job = Array.isArray(replyTo) ? unrouted : { ...unrouted, replyTo: replyTo(unrouted) };
    const open = incidents.get(job.incidentKey);
    if (open) {
      open.indexes.push(index);
      open.summaries.push(joinedAlert(job.alert));
    } else incidents.set(job.incidentKey, { job, indexes: [index], summaries: [joinedAlert(job.alert)] });
  }

  const opened = [...incidents.values()];
  let toPublish = opened;
  if (options.incidents && opened.length > 0) {
    const store = options.incidents;
    const window = options.incidentWindowSeconds;
    let claims: Awaited<ReturnType<typeof store.claimAll>>;
    try {
      claims = await store.claimAll(
        opened.map(({ job }) => ({ key: job.incidentKey, jobId: job.id })),
        window,
      );
    } catch (error) {
      fail(
        opened.flatMap(({ indexes }) => indexes),
        error,
        INCIDENT_STORE_UNAVAILABLE,
      );
      return result;
    }
    toPublish = opened.filter((_, i) => claims[i]?.claimed);
    const joining = opened.flatMap((incident, i) => {
      const claim = claims[i];
      return claim && !claim.claimed ? [{ ...incident, holder: claim.jobId }] : [];
    });
    if (joining.length > 0) {
      try {
        await store.join(
          joining.flatMap(({ job, summaries }) =>
            summaries.map((alert) => ({ key: job.incidentKey, alert })),
          ),
          window,
        );
        for (const { job, indexes, holder } of joining)
          for (const index of indexes)
            result.grouped.push({ index, incident: job.incidentKey, jobId: holder });
      } catch (error) {
        fail(
          joining.flatMap(({ indexes }) => indexes),
          error,
          INCIDENT_STORE_UNAVAILABLE,
        );
      }
    }
  }

  await Promise.all(
    toPublish.map(async ({ job, indexes }) => {
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
  );
  return result;
}
