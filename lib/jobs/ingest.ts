// Alerts in, jobs out: one diagnose job per incident (workload), not per alert, enqueued exactly once.
import type { AlertmanagerAlert } from '../events/index.ts';
import type { Store } from '../memory/index.ts';
import type { Queue } from '../queue/index.ts';
import { diagnoseAlertJob } from './alert.ts';
import type { DiagnoseAlertJob, ReplyTarget } from './schema.ts';

export interface IngestOptions {
  queue: Queue<DiagnoseAlertJob>;
  /** Without a store there is no incident grouping (QStash dedup ids still stop redeliveries). */
  store?: Store;
  defaultCluster: string;
  replyTo: ReplyTarget[];
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
  /** Alerts whose job could not be enqueued (the caller answers 5xx so Alertmanager retries). */
  failed: { index: number; error: string }[];
}

export async function ingestAlerts(
  alerts: { index: number; alert: AlertmanagerAlert }[],
  options: IngestOptions,
): Promise<IngestResult> {
  const result: IngestResult = { enqueued: [], grouped: [], resolved: [], failed: [] };
  // Alerts of one batch about the same workload form one incident before anything touches the network.
  const incidents = new Map<string, { job: DiagnoseAlertJob; indexes: number[] }>();
  for (const { index, alert } of alerts) {
    if (alert.status === 'resolved') {
      result.resolved.push(index);
      continue;
    }
    const job = diagnoseAlertJob(alert, {
      defaultCluster: options.defaultCluster,
      replyTo: options.replyTo,
      now: options.now,
    });
    const open = incidents.get(job.incidentKey);
    if (open) open.indexes.push(index);
    else incidents.set(job.incidentKey, { job, indexes: [index] });
  }

  await Promise.all(
    [...incidents.values()].map(async ({ job, indexes }) => {
      try {
        if (options.store) {
          const claim = await options.store.claimIncident(
            job.incidentKey,
            job.id,
            options.incidentWindowSeconds,
          );
          if (!claim.claimed) {
            for (const index of indexes) {
              await options.store.joinIncident(
                job.incidentKey,
                `${job.alert.name} ${job.alert.fingerprint}`,
                options.incidentWindowSeconds,
              );
              result.grouped.push({ index, incident: job.incidentKey, jobId: claim.jobId });
            }
            return;
          }
        }
        try {
          const published = await options.queue.publish(job);
          result.enqueued.push({
            jobId: job.id,
            incident: job.incidentKey,
            alerts: indexes,
            deduplicated: published.deduplicated,
          });
        } catch (error) {
          await options.store?.releaseIncident(job.incidentKey, job.id);
          throw error;
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        for (const index of indexes) result.failed.push({ index, error: message });
      }
    }),
  );
  return result;
}
