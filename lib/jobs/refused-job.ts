// A signed job the Worker refuses for good (400: another version queued it, or its shape is wrong) is not
// dropped silently: when enough of it is legible to name its alert, that alert still gets the "no diagnosis"
// message, and its incident is released so the next alert about the workload is not grouped into a dead job.
import { z } from 'zod';
import type { Report } from '../report/index.ts';
import { undiagnosedReport } from './diagnose-alert.ts';
import { type DedupState, guardedStores } from './guarded-stores.ts';
import { deliverOnce, runOnce } from './once.ts';
import { JobBase, ReplyTarget } from './schema.ts';
import type { JobDeps } from './types.ts';

const Text = z.string().max(2048);

/** The most a refused diagnose-alert job is read for: each field on its own, whatever is unreadable ignored. */
const LegibleAlertJob = z.object({
  kind: z.literal('diagnose-alert'),
  id: JobBase.shape.id.optional().catch(undefined),
  cluster: Text.catch('unknown'),
  incidentKey: z.string().max(8192).optional().catch(undefined),
  replyTo: z.array(ReplyTarget).min(1).optional().catch(undefined),
  alert: z
    .object({
      name: Text.catch('unknown'),
      severity: Text.optional().catch(undefined),
      labels: z.record(z.string(), z.string()).catch({}),
      annotations: z.record(z.string(), z.string()).catch({}),
    })
    .catch({ name: 'unknown', labels: {}, annotations: {} }),
});

export type RefusedJobDeps = Pick<JobDeps, 'ledger' | 'reports' | 'incidents' | 'deliver' | 'now'> & {
  /** Where alerts go when the job does not say (or says it illegibly). */
  alertTargets: ReplyTarget[];
};

/**
 * After the job route refused a signed body for `reason`: the message for its alert, once (by the job's id when
 * it has a legible one), and the incident released. Answers the targets told, or undefined when the body names
 * no diagnose-alert job (nothing can be said about it).
 */
export async function tellRefusedJob(
  body: string,
  reason: string,
  deps: RefusedJobDeps,
): Promise<string[] | undefined> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const legible = LegibleAlertJob.safeParse(json);
  if (!legible.success) return undefined;
  const job = legible.data;
  // Nothing follows a refusal, so this is the last delivery: the stores are best effort.
  const dedup: DedupState = { unavailable: false };
  const stores = guardedStores(deps, true, dedup);
  const now = deps.now?.() ?? new Date();
  const id = job.id ?? `refused-${crypto.randomUUID()}`;
  const report: Report = undiagnosedReport(
    job,
    `${id}-${crypto.randomUUID().slice(0, 8)}`.slice(0, 200),
    `the responder could not read this alert's job (${reason.slice(0, 300)})`,
    now,
  );
  const targets = job.replyTo ?? deps.alertTargets;
  const outcome = await runOnce(stores.ledger, id, 120, () =>
    deliverOnce(stores.ledger, id, targets, (target) => deps.deliver(target, report)),
  );
  if (job.incidentKey && job.id)
    await stores.incidents?.release(job.incidentKey, job.id).catch(() => undefined);
  return Array.isArray(outcome) ? outcome.map(({ key }) => key) : [];
}
