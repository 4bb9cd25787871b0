// The job kinds the Worker runs: adding one is a file (see kind.ts) and a line here. The queue message union, the
// outcome type and the dispatcher are derived from this list.
import { z } from 'zod';
import type { Config } from '../config/index.ts';
import { aiFollowup } from './ai-followup.ts';
import { chatTurn } from './chat-turn.ts';
import { diagnoseAlert } from './diagnose-alert.ts';
import { diagnoseArgo } from './diagnose-argo.ts';
import { executeAction } from './execute-action.ts';
import { healthReport } from './health-report.ts';
import { incidentUpdate } from './incident-update.ts';
import type { CronTick, JobKind } from './kind.ts';
import type { AttemptInfo, JobDeps } from './types.ts';

export const jobKinds = [
  diagnoseAlert,
  aiFollowup,
  chatTurn,
  executeAction,
  diagnoseArgo,
  healthReport,
  incidentUpdate,
] as const;

type Kinds = typeof jobKinds;
type SchemasOf<T extends readonly { schema: unknown }[]> = { -readonly [I in keyof T]: T[I]['schema'] };
type Schemas = SchemasOf<Kinds>;

/** A queue message: one versioned job of any registered kind. */
export const Job = z.discriminatedUnion('kind', jobKinds.map((kind) => kind.schema) as unknown as Schemas);
export type Job = z.infer<typeof Job>;
export type JobKindName = Job['kind'];
export type JobRunOutcome = Awaited<ReturnType<Kinds[number]['run']>>;

const byName = new Map<string, JobKind>(jobKinds.map((kind) => [kind.kind, kind as unknown as JobKind]));

/** Runs a job with the kind that declared it. */
export async function runJob(job: Job, deps: JobDeps, attempt: AttemptInfo): Promise<JobRunOutcome> {
  const kind = byName.get(job.kind);
  if (!kind) throw new Error(`no job kind '${job.kind}'`);
  return (await kind.run(job, deps, attempt)) as JobRunOutcome;
}

/** Every job the registered kinds schedule for this cron tick. */
export function scheduledJobs(tick: CronTick, config: Config): Job[] {
  return jobKinds.flatMap((kind) => ((kind as JobKind).scheduled?.(tick, config) ?? []) as Job[]);
}
