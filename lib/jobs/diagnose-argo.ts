// The diagnose-argo job: an Argo CD notification (sync failed, health degraded, sync status unknown, or a sync that
// succeeded after a failure) explained in one message that names the resource, the field and the fix.
import { z } from 'zod';
import { ArgoNotification } from '../events/argocd/payload.ts';
import { defineJobKind } from './kind.ts';
import { JobBase } from './schema.ts';
import type { AttemptInfo, JobDeps } from './types.ts';

export const DiagnoseArgoJob = JobBase.extend({
  kind: z.literal('diagnose-argo'),
  source: z.literal('argocd'),
  /** The notification as received (bounded by its schema); the Application read through the proxy wins over it. */
  notification: ArgoNotification,
  /**
   * Once per failure: app + revision + phase + a hash of the normalised message (retry counters removed). The job
   * id is derived from it, so the same failure notified again is the same job and one message.
   */
  failureKey: z.string().min(1).max(200),
});
export type DiagnoseArgoJob = z.infer<typeof DiagnoseArgoJob>;

export type DiagnoseArgoOutcome =
  | { status: 'done'; reportId: string; delivered: string[] }
  | { status: 'duplicate' }
  | { status: 'busy' };

export async function runDiagnoseArgoJob(
  _job: DiagnoseArgoJob,
  _deps: JobDeps,
  _attempt: AttemptInfo = { finalAttempt: false },
): Promise<DiagnoseArgoOutcome> {
  throw new Error('diagnose-argo: not built yet');
}

export const diagnoseArgo = defineJobKind({
  kind: 'diagnose-argo',
  schema: DiagnoseArgoJob,
  run: runDiagnoseArgoJob,
});
