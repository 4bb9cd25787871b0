// The cron trigger (wrangler.toml [triggers]): publishes the jobs that job kinds schedule for this tick. It has no
// request, so queued jobs need PUBLIC_URL to know where QStash must deliver them.
import type { ExecutionContext } from 'hono';
import { ConfigError, type Env, loadConfig } from '../lib/config/index.ts';
import { scheduledJobs } from '../lib/jobs/index.ts';
import { queueFor } from './adapters.ts';

/** What workerd passes to `scheduled()`. */
export interface ScheduledController {
  /** The cron expression that fired, as written in wrangler.toml. */
  readonly cron: string;
  /** When it was due (ms since the epoch, UTC). */
  readonly scheduledTime: number;
  noRetry(): void;
}

export async function scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext) {
  try {
    await queueScheduled(controller, env, ctx);
  } catch (error) {
    // The same line a request's configuration error gets (the setting's name, never its value).
    if (error instanceof ConfigError)
      console.error(
        JSON.stringify({ msg: 'configuration error', cron: controller.cron, error: error.message }),
      );
    throw error;
  }
}

async function queueScheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext) {
  const config = loadConfig(env);
  const at = new Date(controller.scheduledTime);
  const jobs = scheduledJobs({ cron: controller.cron, at }, config);
  console.log(
    JSON.stringify({ msg: 'scheduled', cron: controller.cron, at: at.toISOString(), jobs: jobs.length }),
  );
  if (jobs.length === 0) return;
  const queue = queueFor(config, undefined, (p) => ctx.waitUntil(p));
  const published = await Promise.allSettled(jobs.map((job) => queue.publish(job)));
  const failed = published.flatMap((result, i) =>
    result.status === 'rejected' ? [{ job: jobs[i]?.id, error: String(result.reason) }] : [],
  );
  // A failed tick is retried by Cloudflare; the job ids are per slot, so a retry never doubles a job.
  if (failed.length > 0) {
    console.error(JSON.stringify({ msg: 'scheduled publish failed', failed }));
    throw new Error(`could not queue ${failed.length} scheduled job(s)`);
  }
}
