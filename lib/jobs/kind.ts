// What a job kind is: its queue message schema and how it runs. Each kind is one file exporting one of these;
// the registry (registry.ts) lists them and derives the Job union and the dispatcher.
import type { z } from 'zod';
import type { Config } from '../config/index.ts';
import type { AttemptInfo, JobDeps } from './types.ts';

/** One firing of the Worker's cron trigger. */
export interface CronTick {
  /** The cron expression that fired (wrangler.toml). */
  cron: string;
  at: Date;
}

export interface JobKind<
  S extends z.ZodType<{ kind: string; id: string }> = z.ZodType<{ kind: string; id: string }>,
  O = unknown,
> {
  kind: z.infer<S>['kind'];
  schema: S;
  run(job: z.infer<S>, deps: JobDeps, attempt: AttemptInfo): Promise<O>;
  /**
   * The jobs of this kind the cron trigger queues at this tick (e.g. a health report whose local time is due).
   * Their ids must be the same for the same slot, so a retried or doubled tick queues nothing twice.
   */
  scheduled?(tick: CronTick, config: Config): z.infer<S>[];
}

/** Declares a job kind with its types inferred from the schema (the kind name is the schema's literal). */
export function defineJobKind<S extends z.ZodType<{ kind: string; id: string }>, O>(
  definition: JobKind<S, O>,
): JobKind<S, O> {
  return definition;
}
