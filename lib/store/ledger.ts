// The job ledger: what makes a job safe to deliver twice. One worker holds a job at a time, a finished job is
// never redone, and each chat target is sent a job's message once.
import { type Kv, kvKey, kvRun, ttl } from './kv.ts';

/** How long a finished job and its delivered marks are remembered: longer than any queue retries one. */
const REMEMBER_SECONDS = 7 * 86_400;

export type JobClaim = 'claimed' | 'running' | 'done';

export interface JobLedger {
  /** Locks a job for one worker: `running` when another delivery holds it, `done` once it finished. */
  claim(jobId: string, lockSeconds: number): Promise<JobClaim>;
  finish(jobId: string): Promise<void>;
  /** Gives the job back (it failed), so a retry can take it. */
  release(jobId: string): Promise<void>;
  /** Whether a job's message already reached a chat target (so a retry never doubles it). */
  wasDelivered(jobId: string, target: string): Promise<boolean>;
  markDelivered(jobId: string, target: string): Promise<void>;
}

export function jobLedger(kv: Kv, prefix = 'kr'): JobLedger {
  const key = (jobId: string, ...parts: string[]) => kvKey(prefix, 'job', jobId, ...parts);
  return {
    async claim(jobId, lockSeconds) {
      const [done, locked] = await kv.batch([
        ['get', key(jobId, 'done')],
        ['set', key(jobId, 'lock'), '1', { nx: true, ex: ttl(lockSeconds) }],
      ]);
      if (done !== null) {
        // The lock taken alongside the check would only delay nothing; drop it so the ledger stays as it was.
        if (locked) await kvRun(kv, ['del', key(jobId, 'lock')]);
        return 'done';
      }
      return locked ? 'claimed' : 'running';
    },
    async finish(jobId) {
      await kv.batch([
        ['set', key(jobId, 'done'), '1', { ex: REMEMBER_SECONDS }],
        ['del', key(jobId, 'lock')],
      ]);
    },
    async release(jobId) {
      await kvRun(kv, ['del', key(jobId, 'lock')]);
    },
    async wasDelivered(jobId, target) {
      return (await kvRun(kv, ['get', key(jobId, 'delivered', target)])) !== null;
    },
    async markDelivered(jobId, target) {
      await kvRun(kv, ['set', key(jobId, 'delivered', target), '1', { ex: REMEMBER_SECONDS }]);
    },
  };
}
